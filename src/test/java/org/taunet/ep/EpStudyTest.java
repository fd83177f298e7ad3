package org.taunet.ep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Checkpoint;
import org.taunet.run.RunDir;
import org.taunet.tau.TauSpec;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.TrainLoop;

/** The HTS stability study's additions to EP: lr scale, the lr-like-dt control, the probe, the failure metrics. */
class EpStudyTest {
  @TempDir Path tmp;

  static final String GAMMA = "gamma:mean=0.5,k=4";

  private static EpConfig cfg(String tau, String likeDt, double scale, int probe) {
    return EpTrainerTest.small(tau, 2, List.of(0.1, 0.05))
        .withStudy(scale, likeDt == null ? null : TauSpec.of(likeDt), probe);
  }

  private static EpTrainer trainer(EpConfig c, Path dir) throws Exception {
    return new EpTrainer(c, EpTrainerTest.synthetic(), RunDir.create(dir));
  }

  @Test
  void lrScaleMultipliesEveryLayersRate() {
    EpConfig c = cfg("0.5", null, 2.5, 0);
    assertEquals(0.25, c.layerLr(1), 1e-15);
    assertEquals(0.125, c.layerLr(2), 1e-15);
    var params = new EpLearner(c, EpNetwork.create(new int[] {4, 3, 2}, c.activation(), c.dynamics(), c.tau(),
        new SplittableRandom(1), new SplittableRandom(2))).optimizer().params();
    assertEquals(List.of(0.25, 0.25, 0.125, 0.125), params.stream().map(p -> p.lr()).toList());
    assertThrows(IllegalArgumentException.class, () -> cfg("0.5", null, 0, 0));
  }

  /** The control's factors are exactly dt_i / mean of the time steps the HTS run of the same seed draws. */
  @Test
  void lrLikeDtFactorsAreTheHtsRunsTimeStepsOverTheirMean() throws Exception {
    float[] dt = trainer(cfg(GAMMA, null, 1, 0), tmp.resolve("hts")).learner().network().timeSteps();
    EpTrainer control = trainer(cfg("0.5", GAMMA, 1, 0), tmp.resolve("control"));
    float[][] f = control.learner().lrFactors();
    for (float v : control.learner().network().timeSteps()) assertEquals(0.5f, v, "relaxation stays scalar");
    int i = 0;
    for (int l = 1; l < f.length; l++) {
      for (float v : f[l]) assertEquals((float) (dt[i++] / 0.5), v, "neuron " + (i - 1));
    }
    assertEquals(dt.length, i);
  }

  /**
   * One minibatch from the same weights: the control's gradient of neuron j (column j of W_l, b_l[j]) is the plain
   * scalar run's times f_j, bit for bit, and SGD applies exactly theta - lr (g f_j).
   */
  @Test
  void lrLikeDtScalesEachNeuronsUpdateByItsFactor() throws Exception {
    EpTrainer plain = trainer(cfg("0.5", null, 1, 0), tmp.resolve("plain"));
    EpTrainer control = trainer(cfg("0.5", GAMMA, 1, 0), tmp.resolve("control"));
    EpNetwork np = plain.learner().network(), nc = control.learner().network();
    float[][] w0 = new float[np.w.length][];
    for (int l = 1; l < w0.length; l++) {
      assertArrayEquals(np.w[l], nc.w[l], "same initial weights");
      w0[l] = np.w[l].clone();
    }
    for (EpTrainer t : List.of(plain, control)) {
      t.startEpoch(1);
      t.step(1, 0, 1);
    }
    float[][] f = control.learner().lrFactors();
    EpGradient gp = plain.learner().gradient(), gc = control.learner().gradient();
    for (int l = 1; l < w0.length; l++) {
      int n = np.sizes[l];
      float lr = (float) plain.learner().optimizer().params().get(2 * (l - 1)).lr();
      for (int i = 0; i < w0[l].length; i++) {
        float fj = f[l][i % n];
        assertEquals(gp.gw[l][i] * fj, gc.gw[l][i], "gradient of W" + l + "[" + i + "]");
        assertEquals(w0[l][i] - lr * gc.gw[l][i], nc.w[l][i], "SGD step of W" + l + "[" + i + "]");
        assertEquals(w0[l][i] - lr * gp.gw[l][i], np.w[l][i]);
        float plainDelta = np.w[l][i] - w0[l][i], controlDelta = nc.w[l][i] - w0[l][i];
        assertEquals(plainDelta * fj, controlDelta, 1e-6f * Math.abs(w0[l][i]) + 1e-7f);
      }
      for (int j = 0; j < n; j++) assertEquals(gp.gb[l][j] * f[l][j], gc.gb[l][j], "gradient of b" + l + "[" + j + "]");
    }
  }

