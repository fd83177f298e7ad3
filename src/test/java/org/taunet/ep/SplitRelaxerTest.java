package org.taunet.ep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.taunet.ep.EpConfig.Dynamics;
import org.taunet.numerics.Kernels;
import org.taunet.tau.TauSpec;

class SplitRelaxerTest {
  private final int threads = Kernels.threads();

  @AfterEach
  void restoreThreads() {
    Kernels.setThreads(threads);
  }

  @Test
  void splitRelaxationIsBitIdenticalToWholeBatchForNet1Shapes() {
    // net1: 784-500-10, batch 20, free then nudged phase, on one and on two threads
    for (int t : new int[] {1, 2}) {
      Kernels.setThreads(t);
      assertSameAsWhole(new int[] {784, 500, 10}, Dynamics.GRADIENT, 20, 1);
    }
  }

  @Test
  void splitRelaxationIsBitIdenticalForOddBatchesDeeperNetsAndLeakyDynamics() {
    Kernels.setThreads(2);
    assertSameAsWhole(new int[] {50, 40, 30, 10}, Dynamics.GRADIENT, 17, 2);
    assertSameAsWhole(new int[] {50, 40, 30, 10}, Dynamics.LEAKY, 33, 3);
    assertSameAsWhole(new int[] {50, 40, 10}, Dynamics.GRADIENT, 7, 4); // below 16 rows: relaxed whole
  }

  private static void assertSameAsWhole(int[] sizes, Dynamics dynamics, int batch, long seed) {
    Activation act = dynamics == Dynamics.LEAKY ? Activation.SIGMOID : Activation.HARD_SIGMOID;
    EpNetwork net = EpNetwork.create(sizes, act, dynamics, TauSpec.parse("uniform:0.2,0.6"),
        new SplittableRandom(seed), new SplittableRandom(seed + 1));
    EpState a = new EpState(sizes, batch);
    SplittableRandom rng = new SplittableRandom(seed + 2);
    for (int i = 0; i < a.s[0].length; i++) a.s[0][i] = rng.nextDouble() < 0.2 ? (float) rng.nextDouble() : 0f;
    int nOut = sizes[sizes.length - 1];
    float[] y = new float[batch * nOut];
    for (int k = 0; k < batch; k++) y[k * nOut + rng.nextInt(nOut)] = 1f;
    EpState b = new EpState(sizes, batch);
    b.copyFrom(a);

    Relaxer whole = new Relaxer(net, batch);
    whole.setInput(a, batch);
    int ncWhole = whole.relax(a, y, 0f, 20, 1e-4) + whole.relax(a, y, 0.5f, 4, 1e-4);
    SplitRelaxer split = new SplitRelaxer(net, batch, 16, 0);   // splits from 16 rows whatever the work
    split.setInput(b, batch);
    int ncSplit = split.relax(b, y, 0f, 20, 1e-4) + split.relax(b, y, 0.5f, 4, 1e-4);

    assertEquals(ncWhole, ncSplit, "non-converged counts");
    for (int l = 1; l < sizes.length; l++) {
      for (int i = 0; i < a.s[l].length; i++) {
        assertEquals(Float.floatToIntBits(a.s[l][i]), Float.floatToIntBits(b.s[l][i]),
            "layer " + l + " element " + i + ": " + a.s[l][i] + " vs " + b.s[l][i]);
      }
    }
  }
}
