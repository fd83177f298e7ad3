package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.bench.EpBench;
import org.taunet.data.DType;
import org.taunet.data.DatasetSplit;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;
import org.taunet.data.NpyWriter;
import org.taunet.ep.EpConfig;
import org.taunet.ep.EpLearner;
import org.taunet.ep.EpTrainer;
import org.taunet.run.Json;
import org.taunet.run.RunDir;
import org.taunet.run.MetricsCsv;
import org.taunet.tau.TauSpec;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.TrainLoop;

/**
 * {@code --init-from}: a tiny EP, RNN and ELM run each exported, imported and evaluated: the same accuracy and loss as
 * the checkpoint, straight from taunet's own file and (with python3 + NumPy) after NumPy rewrote it with
 * {@code np.savez}; a train command started from an export; files that do not fit refused naming the tensor.
 */
class WeightsImportTest {
  @TempDir static Path tmp;
  static Path ep;
  static Path rnn;
  static Path elm;
  static Path data;
  static final DatasetSplit EP_DATA = new DatasetSplit(EpBench.syntheticMnist(100, 1), EpBench.syntheticMnist(40, 2), "");
  static final String[] RNN = {"--task", "integration-wm", "--units", "16", "--tau", "uniform", "--iterations", "12",
      "--batch-size", "8", "--eval-every", "4", "--eval-trials", "16", "--timescale-steps", "0", "--seed", "9", "--quiet"};

  @BeforeAll
  static void trainTinyRuns() throws Exception {
    ep = tmp.resolve("ep");
    new EpTrainer(epConfig(null), EP_DATA, RunDir.create(ep)).train(false, new TrainLoop.Listener() {});
    rnn = tmp.resolve("rnn");
    ok(CliRun.of(concat(new String[] {"rnn", "train", "--out", rnn.toString()}, RNN)));
    data = DataFixtures.fsdd(tmp.resolve("data"), null);
    elm = tmp.resolve("elm");
    ok(CliRun.of("elm", "train", "--task", "fsdd", "--units", "2", "--ke", "3", "--epochs", "2", "--batch-size", "8",
        "--lr", "0.01", "--data-dir", data.toString(), "--quiet", "--out", elm.toString()));
  }

