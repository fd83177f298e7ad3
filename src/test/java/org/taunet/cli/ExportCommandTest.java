package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.bench.EpBench;
import org.taunet.data.DType;
import org.taunet.data.DatasetSplit;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;
import org.taunet.data.Safetensors;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmTrainer;
import org.taunet.ep.EpConfig;
import org.taunet.ep.EpTrainer;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnTrainer;
import org.taunet.run.Json;
import org.taunet.run.RunDir;
import org.taunet.tau.TauSpec;
import org.taunet.train.CheckpointFile;
import org.taunet.train.ExportLayout;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.StateBundle;
import org.taunet.train.TrainLoop;

/**
 * {@code taunet export}: a tiny EP run (Adam, so there are optimizer moments), a tiny ELM and a tiny RNN run, each exported as
 * .npz and .safetensors, read back and compared tensor by tensor with the checkpoint; the .npz read by python3 +
 * NumPy; docs/python.md's snippets run on the exports.
 */
class ExportCommandTest {
  @TempDir static Path tmp;
  static Path ep;
  static Path elm;
  static Path rnn;
  static Path fixtures;
  static ExportLayout elmLayout;
  static final TrainLoop.Listener QUIET = new TrainLoop.Listener() {};

  @BeforeAll
  static void trainTinyRuns() throws Exception {
    ep = tmp.resolve("RUN"); // the name docs/python.md's snippets use
    EpConfig p = EpConfig.preset("net1");
    EpConfig cfg = new EpConfig("synthetic", List.of(12), p.activation(), p.dynamics(), TauSpec.of("gamma:mean=0.5,k=4,max=1"),
        1, 20, 10, 4, 0.5, true, false, true, List.of(0.01, 0.005), OptimizerSpec.Kind.ADAM, 0.9, 1e-3, 20, 0, 0, 7);
    DatasetSplit data = new DatasetSplit(EpBench.syntheticMnist(100, 1), EpBench.syntheticMnist(40, 2), "");
    new EpTrainer(cfg, data, RunDir.create(ep)).train(false, QUIET);
    elm = tmp.resolve("elm");
    ElmConfig d = ElmConfig.defaults();
    ElmConfig ec = new ElmConfig("fsdd", ElmConfig.Model.ELM, 2, 6, 0, 0, 0, d.version(), d.activation(), 1, 50, null,
        false, 3, 5, 0.5, 16, 1.0, 0, 1, 1, 8, 1e-2, 1.0, 20, 10, 0, 0, 0, 0, 7);
    fixtures = DataFixtures.fsdd(tmp.resolve("data"), null);
    ElmTrainer et = ElmTrainer.load(ec, fixtures, RunDir.create(elm));
    et.train(false, QUIET);
    elmLayout = et.exportLayout();
    rnn = tmp.resolve("rnn");
    RnnConfig r = RnnConfig.defaults();
    RnnConfig rc = new RnnConfig("integration-wm", r.dtMs(), "uniform", 16, r.gain(), r.activation(), r.integrator(),
        false, false, 0.05, r.loss(), 8, 12, 1e-2, r.gradClip(), 0, 4, 16, 0.9, 0, 9);
    new RnnTrainer(rc, RunDir.create(rnn)).train(false, QUIET);
  }

  record Out(int code, String stdout, String stderr) {}

