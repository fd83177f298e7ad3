package org.taunet.ep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taunet.ep.EpConfig.Dynamics;
import org.taunet.tau.TauSpec;

class RelaxerTest {
  /**
   * The Vector API update for the hard sigmoid equals the scalar one bit for bit: states inside, on and outside
   * [0, 1] (where rho' is 0), widths that are not a multiple of the vector length (scalar tail), with and without
   * nudging; also the per-example largest change.
   */
  @Test
  void vectorHardSigmoidUpdateEqualsTheScalarOneExactly() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int n : new int[] {1, 10, 37, 500}) {
      EpNetwork net = EpNetwork.create(new int[] {3, n}, Activation.HARD_SIGMOID, Dynamics.GRADIENT,
          TauSpec.of("gamma:mean=0.9,k=4"), rng.split(), rng.split());
      int rows = 7;
      EpState state = new EpState(net.sizes, rows);
      Relaxer r = new Relaxer(net, rows);
      r.setInput(state, rows);
      float[] s = new float[rows * n], d = new float[rows * n], y = new float[rows * n];
      for (int i = 0; i < s.length; i++) {
        int kind = rng.nextInt(6);
        s[i] = kind == 0 ? 0f : kind == 1 ? 1f : (float) (rng.nextDouble() * 1.4 - 0.2);
        d[i] = (float) rng.nextGaussian();
        y[i] = rng.nextInt(2);
      }
      for (float beta : new float[] {0f, 1f, -0.5f}) {
        float[] a = s.clone(), b = s.clone();
        r.updateGradient(a, d, net.dt[1], n, y, beta);
        float[] mdScalar = r.maxDeltaCopy();
        r.clearMaxDelta();
        r.updateHardSigmoid(b, d, net.dt[1], n, y, beta);
        assertArrayEquals(a, b, "n=" + n + " beta=" + beta);
        assertArrayEquals(mdScalar, r.maxDeltaCopy());
        r.clearMaxDelta();
      }
      assertEquals(n, net.dt[1].length);
    }
  }
}