  static EpConfig epConfig(String initFrom) {
    EpConfig p = EpConfig.preset("net1");
    return new EpConfig("synthetic", List.of(12), p.activation(), p.dynamics(), TauSpec.of("gamma:mean=0.5,k=4,max=1"),
        1, 20, 10, 4, 0.5, true, false, true, List.of(0.01, 0.005), OptimizerSpec.Kind.ADAM, 0.9, 1e-3, 20, 0, 0, 7)
        .withInitFrom(initFrom);
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static CliRun ok(CliRun r) {
    assertEquals(0, r.status(), r.out() + r.err());
    return r;
  }

  static Path export(Path run, String format, String name) {
    Path file = tmp.resolve(name);
    ok(CliRun.of("export", run.toString(), "--format", format, "--out", file.toString(), "--optimizer", "--data-dir",
        data.toString()));
    return file;
  }

  /** EP's cold-start test accuracy and loss, of the checkpoint (file null) or of {@code file}. */
  static double[] epEval(Path file) throws Exception {
    EpTrainer t = new EpTrainer(epConfig(null), EP_DATA, RunDir.open(ep));
    if (file == null) t.loadForEvaluation();
    else t.initFrom(file);
    EpLearner.Stats s = t.learner().evaluate(t.testSet(), null, 20);
    return new double[] {s.accuracy(), s.meanLoss()};
  }

  /** What {@code rnn eval} prints after its "step N" / file prefix. */
  static String rnnEval(Path file) {
    String out = ok(file == null ? CliRun.of("rnn", "eval", rnn.toString(), "--trials", "64")
        : CliRun.of("rnn", "eval", rnn.toString(), "--trials", "64", "--init-from", file.toString())).out();
    return out.substring(out.indexOf(", ") + 2).strip();
  }

  /** {@code elm eval}'s accuracies. */
  static Map<?, ?> elmEval(Path file) throws Exception {
    String[] args = {"elm", "eval", elm.toString(), "--data-dir", data.toString()};
    Map<?, ?> m = Json.mapper().readValue(ok(file == null ? CliRun.of(args) : CliRun.of(concat(args, "--init-from",
        file.toString()))).out(), Map.class);
    return Map.of("valid_acc", m.get("valid_acc"), "test_acc", m.get("test_acc"));
  }

  @Test
  void everyFamilysExportEvaluatesExactlyAsItsCheckpoint() throws Exception {
    double[] epWant = epEval(null);
    String rnnWant = rnnEval(null);
    Map<?, ?> elmWant = elmEval(null);
    assertTrue(rnnWant.contains("accuracy"), rnnWant);
    for (String format : List.of("npz", "safetensors")) {
      assertArrayEquals(epWant, epEval(export(ep, format, "ep." + format)), format);
      assertEquals(rnnWant, rnnEval(export(rnn, format, "rnn." + format)), format);
      assertEquals(elmWant, elmEval(export(elm, format, "elm." + format)), format);
    }
  }

  @Test
  void numpyRewritesTheExportsUnchangedAndTheyEvaluateTheSame() throws Exception {
    assumeTrue(ExportCommandTest.python(tmp, "import numpy") != null,
        "python3 with numpy not found: skipped (apt-get install python3-numpy)");
    Map<String, Path> back = new LinkedHashMap<>();
    for (Path run : List.of(ep, rnn, elm)) {
      String name = run.getFileName().toString();
      export(run, "npz", name + "-taunet.npz");
      ExportCommandTest.python(tmp, String.join("\n",
          "import numpy as np",
          "z = np.load('" + name + "-taunet.npz')",
          "np.savez('" + name + "-numpy.npz', **{k: z[k] for k in z.files})"));
      back.put(name, tmp.resolve(name + "-numpy.npz"));
    }
    assertArrayEquals(epEval(null), epEval(back.get("ep")));
    assertEquals(rnnEval(null), rnnEval(back.get("rnn")));
    assertEquals(elmEval(null), elmEval(back.get("elm")));
  }

  @Test
  void aTrainCommandStartsFromAnExportAndRecordsIt() throws Exception {
    Path file = export(rnn, "npz", "rnn-start.npz");
    Path next = tmp.resolve("rnn-next");
    ok(CliRun.of(concat(new String[] {"rnn", "train", "--out", next.toString(), "--init-from", file.toString()}, RNN)));
    assertEquals(file.toString(), Json.mapper().readTree(next.resolve("config.json").toFile()).get("initFrom").asText());
    List<Map<String, String>> before = new MetricsCsv(rnn.resolve("metrics.csv")).rows();
    List<Map<String, String>> after = new MetricsCsv(next.resolve("metrics.csv")).rows();
    assertEquals("0", after.get(0).get("step"));
    for (String col : List.of("eval_acc", "eval_loss")) {
      assertEquals(before.get(before.size() - 1).get(col), after.get(0).get(col), col + ": the imported network at step 0");
    }
    Path epFile = export(ep, "safetensors", "ep-start.safetensors");
    Path epNext = tmp.resolve("ep-next");
    new EpTrainer(epConfig(epFile.toString()), EP_DATA, RunDir.create(epNext)).train(false, new TrainLoop.Listener() {});
    Map<String, NdArray> w = NpyReader.readNpz(export(ep, "npz", "ep-dt.npz"));
    String dts = Files.readString(epNext.resolve("dt.txt"));
    assertTrue(dts.startsWith(Float.toString(((float[]) w.get("dt1").data())[0])), "dt.txt holds the imported dt: " + dts);
    Path elmNext = tmp.resolve("elm-next");
    ok(CliRun.of("elm", "train", "--task", "fsdd", "--units", "2", "--ke", "3", "--epochs", "1", "--batch-size", "8",
        "--data-dir", data.toString(), "--quiet", "--out", elmNext.toString(), "--init-from",
        export(elm, "npz", "elm-start.npz").toString()));
  }

  @Test
  void aFileThatDoesNotFitIsRefusedNamingTheTensor() throws Exception {
    Map<String, NdArray> good = NpyReader.readNpz(export(rnn, "npz", "rnn-edit.npz"));
    Map<String, NdArray> m = new LinkedHashMap<>(good);
    m.put("W", new NdArray(DType.F4, new int[] {16, 12}, new float[16 * 12]));
    refused(m, "shape.npz", "'W'", "[16, 12]", "[16, 16]");
    m = new LinkedHashMap<>(good);
    m.remove("bout");
    m.put("Wextra", good.get("b"));
    refused(m, "names.npz", "missing: bout", "not in this network: Wextra");
    m = new LinkedHashMap<>(good);
    m.put("b", new NdArray(DType.F8, new int[] {16}, new double[16]));
    refused(m, "f8.npz", "'b'", "float32");
    CliRun.of("rnn", "eval", rnn.toString(), "--init-from", tmp.resolve("nope.npz").toString())
        .assertUserError(1, "nope.npz", "not found");
    Map<String, NdArray> e = new LinkedHashMap<>(NpyReader.readNpz(export(elm, "npz", "elm-edit.npz")));
    float[] tau = ((float[]) e.get("tau_m").data()).clone();
    tau[0] += 1;
    e.put("tau_m", new NdArray(DType.F4, e.get("tau_m").shape(), tau));
    Path bad = tmp.resolve("elm-tau.npz");
    NpyWriter.writeNpz(bad, e);
    CliRun.of("elm", "eval", elm.toString(), "--data-dir", data.toString(), "--init-from", bad.toString())
        .assertUserError(1, "'tau_m'", "fixed by the seed");
  }

  static void refused(Map<String, NdArray> tensors, String name, String... parts) throws Exception {
    Path file = tmp.resolve(name);
    NpyWriter.writeNpz(file, tensors);
    CliRun.of("rnn", "eval", rnn.toString(), "--init-from", file.toString()).assertUserError(1, parts);
  }
}