  static Out taunet(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path export(Path run, String format, boolean optimizer, String name) {
    Path file = tmp.resolve(name);
    List<String> args = new ArrayList<>(List.of("export", run.toString(), "--format", format, "--out", file.toString(),
        "--data-dir", fixtures.toString()));
    if (optimizer) args.add("--optimizer");
    Out o = taunet(args.toArray(String[]::new));
    assertEquals(0, o.code(), o.stdout() + o.stderr());
    assertTrue(o.stdout().startsWith("export: " + file), o.stdout());
    return file;
  }

  /** Every exported tensor equals its checkpoint entry (net/ without the prefix, opt/ as is), and nothing else. */
  static void assertSameAsCheckpoint(Path run, String family, Map<String, NdArray> got, boolean optimizer) throws IOException {
    StateBundle state = CheckpointFile.read(run.resolve("checkpoint.bin"), family, null);
    Map<String, NdArray> want = new TreeMap<>();
    if (family.equals("elm")) want.putAll(elmLayout.export(state)); // ElmTensorsTest checks the names' positions
    for (String name : state.names()) {
      if (family.equals("elm") && name.startsWith("net/")) continue;
      boolean net = name.startsWith("net/");
      if (!net && !(optimizer && name.startsWith("opt/"))) continue;
      String key = net ? name.substring(4) : name;
      want.put(key, switch (state.entry(name)) {
        case StateBundle.Tensor t -> new NdArray(DType.F4, t.shape(), t.data());
        case StateBundle.LongScalar l -> new NdArray(DType.I8, new int[0], new long[] {l.value()});
        case StateBundle.DoubleScalar x -> new NdArray(DType.F8, new int[0], new double[] {x.value()});
      });
    }
    assertEquals(want.keySet(), new TreeMap<>(got).keySet(), "exported names");
    for (String k : want.keySet()) {
      NdArray a = want.get(k);
      NdArray b = got.get(k);
      assertEquals(a.dtype(), b.dtype(), k);
      assertArrayEquals(a.shape(), b.shape(), k);
      switch (a.data()) {
        case float[] x -> assertArrayEquals(x, (float[]) b.data(), k);
        case long[] x -> assertArrayEquals(x, (long[]) b.data(), k);
        case double[] x -> assertArrayEquals(x, (double[]) b.data(), k);
        case int[] x -> assertArrayEquals(x, (int[]) b.data(), k);
        default -> throw new AssertionError(k);
      }
    }
  }

  @Test
  void npzAndSafetensorsOfEveryFamilyHoldTheCheckpointsTensorsAndTheConfig() throws Exception {
    for (Object[] c : new Object[][] {{ep, "ep"}, {elm, "elm"}, {rnn, "rnn"}}) {
      Path run = (Path) c[0];
      String family = (String) c[1];
      String config = Files.readString(run.resolve("config.json"));
      Map<String, NdArray> npz = new java.util.LinkedHashMap<>(NpyReader.readNpz(export(run, "npz", true, family + ".npz")));
      NdArray cfg = npz.remove("config.json");
      assertEquals(DType.U1, cfg.dtype());
      assertEquals(config, new String((byte[]) cfg.data(), StandardCharsets.UTF_8));
      assertSameAsCheckpoint(run, family, npz, true);

      Safetensors st = Safetensors.read(export(run, "safetensors", true, family + ".safetensors"));
      assertEquals(Map.of("format", "taunet-export", "format_version", "1", "family", family, "config.json", config),
          st.metadata());
      assertSameAsCheckpoint(run, family, st.tensors(), true);
    }
    assertTrue(NpyReader.readNpz(tmp.resolve("ep.npz")).containsKey("opt/W1/m"), "Adam's moments with --optimizer");
    Map<String, NdArray> r = NpyReader.readNpz(tmp.resolve("rnn.npz"));
    assertArrayEquals(new int[] {16, 16}, r.get("W").shape());
    assertArrayEquals(new int[] {16}, r.get("tau").shape());
    assertFalse(r.keySet().stream().anyMatch(k -> k.startsWith("init/")), "the initial weights are not exported");
    Map<String, NdArray> e = NpyReader.readNpz(tmp.resolve("elm.npz"));
    assertArrayEquals(new int[] {2, 12, 6}, e.get("W1_mem").shape(), "ELM tensors by name, stacked over the N units");
    assertArrayEquals(new int[] {2, 6}, e.get("tau_m").shape());
    assertFalse(e.containsKey("params"), "no flat parameter vector");
  }

  @Test
  void withoutOptimizerOnlyTheNetworkGoesToRunWeightsNpz() throws Exception {
    Out o = taunet("export", ep.toString());
    assertEquals(0, o.code(), o.stderr());
    Map<String, NdArray> z = new java.util.LinkedHashMap<>(NpyReader.readNpz(ep.resolve("weights.npz")));
    assertEquals(List.of("W1", "b1", "dt1", "W2", "b2", "dt2", "config.json"), List.copyOf(z.keySet()));
    assertArrayEquals(new int[] {784, 12}, z.get("W1").shape());
    z.remove("config.json");
    assertSameAsCheckpoint(ep, "ep", z, false);
  }

  @Test
  void aFolderWithoutCheckpointOrABadFormatIsRefusedWithTheReason() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Out none = taunet("export", empty.toString());
    assertEquals(1, none.code());
    assertTrue(none.stderr().contains("checkpoint.bin") && none.stderr().contains("not found"), none.stderr());
    Path legacy = Files.createDirectories(tmp.resolve("legacy"));
    Files.writeString(legacy.resolve("config.json"), "{}");
    org.taunet.run.Checkpoint.save(legacy.resolve("checkpoint.bin"), Map.of("epoch", 1),
        Map.of("W1", org.taunet.run.Checkpoint.shaped(new float[] {1, 2}, 2)));
    Out old = taunet("export", legacy.toString());
    assertEquals(1, old.code());
    assertTrue(old.stderr().contains("shared training core's state layout"), old.stderr());
    Out bad = taunet("export", ep.toString(), "--format", "hdf5");
    assertEquals(2, bad.code(), bad.stderr());
    assertTrue(bad.stderr().contains("--format") && bad.stderr().contains("npz or safetensors"), bad.stderr());
  }

