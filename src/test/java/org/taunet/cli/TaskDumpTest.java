package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.DType;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;
import org.taunet.data.NpyWriter;
import org.taunet.run.MetricsCsv;
import org.taunet.tasks.NpzTask;
import org.taunet.tasks.Task;
import org.taunet.tasks.Tasks;
import org.taunet.tasks.Trial;

/**
 * {@code rnn task dump} and {@code --task npz:FILE}: the dumped arrays are the task's trials; an RNN trained on the
 * file learns (evaluated on the file's held-out trials); a neurogym-style file with per-step integer labels loads;
 * a file at another dt is refused.
 */
class TaskDumpTest {
  @TempDir Path tmp;

  static final String[] TRAIN = {"--units", "32", "--tau", "uniform", "--iterations", "150", "--batch-size", "16",
      "--eval-every", "50", "--eval-trials", "128", "--timescale-steps", "0", "--lr", "0.01", "--seed", "2", "--quiet"};

  @Test
  void dumpedTrialsAreTheTasksAndAnRnnLearnsFromTheFile() throws Exception {
    Path file = tmp.resolve("pdm.npz");
    CliRun d = WeightsImportTest.ok(CliRun.of("rnn", "task", "dump", "perceptual-dm", "--trials", "600", "--seed", "3",
        "--out", file.toString()));
    assertTrue(d.out().startsWith("dump: " + file + " (600 trials of perceptual-dm"), d.out());
    Map<String, NdArray> a = NpyReader.readNpz(file);
    Task task = Tasks.create("perceptual-dm", 50);
    int steps = task.maxSteps();
    assertArrayEquals(new int[] {600, steps, task.nIn()}, a.get("ob").shape());
    assertArrayEquals(new int[] {600, steps, task.nOut()}, a.get("gt").shape());
    assertArrayEquals(new int[] {600, steps}, a.get("mask").shape());
    SplittableRandom rng = new SplittableRandom(3);
    float[] ob = (float[]) a.get("ob").data(), gt = (float[]) a.get("gt").data();
    for (int k = 0; k < 2; k++) {
      Trial tr = task.sample(rng);
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < task.nIn(); i++) assertEquals(tr.inputs()[t][i], ob[(k * steps + t) * task.nIn() + i]);
        for (int o = 0; o < task.nOut(); o++) assertEquals(tr.targets()[t][o], gt[(k * steps + t) * task.nOut() + o]);
      }
      assertEquals(tr.label(), ((int[]) a.get("label").data())[k]);
      assertEquals(tr.decisionEnd(), ((int[]) a.get("decision_end").data())[k]);
    }
    NpzTask loaded = (NpzTask) Tasks.create("npz:" + file, 50);
    assertEquals(480, loaded.trials(), "the first 80% train");
    assertEquals(120, ((NpzTask) loaded.evaluation()).trials(), "the last 20% evaluate");

    Path run = tmp.resolve("run");
    WeightsImportTest.ok(CliRun.of(WeightsImportTest.concat(new String[] {"rnn", "train", "--task", "npz:" + file,
        "--out", run.toString()}, TRAIN)));
    List<Map<String, String>> rows = new MetricsCsv(run.resolve("metrics.csv")).rows();
    double first = Double.parseDouble(rows.get(0).get("eval_acc")), last = Double.parseDouble(rows.get(rows.size() - 1).get("eval_acc"));
    assertTrue(first < 0.6 && last >= 0.75, "held-out accuracy from " + first + " to " + last);
  }

  @Test
  void aNeurogymFileWithPerStepLabelsLoadsAndAnotherDtIsRefused() throws Exception {
    int n = 10, steps = 6;
    float[] ob = new float[n * steps * 2];
    long[] gt = new long[n * steps];
    for (int k = 0; k < n; k++) {
      ob[(k * steps) * 2 + k % 2] = 1;
      gt[k * steps + steps - 1] = 1 + k % 2; // fixation, then the choice on the last step
    }
    Map<String, NdArray> a = new LinkedHashMap<>();
    a.put("ob", new NdArray(DType.F4, new int[] {n, steps, 2}, ob));
    a.put("gt", new NdArray(DType.I8, new int[] {n, steps}, gt));
    Path file = tmp.resolve("neurogym.npz");
    NpyWriter.writeNpz(file, a);
    Task task = Tasks.create("npz:" + file, 100);
    assertEquals(List.of("fixation", "choice1", "choice2"), task.outputNames());
    Trial tr = task.sample(new SplittableRandom(1));
    assertEquals(steps, tr.decisionEnd(), "read at the last step");
    assertEquals(1f, tr.targets()[steps - 1][tr.label()], "one-hot of the label");
    assertEquals(1f, tr.targets()[0][0], "fixation before");

    a.put("dt_ms", new NdArray(DType.F8, new int[0], new double[] {20}));
    Path at20 = tmp.resolve("dt20.npz");
    NpyWriter.writeNpz(at20, a);
    CliRun.of("rnn", "train", "--task", "npz:" + at20, "--out", tmp.resolve("x").toString())
        .assertUserError(2, "--task", "dt = 20.0 ms", "--dt-ms 20");
    CliRun.of("rnn", "train", "--task", "npz:" + tmp.resolve("none.npz"), "--out", tmp.resolve("y").toString())
        .assertUserError(2, "--task", "none.npz", "not found");
  }
}
