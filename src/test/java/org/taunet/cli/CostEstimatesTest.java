package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.bench.Work;
import org.taunet.ep.EpConfig;

class CostEstimatesTest {
  @TempDir Path tmp;

  private static Work work(String... args) {
    return TrainCommand.apply(List.of(args), Family::work, Work::unknown);
  }

  /** net1 on 1000 training / 500 test images for 2 epochs: 50 steps of 20 examples a epoch and one test pass. */
  @Test
  void epCountsTrainingStepsAndOneTestPassPerEpoch() {
    Work w = work("ep", "train", "--preset", "net1", "--train-limit", "1000", "--test-limit", "500", "--epochs", "2");
    double drive = 2.0 * 784 * 500, relax = 2 * 2.0 * 500 * 10;
    double trainSample = drive + (20 + 4) * relax + drive + relax; // drive, T1 + T2 steps, weight gradients
    double testSample = drive + 20 * relax;
    assertEquals(trainSample, org.taunet.bench.EpBench.flopsPerSample(EpConfig.preset("net1"), new int[] {784, 500, 10}));
    assertEquals(20 * trainSample, w.flopsPerStep(), 1e-6);
    assertEquals(2 * (1000 * trainSample + 500 * testSample), w.flops(), 1e-3);
    assertTrue(w.what().contains("100 steps"), w.what());
  }

  @Test
  void rnnCountsIterationsAndScheduledEvaluations() {
    Work w = work("rnn", "train", "--units", "32", "--iterations", "100", "--eval-every", "10", "--eval-trials", "64",
        "--batch-size", "16");
    double perTrial = w.flopsPerStep() / 16;
    assertEquals(100 * 16 * perTrial + 11 * 64 * perTrial / 3, w.flops(), 1e-3 * w.flops() * 1e-9);
    Work bigger = work("rnn", "train", "--units", "64", "--iterations", "100", "--eval-every", "10", "--eval-trials",
        "64", "--batch-size", "16");
    assertTrue(bigger.flopsPerStep() > 3 * w.flopsPerStep(), "the recurrent product grows as N^2");
  }

  @Test
  void elmSpikeTasksAreCountedAndTextOnlyWithAStepCap() {
    assertTrue(work("elm", "train", "--task", "fsdd-adding", "--bin-ms", "10").known());
    assertTrue(work("elm", "train", "--task", "fsdd", "--model", "lstm").known());
    Work lstm = work("elm", "train", "--task", "fsdd", "--model", "lstm", "--hidden", "64");
    Work leaky = work("elm", "train", "--task", "fsdd", "--model", "leaky-rnn", "--hidden", "64");
    assertEquals(4 * leaky.flopsPerStep(), lstm.flopsPerStep(), 1e-6 * lstm.flopsPerStep(), "4 gates against 1");
    assertFalse(work("elm", "train", "--task", "text").known(), "the stream length sets the run's length");
    Work text = work("elm", "train", "--task", "text", "--max-steps", "100", "--eval-every", "25", "--eval-bytes",
        "1000", "--batch-size", "4", "--segment", "10", "--units", "2", "--ke", "3", "--kc", "5");
    double perByte = text.flopsPerStep() / 40;
    // per byte: 2 units x 3 x 2 x ((5 + 3) 6 + 6 x 3) plus the readout 3 x 2 x (2 x 3) x 256
    assertEquals(2 * 6 * (8 * 6 + 6 * 3) + 6 * 6 * 256, perByte, 1e-9 * perByte);
    assertEquals(100 * 40 * perByte + 6 * 1000 * perByte / 3, text.flops(), 1e-9 * text.flops());
    assertFalse(work("data", "list").known());
  }

  @Test
  void sweepRunPrintsTheTimeEstimateBeforeItStarts() throws Exception {
    Path spec = tmp.resolve("t.yaml");
    Files.writeString(spec, "name: t\ncommand: [rnn, train]\nflags: {units: 16, iterations: 2, eval-every: 1}\n"
        + "grid: {seed: [1, 2]}\n");
    PrintStream oldErr = System.err, oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      new picocli.CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
          .execute("sweep", "run", spec.toString(), "--out", tmp.resolve("s").toString());
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String msg = err.toString(StandardCharsets.UTF_8);
    assertTrue(msg.contains("time estimate for 2 pending point(s): ") && msg.contains("core-hours of training"), msg);
    assertTrue(msg.contains("smaller than any the cost model measured"), "16 units lie below the calibration: " + msg);
  }

  @Test
  void dryRunPrintsTheEstimatesAndCreatesNothing() throws Exception {
    Path spec = tmp.resolve("d.yaml");
    Files.writeString(spec, "name: d\ncommand: [rnn, train]\nflags: {units: 128}\ngrid: {seed: [1, 2, 3]}\n");
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new picocli.CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
          .execute("sweep", "run", spec.toString(), "--out", tmp.resolve("d").toString(), "--dry-run");
    } finally {
      System.setErr(oldErr);
    }
    String msg = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, msg);
    assertTrue(msg.contains("3 points (dry run") && msg.contains("disk estimate for 3 pending point(s)")
        && msg.contains("time estimate for 3 pending point(s)"), msg);
    assertFalse(Files.exists(tmp.resolve("d")), "a dry run creates no sweep folder");
  }
}
