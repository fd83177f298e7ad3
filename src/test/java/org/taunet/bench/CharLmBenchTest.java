package org.taunet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmShape;
import org.taunet.train.StepResult;

class CharLmBenchTest {
  /**
   * The row's shape is the default of {@code elm train --task text} (N = 1, d_m = 100, d_mlp = 200, k_c = all 256
   * bytes, batch 32, segment 100), a step trains on batch x segment bytes, and the FLOP count per byte is, by hand,
   * 3 x 2 x ((256 + 100) x 200 + 200 x 100) for the neuron plus 3 x 2 x 100 x 256 for the readout.
   */
  @Test
  void defaultTextShapeAndCount() {
    CharLmBench.Trainer t = new CharLmBench.Trainer(CharLmBench.config(), CharLmBench.syntheticText(1 << 16));
    ElmShape s = t.shape();
    assertEquals(1, s.units());
    assertEquals(100, s.memory());
    assertEquals(200, s.mlpHidden());
    assertEquals(256, s.synapses());
    assertEquals(3200, t.bytesPerStep());
    assertEquals(3 * 2.0 * (356 * 200 + 200 * 100) + 3 * 2.0 * 100 * 256, CharLmBench.flopsPerByte(s));
    StepResult r = t.step();
    assertEquals(t.bytesPerStep(), r.count(), "bytes per step = the rows the step scored");
    assertTrue(Double.isFinite(r.loss()) && r.loss() > 0, "loss " + r.loss());
    // an untrained model is near uniform over 256 bytes: ln 256 nats per byte
    assertEquals(Math.log(256), r.loss() / r.count(), 0.5);
  }

  /** On the repeated text a small model's loss per byte falls well below the uniform ln 256 within 40 steps. */
  @Test
  void lossFallsOnTheSyntheticText() {
    ElmConfig cfg = CharLmBench.config().with("ke=16", "batch-size=4", "segment=25", "lr=1e-2");
    CharLmBench.Trainer t = new CharLmBench.Trainer(cfg, CharLmBench.syntheticText(4 * 26 * 50));
    double first = t.step().loss() / t.bytesPerStep(), last = 0;
    for (int i = 0; i < 60; i++) last = t.step().loss() / t.bytesPerStep();
    assertTrue(last < first - 1.5, "loss per byte " + first + " -> " + last);
  }

  @Test
  void bytesPerSecondIsPositive() {
    ElmConfig cfg = CharLmBench.config().with("ke=8", "batch-size=2", "segment=10");
    double rate = CharLmBench.bytesPerSecond(new CharLmBench.Trainer(cfg, CharLmBench.syntheticText(2000)), 1);
    assertTrue(rate > 0 && Double.isFinite(rate), "bytes/s " + rate);
  }
}
