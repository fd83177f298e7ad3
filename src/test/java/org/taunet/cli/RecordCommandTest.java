package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;
import org.taunet.elm.ElmRecorder;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnRecorder;
import org.taunet.rnn.RnnTrainer;
import org.taunet.run.Json;
import org.taunet.run.RunDir;
import org.taunet.tasks.Task;
import org.taunet.tasks.Trial;

/**
 * {@code rnn record} and {@code elm record}: shapes, the recorded trials are the task's (same seed), and the recorded
 * outputs give what evaluation computes on the same trials (RNN: accuracy and masked loss of {@code evaluateFresh};
 * ELM: test accuracy of {@code elm eval}, and outputs = W_r m_t + b_r from the exported readout).
 */
class RecordCommandTest {
  @TempDir static Path tmp;
  static Path rnn;
  static Path elm;
  static Path data;

  @BeforeAll
  static void trainTinyRuns() throws Exception {
    rnn = tmp.resolve("rnn");
    WeightsImportTest.ok(CliRun.of(WeightsImportTest.concat(new String[] {"rnn", "train", "--out", rnn.toString()},
        WeightsImportTest.RNN)));
    data = DataFixtures.fsdd(tmp.resolve("data"), null);
    elm = tmp.resolve("elm");
    WeightsImportTest.ok(CliRun.of("elm", "train", "--task", "fsdd", "--units", "2", "--ke", "3", "--epochs", "2",
        "--batch-size", "8", "--lr", "0.01", "--data-dir", data.toString(), "--quiet", "--out", elm.toString()));
  }

  static float[] f(NdArray a) {
    return (float[]) a.data();
  }

  @Test
  void rnnRecordHoldsTheTrialsAndTheOutputsEvaluationScores() throws Exception {
    CliRun r = WeightsImportTest.ok(CliRun.of("rnn", "record", rnn.toString(), "--trials", "20", "--seed", "5"));
    Map<String, NdArray> rec = NpyReader.readNpz(rnn.resolve("activity.npz"));
    assertTrue(r.out().startsWith("record: " + rnn.resolve("activity.npz") + " (24 trials"), r.out());
    RnnConfig cfg = RunDir.open(rnn).readJson("config.json", RnnConfig.class);
    Task task = cfg.newTask();
    int steps = task.maxSteps();
    assertArrayEquals(new int[] {24, steps, task.nIn()}, rec.get("inputs").shape());
    assertArrayEquals(new int[] {24, steps, task.nOut()}, rec.get("targets").shape());
    assertArrayEquals(new int[] {24, steps}, rec.get("mask").shape());
    assertArrayEquals(new int[] {24, steps, 16}, rec.get("x").shape());
    assertArrayEquals(new int[] {24, steps, 16}, rec.get("rates").shape());
    assertArrayEquals(new int[] {24, steps, task.nOut()}, rec.get("outputs").shape());
    SplittableRandom rng = new SplittableRandom(5);
    for (int k = 0; k < 3; k++) { // the first trials, as the task draws them from the seed
      Trial tr = task.sample(rng);
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < task.nIn(); i++) assertEquals(tr.inputs()[t][i], f(rec.get("inputs"))[(k * steps + t) * task.nIn() + i]);
        assertEquals(tr.mask()[t], f(rec.get("mask"))[k * steps + t]);
      }
      assertEquals(tr.label(), ((int[]) rec.get("labels").data())[k]);
    }
    float[] x = f(rec.get("x")), rates = f(rec.get("rates"));
    for (int q = 0; q < x.length; q++) assertEquals(cfg.activation().apply(x[q]), rates[q], "rates = phi(x)");

    RnnTrainer trainer = new RnnTrainer(cfg, RunDir.open(rnn));
    trainer.loadForEvaluation();
    double[] eval = RnnTrainer.evaluateFresh(trainer.network(), task, cfg, 20, new SplittableRandom(5));
    assertEquals(eval[1], RnnRecorder.accuracy(rec), "accuracy of the recorded outputs = rnn eval's");
    assertEquals(eval[0], maskedCrossEntropy(rec, 8), 1e-6 * Math.abs(eval[0]), "loss of the recorded outputs");
    String shown = WeightsImportTest.ok(CliRun.of("rnn", "eval", rnn.toString(), "--trials", "20", "--seed", "5")).out();
    assertTrue(shown.contains(String.format(java.util.Locale.ROOT, "accuracy %.2f%%", 100 * eval[1])), shown);
  }

  /** The masked softmax cross-entropy of the recorded outputs, averaged per minibatch of {@code batch} trials as evaluation does. */
  static double maskedCrossEntropy(Map<String, NdArray> rec, int batch) {
    float[] y = f(rec.get("outputs")), tg = f(rec.get("targets")), mask = f(rec.get("mask"));
    int trials = rec.get("outputs").shape()[0], steps = rec.get("outputs").shape()[1], nOut = rec.get("outputs").shape()[2];
    double sum = 0;
    for (int from = 0; from < trials; from += batch) {
      double total = 0, m = 0;
      for (int k = from; k < from + batch; k++) {
        for (int t = 0; t < steps; t++) {
          int row = k * steps + t, o0 = row * nOut;
          if (mask[row] == 0) continue;
          m += mask[row];
          double max = Double.NEGATIVE_INFINITY, z = 0;
          for (int o = 0; o < nOut; o++) max = Math.max(max, y[o0 + o]);
          for (int o = 0; o < nOut; o++) z += Math.exp(y[o0 + o] - max);
          for (int o = 0; o < nOut; o++) total -= mask[row] * tg[o0 + o] * (y[o0 + o] - max - Math.log(z));
        }
      }
      sum += total / m;
    }
    return sum / (trials / batch);
  }

  @Test
  void elmRecordHoldsMemoriesAndTheOutputsEvaluationScores() throws Exception {
    Path file = tmp.resolve("elm-activity.npz");
    WeightsImportTest.ok(CliRun.of("elm", "record", elm.toString(), "--trials", "1000", "--data-dir", data.toString(),
        "--out", file.toString()));
    Map<String, NdArray> rec = NpyReader.readNpz(file);
    int n = rec.get("labels").shape()[0], steps = rec.get("inputs").shape()[1];
    assertArrayEquals(new int[] {n, steps, 2 * 3}, rec.get("memory").shape(), "memory [trials, T, N d_m]");
    assertArrayEquals(new int[] {n, steps, 10}, rec.get("outputs").shape());
    Map<?, ?> eval = Json.mapper().readValue(WeightsImportTest.ok(CliRun.of("elm", "eval", elm.toString(), "--data-dir",
        data.toString())).out(), Map.class);
    assertEquals(((Number) eval.get("test_acc")).doubleValue(), ElmRecorder.accuracy(rec), "the whole test split");
    Path weights = tmp.resolve("elm-weights.npz");
    WeightsImportTest.ok(CliRun.of("export", elm.toString(), "--out", weights.toString(), "--data-dir", data.toString()));
    Map<String, NdArray> w = NpyReader.readNpz(weights);
    float[] wr = f(w.get("W_r")), br = f(w.get("b_r")), m = f(rec.get("memory")), y = f(rec.get("outputs"));
    for (int row = 0; row < n * steps; row += 7) { // outputs = W_r m_t + b_r
      for (int o = 0; o < 10; o++) {
        double s = br[o];
        for (int u = 0; u < 6; u++) s += wr[o * 6 + u] * m[row * 6 + u];
        assertEquals(s, y[row * 10 + o], 1e-5, "row " + row + " output " + o);
      }
    }
  }
}
