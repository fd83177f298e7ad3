package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The softmax passes: the row maximum, and e^(x - shift) with its sum in Vec.sum's order, at every length. */
class SoftmaxTest {
  @Test
  void maxIsTheScalarMaximumAtEveryLengthAndOffset() {
    SplittableRandom rng = new SplittableRandom(5);
    float[] x = new float[300];
    for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian() * 10;
    for (int n = 1; n <= 70; n++) {
      for (int off : new int[] {0, 3}) {
        float want = x[off];
        for (int i = 1; i < n; i++) want = Math.max(want, x[off + i]);
        assertEquals(want, Softmax.max(x, off, n), "n " + n + " off " + off);
      }
    }
    x[41] = Float.NaN;
    assertTrue(Float.isNaN(Softmax.max(x, 0, 64)));
    assertTrue(Float.isNaN(Softmax.max(x, 41, 1)));
    assertThrows(IllegalArgumentException.class, () -> Softmax.max(x, 0, 0));
  }

  @Test
  void expShiftedWritesDetMathExpAndReturnsTheirSumInVecSumOrder() {
    SplittableRandom rng = new SplittableRandom(6);
    float[] x = new float[300];
    for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian() * 5;
    x[7] = Float.NEGATIVE_INFINITY;
    for (int n = 1; n <= 260; n += n < 40 ? 1 : 17) {
      float shift = Softmax.max(x, 2, n);
      float[] out = new float[n + 5];
      float sum = Softmax.expShifted(x, 2, n, shift, out, 5);
      for (int i = 0; i < n; i++) {
        assertEquals(Float.floatToRawIntBits(DetMath.exp(x[2 + i] - shift)), Float.floatToRawIntBits(out[5 + i]),
            "n " + n + " element " + i);
      }
      assertEquals(Float.floatToRawIntBits(Vec.sum(out, 5, n)), Float.floatToRawIntBits(sum), "n " + n);
      double ref = 0;
      for (int i = 0; i < n; i++) ref += Math.exp((double) x[2 + i] - shift);
      assertEquals(ref, sum, 1e-5 * ref, "n " + n);   // a float sum of up to 260 terms
    }
  }
}
