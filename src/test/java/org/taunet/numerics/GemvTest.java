package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gemv's Vector path against its scalar reference, both orientations, beta = 0 with NaN y. */
class GemvTest {
  private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 65, 130};

  @Test
  void vectorMatchesScalar() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      int m = SIZES[rnd.nextInt(SIZES.length)], n = SIZES[rnd.nextInt(SIZES.length)];
      boolean trans = rnd.nextBoolean();
      float alpha = rnd.nextBoolean() ? 1f : -1.25f;
      float beta = new float[] {0f, 1f, 0.5f}[rnd.nextInt(3)];
      int aOff = rnd.nextInt(4), lda = n + rnd.nextInt(5), xOff = rnd.nextInt(4), yOff = rnd.nextInt(4);
      int xLen = trans ? m : n, yLen = trans ? n : m;
      float[] a = GemmCheck.random(rnd, aOff + m * lda);
      float[] x = GemmCheck.random(rnd, xOff + xLen + 2);
      float[] y0 = beta == 0f ? GemmCheck.nans(yOff + yLen + 2) : GemmCheck.random(rnd, yOff + yLen + 2);
      float[] expected = y0.clone(), actual = y0.clone();
      Gemv.scalar(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, expected, yOff);
      Gemv.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, actual, yOff);
      for (int i = 0; i < actual.length; i++) {
        boolean inside = i >= yOff && i < yOff + yLen;
        if (!inside) {
          assertEquals(Float.floatToRawIntBits(y0[i]), Float.floatToRawIntBits(actual[i]),
              "element outside y modified");
          continue;
        }
        int r = i - yOff;
        double mag = Math.abs(beta == 0f ? 0 : beta * y0[i]);
        for (int j = 0; j < xLen; j++) {
          float av = trans ? a[aOff + j * lda + r] : a[aOff + r * lda + j];
          mag += Math.abs(alpha * av * x[xOff + j]);
        }
        double bound = (xLen + 2) * 0x1p-23 * mag + 1e-30;
        double err = Math.abs(actual[i] - expected[i]);
        String what = "trial " + trial + " trans=" + trans + " m=" + m + " n=" + n + " y[" + r + "]="
            + actual[i] + " expected " + expected[i];
        assertTrue(err <= bound, what);
      }
    }
  }

  @Test
  void shortFormUsesDenseLayout() {
    float[] a = {1, 2, 3, 4, 5, 6};  // 2 x 3
    float[] y = {Float.NaN, Float.NaN};
    Gemv.gemv(false, 2, 3, 1f, a, new float[] {1, 1, 1}, 0f, y);
    assertEquals(6f, y[0]);
    assertEquals(15f, y[1]);
    float[] yt = {1, 1, 1};
    Gemv.gemv(true, 2, 3, 2f, a, new float[] {1, -1}, 1f, yt);
    assertEquals(1f + 2f * (1 - 4), yt[0]);
    assertEquals(1f + 2f * (3 - 6), yt[2]);
  }
}
