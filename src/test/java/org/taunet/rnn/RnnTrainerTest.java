package org.taunet.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Checkpoint;
import org.taunet.run.RunDir;
import org.taunet.tasks.Tasks;

class RnnTrainerTest {
  @TempDir Path tmp;

  static RnnConfig small(String task, String tau, int units, int iterations, int evalEvery, long seed) {
    RnnConfig d = RnnConfig.defaults();
    return new RnnConfig(task, d.dtMs(), tau, units, d.gain(), d.activation(), d.integrator(), false, false, 0.0,
        d.loss(), 16, iterations, 1e-2, d.gradClip(), 0, evalEvery, 64, 0.9, 0, seed);
  }

  @Test
  void vanillaRnnLearnsAWorkingMemoryTaskWellAboveChance() throws Exception {
    // 2 choices: chance is 50%; 150 minibatches of 16 trials must reach at least 85% on fixed evaluation trials
    RnnConfig cfg = small("multiscale-wm", "vanilla", 32, 150, 50, 4);
    RnnTrainer.Result r = new RnnTrainer(cfg, RunDir.create(tmp.resolve("learn"))).train(false, new RnnTrainer.Listener() {});
    assertEquals(RnnTrainer.Status.FINISHED, r.status());
    assertTrue(r.evalAccuracy() >= 0.85, "accuracy " + r.evalAccuracy());
    assertTrue(r.stepsToCriterion() > 0 && r.stepsToCriterion() <= 150);
  }

  @Test
  void resumedRunIsBitIdenticalToAnUninterruptedOne() throws Exception {
    RnnConfig cfg = small("integration-wm", "uniform", 24, 12, 4, 9);
    RunDir full = RunDir.create(tmp.resolve("full"));
    new RnnTrainer(cfg, full).train(false, new RnnTrainer.Listener() {});
    // the same run stopped after 8 iterations (at its second checkpoint), then resumed to 12
    RnnConfig first = small("integration-wm", "uniform", 24, 8, 4, 9);
    RunDir part = RunDir.create(tmp.resolve("part"));
    new RnnTrainer(first, part).train(false, new RnnTrainer.Listener() {});
    part.writeJson("config.json", cfg);
    new RnnTrainer(cfg, part).train(true, new RnnTrainer.Listener() {});
    Checkpoint a = Checkpoint.load(full.file(RnnCheckpoint.FILE));
    Checkpoint b = Checkpoint.load(part.file(RnnCheckpoint.FILE));
    for (String t : new String[] {"W", "Win", "b", "Wout", "bout", "opt_m0", "opt_v0", "tau"}) {
      assertArrayEquals(a.floats(t), b.floats(t), t);
    }
    var rowsA = full.metrics(RnnTrainer.METRICS).rows();
    var rowsB = part.metrics(RnnTrainer.METRICS).rows();
    assertEquals(rowsA.size(), rowsB.size());
    for (int i = 0; i < rowsA.size(); i++) {
      assertEquals(rowsA.get(i).get("eval_loss"), rowsB.get(i).get("eval_loss"));
      assertEquals(rowsA.get(i).get("train_loss"), rowsB.get(i).get("train_loss"));
    }
    assertTrue(Files.exists(part.file(RnnSummary.FILE)));
  }

  @Test
  void summaryHasTimescalesAndWeightChanges() throws Exception {
    RnnConfig d = small("multiscale-wm", "bimodal", 16, 10, 5, 2);
    RnnConfig cfg = new RnnConfig(d.task(), d.dtMs(), d.tau(), d.units(), d.gain(), d.activation(), d.integrator(),
        false, true, 0.05, d.loss(), d.batchSize(), d.iterations(), d.lr(), d.gradClip(), 3, d.evalEvery(), d.evalTrials(),
        d.criterion(), 600, d.seed());
    RunDir run = RunDir.create(tmp.resolve("sum"));
    new RnnTrainer(cfg, run).train(false, new RnnTrainer.Listener() {});
    RnnSummary s = RnnSummary.read(run);
    assertEquals("finished", s.status());
    assertTrue(s.wRecChange() > 0 && s.wInChange() > 0);
    assertTrue(s.effTauMedian() > 0 && s.effTauInitMedian() > 0, s.toString());
    assertEquals(17, Files.readAllLines(run.file(RnnSummary.TIMESCALES)).size());
    float[] tau0 = run.readFloats(RnnTrainer.TAU);
    long fast = 0;
    for (float t : tau0) if (t == 0.5f) fast++;
    assertEquals(8, fast, "bimodal: exactly half the units at 0.5 s");
  }

  @Test
  void configRejectsAlphaAboveOneUnlessClipped() {
    RnnConfig d = RnnConfig.defaults();
    RnnConfig tooFast = new RnnConfig(d.task(), 100, "uniform:0.05,0.5", 8, d.gain(), d.activation(), Integrator.EULER,
        false, false, 0, d.loss(), 4, 1, d.lr(), 1, 0, 1, 4, 0.9, 0, 1);
    var task = Tasks.create(tooFast.task(), tooFast.dtMs());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RnnTrainer.newNetwork(tooFast, task));
    assertTrue(e.getMessage().contains("alpha = dt/tau") && e.getMessage().contains("--clip-alpha"), e.getMessage());
    RnnConfig clipped = new RnnConfig(d.task(), 100, "uniform:0.05,0.5", 8, d.gain(), d.activation(), Integrator.EULER,
        true, false, 0, d.loss(), 4, 1, d.lr(), 1, 0, 1, 4, 0.9, 0, 1);
    RnnNetwork net = RnnTrainer.newNetwork(clipped, task);
    for (float a : net.a) assertTrue(a > 0 && a <= 1f);
    // the exponential integrator never exceeds 1
    RnnConfig exp = new RnnConfig(d.task(), 100, "uniform:0.05,0.5", 8, d.gain(), d.activation(), Integrator.EXPONENTIAL,
        false, false, 0, d.loss(), 4, 1, d.lr(), 1, 0, 1, 4, 0.9, 0, 1);
    for (float a : RnnTrainer.newNetwork(exp, task).a) assertTrue(a > 0 && a < 1f);
    assertThrows(IllegalArgumentException.class, () -> new RnnConfig("nope", 50, "vanilla", 8, 1, Phi.TANH,
        Integrator.EULER, false, false, 0, Loss.MSE, 4, 1, 1e-3, 1, 0, 1, 4, 0.9, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new RnnConfig("multiscale-wm", 50, "normal:oops", 8, 1, Phi.TANH,
        Integrator.EULER, false, false, 0, Loss.MSE, 4, 1, 1e-3, 1, 0, 1, 4, 0.9, 0, 1));
    assertEquals("uniform:0.1,1.9", TauConditions.spec("uniform"));
    assertEquals(1.0, TauConditions.distribution("normal").mean(), 1e-3);
  }

  @Test
  void forwardPassIsReproducibleAndNoiseIsSeeded() {
    RnnConfig cfg = small("multiscale-wm", "normal", 8, 1, 1, 1);
    RnnNetwork net = RnnTrainer.newNetwork(cfg, Tasks.create(cfg.task(), cfg.dtMs()));
    float[] u = new float[10 * 2 * 3];
    Bptt a = new Bptt(net, 10, 2), b = new Bptt(net, 10, 2);
    a.forward(u, 0.1, new SplittableRandom(5));
    b.forward(u, 0.1, new SplittableRandom(5));
    assertArrayEquals(a.rates(), b.rates());
    b.forward(u, 0.1, new SplittableRandom(6));
    assertTrue(a.rates()[a.rates().length - 1] != b.rates()[b.rates().length - 1]);
  }
}
