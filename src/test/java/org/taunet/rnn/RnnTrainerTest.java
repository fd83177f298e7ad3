package org.taunet.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.RunDir;
import org.taunet.tasks.Tasks;
import org.taunet.train.TrainLoop;

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
    RunDir run = RunDir.create(tmp.resolve("learn"));
    TrainLoop.Result r = new RnnTrainer(cfg, run).train(false, new TrainLoop.Listener() {});
    assertEquals(TrainLoop.Status.FINISHED, r.status());
    assertEquals(150L, r.steps());
    double acc = (double) r.summary().get("final_eval_acc");
    int toCriterion = (int) r.summary().get("steps_to_criterion");
    assertTrue(acc >= 0.85, "accuracy " + acc);
    assertTrue(toCriterion > 0 && toCriterion <= 150);
    // the optimizer steps go downhill: the evaluation loss after training is well below the untrained one
    List<Map<String, String>> rows = run.metrics(TrainLoop.METRICS).rows();
    assertEquals(List.of("step", "trials", "train_loss", "train_acc", "eval_loss", "eval_acc", "grad_norm",
        TrainLoop.SECONDS, "trials_per_s"), List.copyOf(rows.get(0).keySet()));
    assertEquals(List.of("0", "50", "100", "150"), rows.stream().map(m -> m.get("step")).toList());
    assertEquals("2400", rows.get(3).get("trials"));
    double first = Double.parseDouble(rows.get(0).get("eval_loss")), last = Double.parseDouble(rows.get(3).get("eval_loss"));
    assertTrue(last < 0.5 * first, "eval loss " + first + " -> " + last);
    assertEquals("NaN", rows.get(0).get("train_loss"));
    assertEquals("NaN", rows.get(0).get("grad_norm"));
    assertTrue(Double.parseDouble(rows.get(1).get("grad_norm")) > 0);
  }

  @Test
  void summaryHasTimescalesAndWeightChanges() throws Exception {
    RnnConfig d = small("multiscale-wm", "bimodal", 16, 10, 5, 2);
    RnnConfig cfg = new RnnConfig(d.task(), d.dtMs(), d.tau(), d.units(), d.gain(), d.activation(), d.integrator(),
        false, true, 0.05, d.loss(), d.batchSize(), d.iterations(), d.lr(), d.gradClip(), 3, d.evalEvery(), d.evalTrials(),
        d.criterion(), 600, d.seed(), 0, 0, List.of(), List.of());
    RunDir run = RunDir.create(tmp.resolve("sum"));
    new RnnTrainer(cfg, run).train(false, new TrainLoop.Listener() {});
    RnnSummary s = RnnSummary.read(run);
    assertEquals("finished", s.status());
    assertTrue(s.wRecChange() > 0 && s.wInChange() > 0);
    assertTrue(s.effTauMedian() > 0 && s.effTauInitMedian() > 0, s.toString());
    assertEquals(17, Files.readAllLines(run.file(RnnSummary.TIMESCALES)).size());
    float[] tau0 = run.readFloats(RnnTrainer.TAU);
    long fast = 0;
    for (float t : tau0) if (t == 0.5f) fast++;
    assertEquals(8, fast, "bimodal: exactly half the units at 0.5 s");
    // the study's measurements (RnnMeasures)
    var j = run.readJsonTree(TrainLoop.SUMMARY);
    assertTrue(j.path("tau_spontaneous").path("median").asDouble() > 0, j.toString());
    assertTrue(j.path("tau_spontaneous_initial").path("median").asDouble() > 0, j.toString());
    // 16 bimodal units sorted: ranks 0-7 at 0.5 s, 8-15 at 1.5 s; tertile upper edges are ranks 4, 9 and 15
    assertArrayEquals(new double[] {0.5, 1.5, 1.5}, doubles(j.path("w_rec_change_by_tau").path("tau_upper_edges")), 1e-7);
    assertEquals(3, j.path("w_rec_change_by_tau").path("final").size());
    assertTrue(j.path("eval_loss_area").asDouble() > 0);
    assertEquals(j.path("eval_loss_area").asDouble() / 10, j.path("eval_loss_mean").asDouble(), 1e-12);
    assertEquals(List.of("250", "500", "1000", "2000", "4000"), fieldNames(j.path("accuracy_by_delay")));
    assertTrue(j.path("persistence_s").path("initial").asDouble() >= 0);
    double held = j.path("persistence_held").path("trained").asDouble(-1);
    assertTrue(held >= 0 && held <= 1, j.toString());
    assertTrue(j.path("operating_point").path("j_radius_trained").asDouble() > 0, j.toString());
    assertTrue(j.path("operating_point").path("drift_initial").asDouble(-1) >= 0, j.toString());
    assertTrue(j.path("spectrum").path("j_radius_trained").asDouble() > 0);
    List<String> spectrum = Files.readAllLines(run.file(RnnMeasures.SPECTRUM));
    assertEquals(1 + 4 * 16, spectrum.size());
    assertEquals("matrix,network,re,im", spectrum.get(0));
    assertEquals(13, Files.readAllLines(run.file(RnnSummary.TIMESCALES)).get(0).split(",").length);
    // example autocorrelations: units at tau ranks 0, 5, 10, 15 (0.5, 0.5, 1.5, 1.5 s); 600 steps: burn-in 60, lags 0..135
    List<Map<String, String>> acf = org.taunet.run.MetricsCsv.read(run.file(RnnSummary.AUTOCORRELATION));
    assertEquals(2 * 2 * 4 * 136, acf.size());
    assertEquals(List.of("0.5", "0.5", "1.5", "1.5"), acf.stream().filter(r -> r.get("lag_s").equals("0.0"))
        .limit(4).map(r -> r.get("tau_intrinsic")).toList());
    for (Map<String, String> r : acf) {
      if (r.get("lag_s").equals("0.0")) assertEquals(1.0, Double.parseDouble(r.get("rho")), 1e-9);
    }
  }

  static double[] doubles(com.fasterxml.jackson.databind.JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
    return out;
  }

  static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode o) {
    List<String> out = new java.util.ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
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
    assertThrows(IllegalArgumentException.class, () -> new RnnConfig("multiscale-wm", 50, "vanilla", 8, 1, Phi.TANH,
        Integrator.EULER, false, false, 0, Loss.MSE, 4, 0, 1e-3, 1, 0, 1, 4, 0.9, 0, 1));
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
