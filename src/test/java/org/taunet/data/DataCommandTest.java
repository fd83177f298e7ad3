package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.cli.DataCommand;
import picocli.CommandLine;

/** The {@code taunet data} command line: exit codes and one-line errors. */
class DataCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new DataCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test void listShowsMissingDatasets() {
    assertEquals(0, run("list", "--data-dir", tmp.toString()));
    assertTrue(out.toString().contains("mnist: missing (get it with 'taunet data fetch mnist'"), out.toString());
    assertTrue(out.toString().contains("kmnist-train-imgs.npz        missing (optional)"), out.toString());
  }

  @Test void userErrorIsOneLineWithoutStackTrace() {
    assertEquals(1, run("import", "mnist", tmp.resolve("nowhere").toString(), "--data-dir", tmp.toString()));
    String e = err.toString();
    assertTrue(e.startsWith("taunet: error: source directory "), e);
    assertEquals(1, e.strip().lines().count(), e);
    assertFalse(e.contains("\tat "), e);
  }

  @Test void verboseAddsTheStackTrace() {
    java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
    assertEquals(1, org.taunet.cli.Main.run(new String[] {"data", "import", "mnist", tmp.resolve("nowhere").toString(),
        "--verbose"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(e, true)), e.toString());
    assertTrue(e.toString().startsWith("taunet: error: source directory ")
        && e.toString().contains("\tat org.taunet.data.Importer"), e.toString());
  }

  @Test void unknownDatasetIsRejectedBeforeFetching() {
    assertEquals(1, run("fetch", "mnist", "cifar", "--data-dir", tmp.toString()));
    assertEquals("taunet: error: unknown dataset 'cifar' (known: mnist, fashion-mnist, kmnist, enwik8, shd)", err.toString().strip());
    assertEquals("", out.toString());
  }

  @Test void importAndListRealKmnist() {
    Path shared = TestFiles.sharedData("kmnist");
    assertEquals(0, run("import", "kmnist", shared.resolve("kmnist").toString(), "--data-dir", tmp.toString()));
    assertTrue(out.toString().contains("kmnist: ready in ") && out.toString().contains("(train 8000, test 2000)")
        && out.toString().contains("kmnist: note: KMNIST: official 60k training images not present"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("list", "--verify", "--data-dir", tmp.toString()));
    assertTrue(out.toString().contains("kmnist: usable (optional files missing)")
        && out.toString().contains("kmnist-test-imgs.npz         verified (md5)"), out.toString());
  }

  @Test void listShowsTheSpikingAndTextDatasets() {
    assertEquals(0, run("list", "--data-dir", tmp.toString()));
    String o = out.toString();
    assertTrue(o.contains("shd: missing (get it with 'taunet data fetch shd'") && o.contains("shd_train.h5.gz")
        && o.contains("enwik8: missing (get it with 'taunet data fetch enwik8'") && o.contains("fsdd: missing (no FSDD")
        && o.contains("gcide: missing"), o);
  }

  @Test void statsOfSyntheticFsdd() throws Exception {
    java.nio.file.Path rec = java.nio.file.Files.createDirectories(tmp.resolve("fsdd/recordings"));
    for (int digit = 0; digit < 2; digit++) {
      for (int index = 0; index < 6; index++) {
        float[] x = new float[1600];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * (400 + 800 * digit) * i / 8000));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * x.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * x.length).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
            .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
            .put("data".getBytes()).putInt(2 * x.length);
        for (float v : x) b.putShort((short) (v * 32767));
        java.nio.file.Files.write(rec.resolve(digit + "_zed_" + index + ".wav"), b.array());
      }
    }
    assertEquals(0, run("stats", "fsdd", "--bin-ms", "10", "--data-dir", tmp.toString()));
    String o = out.toString();
    assertTrue(o.contains("fsdd: loaded in ") && o.contains("128 channels, 10 classes, train 2, test 10")
        && o.contains("binned at 10.0 ms") && o.contains("nearest-class-mean baseline: 100.0% test accuracy"), o);
    assertEquals(1, run("stats", "cifar", "--data-dir", tmp.toString()));
    assertTrue(err.toString().contains("unknown spiking dataset 'cifar'"), err.toString());
  }
}