  @Test
  void lrLikeDtNeedsScalarRelaxationAndALinearOptimizer() {
    Exception e = assertThrows(IllegalArgumentException.class, () -> cfg(GAMMA, GAMMA, 1, 0));
    assertTrue(e.getMessage().contains("scalar"), e.getMessage());
    EpConfig s = cfg("0.5", null, 1, 0);
    assertThrows(IllegalArgumentException.class, () -> new EpConfig(s.dataset(), s.hidden(), s.activation(),
        s.dynamics(), s.tau(), 1, 20, 20, 4, 0.5, true, false, true, s.lr(), OptimizerSpec.Kind.ADAM, 0, 1e-3, 10, 0,
        0, 1).withStudy(1, TauSpec.of(GAMMA), 0));
  }

  /** The probe's energy is the network's energy (Eq. 1, beta = 0) averaged over the probe rows. */
  @Test
  void probeEnergyIsTheMeanNetworkEnergy() {
    int[] sizes = {6, 5, 4, 3};
    EpNetwork net = EpNetwork.create(sizes, Activation.HARD_SIGMOID, EpConfig.Dynamics.GRADIENT,
        TauSpec.of(GAMMA), new SplittableRandom(3), new SplittableRandom(4));
    SplittableRandom rng = new SplittableRandom(5);
    for (int l = 1; l < sizes.length; l++) for (int j = 0; j < sizes[l]; j++) net.b[l][j] = (float) rng.nextGaussian();
    EpState st = new EpState(sizes, 7);
    for (float[] layer : st.s) for (int i = 0; i < layer.length; i++) layer[i] = (float) (1.2 * rng.nextDouble() - 0.1);
    Relaxer r = new Relaxer(net, 7);
    r.setInput(st, 7);
    double expected = 0;
    for (int k = 0; k < 7; k++) expected += net.energy(st, k, new float[7 * 3], 0) / 7;
    assertEquals(expected, r.meanEnergy(st), 1e-5 * Math.abs(expected));
  }

  /** With the probe on, training (metrics, checkpoint) is bit-identical to a run without it; probe.csv is complete. */
  @Test
  void theProbeDoesNotChangeTraining() throws Exception {
    RunDir off = RunDir.create(tmp.resolve("off")), on = RunDir.create(tmp.resolve("on"));
    new EpTrainer(cfg(GAMMA, null, 1, 0), EpTrainerTest.synthetic(), off).train(false, EpTrainerTest.QUIET);
    new EpTrainer(cfg(GAMMA, null, 1, 16), EpTrainerTest.synthetic(), on).train(false, EpTrainerTest.QUIET);
    List<Map<String, String>> a = EpTrainer.metricsRows(off), b = EpTrainer.metricsRows(on);
    for (int e = 0; e < 2; e++) {
      for (String col : a.get(e).keySet()) {
        if (!TrainLoop.isTiming(col)) assertEquals(a.get(e).get(col), b.get(e).get(col), col);
      }
    }
    assertFalse(a.get(0).containsKey("probe_ds"));
    Checkpoint ca = Checkpoint.load(off.file(TrainLoop.CHECKPOINT)), cb = Checkpoint.load(on.file(TrainLoop.CHECKPOINT));
    for (int l = 1; l <= 2; l++) assertArrayEquals(ca.floats("net/W" + l), cb.floats("net/W" + l));
    assertFalse(Files.exists(off.file(EpFailures.PROBE)));
    for (int e = 0; e <= 2; e++) {
      List<double[]> rows = EpFailures.readProbe(on, e);
      assertEquals(50, rows.size(), "max(T1 = 20, eval-steps = 50) steps of epoch " + e);
      assertEquals(50.0, rows.get(49)[0]);
    }
    assertEquals(Double.parseDouble(b.get(1).get("probe_ds")), EpFailures.readProbe(on, 2).get(49)[2]);
  }

