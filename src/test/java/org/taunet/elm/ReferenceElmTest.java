package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;
import org.taunet.run.Json;
import org.taunet.seq.SparseInput;

/**
 * {@link ReferenceElm} against the reference PyTorch ELM code (../shared/reference/elmneuron): a Branch-ELM with the
 * reference's NeuronIO routing and a plain ELM with trained tau_m, each trained a few Adam steps in PyTorch, load
 * with the reference's parameter count and give the reference's outputs on the same input within float32 tolerance
 * (max |difference| 1e-4 relative to the largest output). Skips with a message where python3, torch or the
 * reference's imports (matplotlib, seaborn) are missing.
 */
public class ReferenceElmTest {
  static final Path REFERENCE = Path.of("../shared/reference/elmneuron");
  @TempDir Path tmp;

  /**
   * Runs a bundled script with python3 in {@code tmp}: the first python3 on PATH, else the system one
   * (/usr/bin/python3, Debian's, which apt's python3-torch serves where PATH leads to another Python first); null
   * (skip) if no python3 with the script's modules is found.
   */
  public static String python(Path tmp, String script, String... args) throws Exception {
    Path file = tmp.resolve(script);
    if (!Files.exists(file)) {
      try (InputStream in = ReferenceElmTest.class.getResourceAsStream("/org/taunet/reference/" + script)) {
        Files.copy(in, file);
      }
    }
    for (String python : new String[] {"python3", "/usr/bin/python3"}) {
      String[] cmd = new String[args.length + 2];
      cmd[0] = python;
      cmd[1] = file.toString();
      System.arraycopy(args, 0, cmd, 2, args.length);
      Process p;
      try {
        p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
      } catch (IOException noPython) {
        continue;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), python + " finished");
      if (p.exitValue() != 0 && out.contains("ModuleNotFoundError")) continue;
      assertEquals(0, p.exitValue(), out);
      return out;
    }
    return null;
  }

  /** Outputs of {@code net} on X [batch, T, inputs], as [batch, T, outputs]. */
  static float[] run(ElmNet net, NdArray x) {
    int b = x.shape()[0], t = x.shape()[1], c = x.shape()[2], k = net.shape().outputs();
    float[] xs = new float[t * b * c], src = (float[]) x.data();
    for (int q = 0; q < b; q++) for (int s = 0; s < t; s++) System.arraycopy(src, (q * t + s) * c, xs, (s * b + q) * c, c);
    SparseInput in = new SparseInput();
    in.setDense(xs, t, b, c);
    float[] logits = new float[t * b * k], out = new float[b * t * k];
    net.forward(in, 0, logits, false);
    for (int q = 0; q < b; q++) for (int s = 0; s < t; s++) System.arraycopy(logits, (s * b + q) * k, out, (q * t + s) * k, k);
    return out;
  }

  @Test
  void referenceElmNeuronsLoadWithTheirParameterCountAndOutputs() throws Exception {
    assumeTrue(Files.isDirectory(REFERENCE), "no reference code at " + REFERENCE.toAbsolutePath() + ": skipped");
    String out = python(tmp, "elm_reference.py", REFERENCE.toAbsolutePath().toString(), tmp.toString());
    assumeTrue(out != null, "python3 with torch, numpy, matplotlib and seaborn not found: skipped (apt-get install "
        + "python3-torch python3-matplotlib python3-seaborn)");
    Map<?, ?> counts = Json.mapper().readValue(out.strip().lines().reduce((a, b) -> b).orElseThrow(), Map.class);
    Map<String, ReferenceElm.Options> cases = Map.of(
        "branch", new ReferenceElm.Options(26, 1, 150, 5, 1, ElmShape.Activation.RELU, false),
        "plain", new ReferenceElm.Options(9, 2, 500, 3, 2, ElmShape.Activation.SILU, true));
    for (Map.Entry<String, ReferenceElm.Options> c : cases.entrySet()) {
      Map<String, NdArray> sd = NpyReader.readNpz(tmp.resolve(c.getKey() + ".npz"));
      ElmNet net = ReferenceElm.load(sd, c.getValue());
      assertEquals(((Number) counts.get(c.getKey())).longValue(), net.shape().paramCount(), c.getKey() + ": parameters");
      assertEquals(net.params().length, net.shape().paramCount());
      float[] got = run(net, sd.get("X")), want = (float[]) sd.get("Y").data();
      assertEquals(want.length, got.length);
      double scale = 0, worst = 0;
      for (int i = 0; i < want.length; i++) {
        scale = Math.max(scale, Math.abs(want[i]));
        worst = Math.max(worst, Math.abs(want[i] - got[i]));
      }
      assertTrue(scale > 0.1, c.getKey() + ": outputs not trivially small");
      assertTrue(worst <= 1e-4 * scale, c.getKey() + ": max |taunet - reference| = " + worst + " of max |output| " + scale);
    }
  }
}
