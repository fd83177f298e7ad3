package org.taunet.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;
import org.taunet.elm.ReferenceElmTest;
import org.taunet.run.RunDir;
import org.taunet.tasks.Task;

/**
 * A rate RNN written in PyTorch from docs/rnn.md's equations and trained there a few steps imports through
 * {@code --init-from} (its parameters saved under taunet's export names) and gives PyTorch's outputs on the same input
 * within float32 tolerance (max |difference| 1e-5 relative to the largest output). Skips with a message where python3
 * or torch is missing.
 */
class ReferenceRnnTest {
  @TempDir Path tmp;

  @Test
  void aPytorchRateRnnImportsWithItsOutputs() throws Exception {
    RnnConfig d = RnnConfig.defaults();
    RnnConfig cfg = new RnnConfig("integration-wm", 50, "uniform:0.1,1.9", 12, 1.0, Phi.TANH, Integrator.EULER, false,
        false, 0, d.loss(), 4, 10, 1e-3, 1, 0, 5, 8, 0.9, 0, 1);
    Task task = cfg.newTask();
    String out = ReferenceElmTest.python(tmp, "rnn_reference.py", tmp.toString(), "12", Integer.toString(task.nIn()),
        Integer.toString(task.nOut()), "0.05");
    assumeTrue(out != null, "python3 with torch and numpy not found: skipped (apt-get install python3-torch)");
    RnnTrainer trainer = new RnnTrainer(cfg, RunDir.create(tmp.resolve("run")));
    trainer.initFrom(tmp.resolve("weights.npz"));
    Map<String, NdArray> io = NpyReader.readNpz(tmp.resolve("io.npz"));
    NdArray u = io.get("U");
    int b = u.shape()[0], steps = u.shape()[1], nIn = u.shape()[2], nOut = task.nOut();
    float[] us = new float[steps * b * nIn], src = (float[]) u.data();
    for (int q = 0; q < b; q++) for (int t = 0; t < steps; t++) System.arraycopy(src, (q * steps + t) * nIn, us, (t * b + q) * nIn, nIn);
    Bptt bptt = new Bptt(trainer.network(), steps, b);
    bptt.forward(us, 0, null);
    float[] want = (float[]) io.get("Y").data(), got = bptt.outputs();
    double scale = 0, worst = 0;
    for (int q = 0; q < b; q++) {
      for (int t = 0; t < steps; t++) {
        for (int o = 0; o < nOut; o++) {
          float w = want[(q * steps + t) * nOut + o];
          scale = Math.max(scale, Math.abs(w));
          worst = Math.max(worst, Math.abs(w - got[(t * b + q) * nOut + o]));
        }
      }
    }
    assertEquals(b * steps * nOut, want.length);
    assertTrue(scale > 0.1, "outputs not trivially small");
    assertTrue(worst <= 1e-5 * scale, "max |taunet - PyTorch| = " + worst + " of max |output| " + scale);
  }
}