  @Test
  void failureColumnsAndSummary() throws Exception {
    RunDir run = RunDir.create(tmp.resolve("run"));
    TrainLoop.Result r = new EpTrainer(cfg(GAMMA, null, 1, 0), EpTrainerTest.synthetic(), run).train(false,
        EpTrainerTest.QUIET);
    Map<String, String> row = EpTrainer.metricsRows(run).get(1);
    for (String c : List.of("diverged", "collapsed", "crash", "w1_growth", "w2_growth")) assertTrue(row.containsKey(c), c);
    assertEquals("0", row.get("diverged"));
    assertEquals(Double.parseDouble(row.get("w1_norm")) / EpNetwork.create(new int[] {784, 40, 10},
        Activation.HARD_SIGMOID, EpConfig.Dynamics.GRADIENT, TauSpec.of("0.5"), new org.taunet.run.Seeds(7).stream("init"),
        new SplittableRandom(0)).weightNorm(1), Double.parseDouble(row.get("w1_growth")), 1e-12);
    assertEquals(false, r.summary().get("diverged"));
    for (String k : List.of("crash_events", "collapsed_epochs", "epoch_to_epoch_sd", "max_nonconv_free", "max_w_growth")) {
      assertTrue(r.summary().containsKey(k), k);
    }
    // crash: a drop of more than 5 points between epochs; collapse: train accuracy below 2 x chance
    assertEquals(1, EpFailures.crash(0.80, 0.74));
    assertEquals(0, EpFailures.crash(0.80, 0.76));
    assertEquals(0, EpFailures.crash(Double.NaN, 0.1));
    List<Map<String, String>> rows = List.of(
        Map.of("test_acc", "0.80", "train_acc", "0.7", "nonconv_free", "0.1", "nonconv_nudged", "0.2"),
        Map.of("test_acc", "0.60", "train_acc", "0.15", "nonconv_free", "0.3", "nonconv_nudged", "0.1"),
        Map.of("test_acc", "0.70", "train_acc", "0.5", "nonconv_free", "0.2", "nonconv_nudged", "0.4"));
    Map<String, Object> s = EpFailures.summary(rows, 0.1);
    assertEquals(1, s.get("crash_events"));
    assertEquals(1, s.get("collapsed_epochs"));
    assertEquals(0.3, (double) s.get("max_nonconv_free"), 1e-15);
    assertEquals(0.4, (double) s.get("max_nonconv_nudged"), 1e-15);
  }

  /** The mechanism arm's converged nudged phase (symmetric, small beta, long T2) runs with heterogeneous dt_i. */
  @Test
  void symmetricSmallBetaLongNudgedPhaseWorksWithHts() throws Exception {
    EpConfig s = cfg(GAMMA, null, 1, 0);
    EpConfig c = new EpConfig(s.dataset(), s.hidden(), s.activation(), s.dynamics(), s.tau(), 2, 20, 20, 40, 0.1,
        false, true, true, s.lr(), s.optimizer(), 0, 1e-3, 50, 0, 0, 7);
    RunDir run = RunDir.create(tmp.resolve("sym"));
    TrainLoop.Result r = new EpTrainer(c, EpTrainerTest.synthetic(), run).train(false, EpTrainerTest.QUIET);
    assertEquals(TrainLoop.Status.FINISHED, r.status());
    Map<String, String> last = EpTrainer.metricsRows(run).get(1);
    double nudged = Double.parseDouble(last.get("nonconv_nudged")), free = Double.parseDouble(last.get("nonconv_free"));
    assertTrue(nudged <= free, "40 nudged steps from the free state settle at least as often as 20 free steps: "
        + nudged + " vs " + free);
    assertTrue(Double.parseDouble(last.get("w1_growth")) != 1.0, "the weights were updated");
    assertEquals("0", last.get("diverged"));
  }
}
