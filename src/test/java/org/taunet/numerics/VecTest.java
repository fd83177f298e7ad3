package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Vec's Vector paths against the scalar references, on ranges with odd offsets and lengths. */
class VecTest {
  private static final int[] LENGTHS = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1025};
  private final Random rnd = new Random(5);

  @Test
  void elementwiseKernelsMatchScalar() {
    for (int n : LENGTHS) {
      int xo = rnd.nextInt(5), yo = rnd.nextInt(5), oo = rnd.nextInt(5);
      float[] x = GemmCheck.random(rnd, xo + n + 3), y = GemmCheck.random(rnd, yo + n + 3);
      float a = rnd.nextFloat() * 4 - 2;

      float[] e = y.clone(), g = y.clone();
      Vec.axpyScalar(a, x, xo, e, yo, n);
      Vec.axpy(a, x, xo, g, yo, n);
      assertClose(e, g, 1e-6f, "axpy " + n);

      e = x.clone();
      g = x.clone();
      Vec.scaleScalar(a, e, xo, n);
      Vec.scale(a, g, xo, n);
      assertArrayEquals(e, g, "scale " + n);  // one rounding either way: exact

      for (int op = 0; op < 3; op++) {
        float[] out0 = GemmCheck.nans(oo + n + 3);
        e = out0.clone();
        g = out0.clone();
        Vec.binaryScalar(op, x, xo, y, yo, e, oo, n);
        switch (op) {
          case 0 -> Vec.add(x, xo, y, yo, g, oo, n);
          case 1 -> Vec.sub(x, xo, y, yo, g, oo, n);
          default -> Vec.mul(x, xo, y, yo, g, oo, n);
        }
        assertArrayEquals(e, g, "binary op " + op + " n=" + n);
      }

      e = x.clone();
      g = x.clone();
      Vec.clipScalar(e, xo, n, -0.3f, 0.4f);
      Vec.clip(g, xo, n, -0.3f, 0.4f);
      assertArrayEquals(e, g, "clip " + n);

      g = x.clone();
      Vec.fill(g, xo, n, 2.5f);
      for (int i = 0; i < g.length; i++) {
        assertEquals(i >= xo && i < xo + n ? 2.5f : x[i], g[i], "fill " + n);
      }
    }
  }

  @Test
  void reductionsMatchScalarWithinFloatError() {
    for (int n : LENGTHS) {
      int xo = rnd.nextInt(5), yo = rnd.nextInt(5);
      float[] x = GemmCheck.random(rnd, xo + n), y = GemmCheck.random(rnd, yo + n);
      double exactDot = 0, absDot = 0, exactSum = 0, absSum = 0;
      for (int i = 0; i < n; i++) {
        exactDot += (double) x[xo + i] * y[yo + i];
        absDot += Math.abs((double) x[xo + i] * y[yo + i]);
        exactSum += x[xo + i];
        absSum += Math.abs(x[xo + i]);
      }
      double tol = (n + 2) * 0x1p-23;
      assertTrue(Math.abs(Vec.dot(x, xo, y, yo, n) - exactDot) <= tol * absDot + 1e-30, "dot " + n);
      assertTrue(Math.abs(Vec.dotScalar(x, xo, y, yo, n) - exactDot) <= tol * absDot + 1e-30);
      assertTrue(Math.abs(Vec.sum(x, xo, n) - exactSum) <= tol * absSum + 1e-30, "sum " + n);
      assertTrue(Math.abs(Vec.sumScalar(x, xo, n) - exactSum) <= tol * absSum + 1e-30);
    }
  }

  @Test
  void wholeArrayFormsAndEdgeCases() {
    float[] x = {1, -2, 3, Float.NaN, 5, 6, 7, 8, 9, -10};
    float[] y = new float[x.length];
    Vec.copy(x, y);
    assertArrayEquals(x, y);
    Vec.clip(y, -1f, 4f);
    assertArrayEquals(new float[] {1, -1, 3, Float.NaN, 4, 4, 4, 4, 4, -1}, y);
    float[] ones = new float[x.length];
    Vec.fill(ones, 1f);
    assertEquals(10f, Vec.sum(ones));
    assertEquals(10f, Vec.dot(ones, ones));
    Vec.axpy(2f, ones, ones);
    assertEquals(3f, ones[9]);
    assertThrows(IllegalArgumentException.class, () -> Vec.add(x, new float[3], new float[3]));
    assertThrows(IndexOutOfBoundsException.class, () -> Vec.scale(2f, x, 5, 6));
    assertThrows(IllegalArgumentException.class, () -> Vec.clip(x, 1f, 0f));
  }

  private static void assertClose(float[] e, float[] g, float tol, String what) {
    for (int i = 0; i < e.length; i++) {
      assertTrue(Math.abs(e[i] - g[i]) <= tol * (1 + Math.abs(e[i])), what + " at " + i);
    }
  }
}
