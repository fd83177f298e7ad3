package org.taunet.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The RNN step kernels give every element the bits of the scalar formulas (which are also the
 * {@code -Dtaunet.vector=false} path), whether the vector body or the scalar tail computed it, for every phi; rows of
 * 2 L + 3 units have both.
 */
class RnnKernelsTest {
  private static final int L = FloatVector.SPECIES_PREFERRED.length(), N = 2 * L + 3, ROWS = 3;
  private final SplittableRandom rng = new SplittableRandom(17);

  private float[] gauss(int len, double sd) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) x[i] = (float) (sd * rng.nextGaussian());
    return x;
  }

  @Test void forwardAndBackwardGiveTheScalarBitsInBodyAndTail() {
    for (Phi phi : Phi.values()) {
      for (int rep = 0; rep < 200; rep++) {  // enough calls for the JIT to compile the kernels mid-test
        float[] a = new float[N];
        for (int j = 0; j < N; j++) a[j] = (float) rng.nextDouble(0.01, 1);
        float[] xPrev = gauss(ROWS * N, 3), z = gauss(ROWS * N, 3), x = new float[ROWS * N], r = new float[ROWS * N];
        RnnKernels.forward(phi, a, ROWS, N, xPrev, 0, z, 0, x, 0, r, 0);
        float[] g = gauss(ROWS * N, 1), carry = gauss(ROWS * N, 1), da = gauss(N, 1);
        float[] g0 = g.clone(), carry0 = carry.clone(), da0 = da.clone();
        RnnKernels.backward(phi, a, ROWS, N, g, 0, r, 0, carry, 0, z, 0, xPrev, 0, da);
        for (int row = 0; row < ROWS; row++) {
          for (int j = 0; j < N; j++) {
            int q = row * N + j;
            String at = phi + " row " + row + " unit " + j + (j < N / L * L ? " (vector body)" : " (scalar tail)");
            float xv = Math.fma(z[q] - xPrev[q], a[j], xPrev[q]);
            same(xv, x[q], "x " + at);
            same(phi.apply(xv), r[q], "r " + at);
            float dx = g0[q] * phi.derivFromRate(r[q]) + (carry0[q] - carry0[q] * a[j]);
            same(dx, carry[q], "dx " + at);
            same(dx * a[j], g[q], "dz " + at);
            da0[j] = Math.fma(dx, z[q] - xPrev[q], da0[j]);
          }
        }
        for (int j = 0; j < N; j++) same(da0[j], da[j], phi + " da unit " + j);
      }
    }
  }

  private static void same(float want, float got, String what) {
    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), what + ": " + want + " vs " + got);
  }
}