  /** python3 -c ... with {@code dir} as working directory; null when python3 or numpy is missing. */
  static String python(Path dir, String script) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException noPython) {
      return null;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 finished");
    if (p.exitValue() != 0 && out.contains("No module named 'numpy'")) return null;
    assertEquals(0, p.exitValue(), script + "\n" + out);
    return out;
  }

  static void assumeNumpy() throws Exception {
    assumeTrue(python(tmp, "import numpy") != null, "python3 with numpy not found: skipped (apt-get install python3-numpy)");
  }

  @Test
  void numpyReadsTheNpzWithTheSameNamesShapesAndValues() throws Exception {
    assumeNumpy();
    Path file = export(ep, "npz", true, "numpy-check.npz");
    String out = python(tmp, String.join("\n",
        "import hashlib, json, numpy as np",
        "z = np.load('" + file.getFileName() + "')",
        "print(json.dumps({k: [str(z[k].dtype), list(z[k].shape), hashlib.sha256(z[k].tobytes()).hexdigest()] for k in z.files}))"));
    Map<?, ?> seen = Json.mapper().readValue(out.strip(), Map.class);
    Map<String, NdArray> mine = NpyReader.readNpz(file);
    assertEquals(new TreeMap<>(mine).keySet(), new TreeMap<>(seen).keySet());
    for (Map.Entry<String, NdArray> e : mine.entrySet()) {
      List<?> s = (List<?>) seen.get(e.getKey());
      String dtype = switch (e.getValue().dtype()) {
        case F4 -> "float32";
        case F8 -> "float64";
        case I8 -> "int64";
        case U1 -> "uint8";
        default -> throw new AssertionError(e.getKey());
      };
      assertEquals(dtype, s.get(0), e.getKey());
      assertEquals(java.util.Arrays.stream(e.getValue().shape()).boxed().toList(), s.get(1), e.getKey());
      assertEquals(sha256(e.getValue()), s.get(2), e.getKey() + " values");
    }
  }

  static String sha256(NdArray a) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(a.dtype().itemSize() * java.lang.reflect.Array.getLength(a.data()))
        .order(ByteOrder.LITTLE_ENDIAN);
    switch (a.data()) {
      case float[] x -> b.asFloatBuffer().put(x);
      case long[] x -> b.asLongBuffer().put(x);
      case double[] x -> b.asDoubleBuffer().put(x);
      case byte[] x -> b.put(x);
      default -> throw new AssertionError();
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
  }

  @Test
  void docsPythonSnippetsRunOnTheExports() throws Exception {
    assumeNumpy();
    assertEquals(0, taunet("export", ep.toString()).code());
    assertEquals(0, taunet("export", ep.toString(), "--format", "safetensors").code());
    Files.createDirectories(tmp.resolve("RNN_RUN"));
    Out rec = taunet("rnn", "record", rnn.toString(), "--trials", "16", "--out", tmp.resolve("RNN_RUN/activity.npz").toString());
    assertEquals(0, rec.code(), rec.stderr());
    List<String> doc = Files.readAllLines(Path.of("docs/python.md"));
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < doc.size(); i++) {
      if (!doc.get(i).equals("```python")) continue;
      int end = doc.subList(i + 1, doc.size()).indexOf("```") + i + 1;
      outputs.add(python(tmp, String.join("\n", doc.subList(i + 1, end))));
      i = end;
    }
    assertEquals(3, outputs.size(), "docs/python.md has three python snippets");
    assertTrue(outputs.get(0).contains("W1 float32 (784, 12)") && outputs.get(0).contains("dt2 float32 (10,)")
        && outputs.get(0).contains("tau: gamma:mean=0.5,k=4,max=1"), outputs.get(0));
    assertTrue(outputs.get(1).startsWith("ep {") && outputs.get(1).contains("'W1': (784, 12)"), outputs.get(1));
    int steps = RunDir.open(rnn).readJson("config.json", RnnConfig.class).newTask().maxSteps();
    assertTrue(outputs.get(2).startsWith("(16, " + steps + ", 16) (16, " + steps + ", 3) (16, " + steps + ")")
        && outputs.get(2).contains("variance in 3 PCs: "), outputs.get(2));
  }
}
