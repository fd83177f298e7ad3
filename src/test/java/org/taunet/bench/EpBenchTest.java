package org.taunet.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.taunet.ep.EpConfig;

class EpBenchTest {
  /**
   * net2 (784-500-500-10, T1 = 150, T2 = 6, one-sided) by hand: the input drive x W_1 once; per relaxation step
   * W_2 (500 x 500) and W_3 (500 x 10) twice each (bottom-up and top-down); gradients x^T d for W_1 and two
   * outer-product sums each for W_2 and W_3.
   */
  @Test
  void net2FlopsPerSampleByHand() {
    EpConfig cfg = EpConfig.preset("net2");
    int[] sizes = cfg.layerSizes(784, 10);
    assertArrayEquals(new int[] {784, 500, 500, 10}, sizes);
    assertEquals(150, cfg.tFree());
    assertEquals(6, cfg.tNudged());
    double drive = 2.0 * 784 * 500;                              //     784,000
    double step = 2 * 2.0 * 500 * 500 + 2 * 2.0 * 500 * 10;       //   1,020,000
    double grads = 2.0 * 784 * 500 + 2 * 2.0 * 500 * 500 + 2 * 2.0 * 500 * 10; // 1,804,000
    double want = drive + (150 + 6) * step + grads;
    assertEquals(161_708_000.0, want);
    assertEquals(want, EpBench.flopsPerSample(cfg, sizes));
    // the free phase alone (evaluation): drive and T1 steps
    assertEquals(drive + 150 * step, EpBench.flopsPerFreePhase(cfg, sizes));
  }

  /** The symmetric estimate relaxes two nudged phases: T1 + 2 T2 steps. */
  @Test
  void symmetricCountsTwoNudgedPhases() {
    EpConfig one = EpConfig.preset("net2");
    EpConfig sym = new EpConfig(one.dataset(), one.hidden(), one.activation(), one.dynamics(), one.tau(), one.epochs(),
        one.batchSize(), one.tFree(), one.tNudged(), one.beta(), false, true, one.persistent(), one.lr(),
        one.optimizer(), one.momentum(), one.convergenceTol(), one.evalSteps(), 0, 0, one.seed());
    int[] sizes = one.layerSizes(784, 10);
    double step = 2 * 2.0 * 500 * 500 + 2 * 2.0 * 500 * 10;
    assertEquals(6 * step, EpBench.flopsPerSample(sym, sizes) - EpBench.flopsPerSample(one, sizes), 1e-6);
  }

  /** A net2 pass of two minibatches trains and is timed (the workload of the net2 row, on fewer examples). */
  @Test
  void net2TrainerRuns() {
    double rate = EpBench.samplesPerSecond(EpConfig.preset("net2"), 40, 1);
    assertTrue(rate > 0 && Double.isFinite(rate), "samples/s " + rate);
  }
}
