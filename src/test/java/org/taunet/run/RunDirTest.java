package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirTest {
  @TempDir
  Path tmp;

  record Config(String model, int hidden) {}

  @Test
  void createRefusesAFolderThatAlreadyHoldsARun() throws IOException {
    Path d = tmp.resolve("runs/exp1");
    RunDir run = RunDir.create(d);
    assertTrue(Files.isDirectory(d));
    run.writeJson(RunDir.CONFIG, new Config("ep", 510));
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> RunDir.create(d));
    assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("exp1"), e.getMessage());
    assertEquals(new Config("ep", 510), RunDir.open(d).readJson(RunDir.CONFIG, Config.class));
  }

  @Test
  void createAcceptsAnExistingFolderWithoutARun() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("empty"));
    assertEquals(d.toAbsolutePath().normalize(), RunDir.create(d).path());
  }

  @Test
  void createRefusesForeignFilesButAcceptsWhatTaunetLeavesBeforeItsConfig() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("point"));
    for (String f : new String[] {"stdout.log", "stderr.log", "sweep-exit.json", "run.lock", "provenance.json",
        ".config.json.1f.tmp"}) {
      Files.writeString(d.resolve(f), "");
    }
    assertEquals(d.toAbsolutePath().normalize(), RunDir.create(d).path());
    Files.writeString(d.resolve("notes.txt"), "mine");
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> RunDir.create(d));
    assertTrue(e.getMessage().contains("not a taunet run (it holds notes.txt)"), e.getMessage());
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    assertThrows(java.nio.file.NotDirectoryException.class, () -> RunDir.create(file));
  }

  @Test
  void openNeedsAnExistingRun() throws IOException {
    NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> RunDir.open(tmp.resolve("nope")));
    assertTrue(missing.getMessage().contains("no such run directory"), missing.getMessage());
    Path noConfig = Files.createDirectories(tmp.resolve("half"));
    NoSuchFileException notRun = assertThrows(NoSuchFileException.class, () -> RunDir.open(noConfig));
    assertTrue(notRun.getMessage().contains("no config.json"), notRun.getMessage());
  }

  @Test
  void fileNamesStayInsideTheRunFolder() throws IOException {
    RunDir run = RunDir.create(tmp.resolve("r"));
    assertEquals(run.path().resolve("ckpt/epoch-3.ck"), run.file("ckpt/epoch-3.ck"));
    assertThrows(IllegalArgumentException.class, () -> run.file("../other/config.json"));
    assertThrows(IllegalArgumentException.class, () -> run.file("/etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> run.file(""));
    assertThrows(IllegalArgumentException.class, () -> run.file("a/../.."));
  }

  @Test
  void floatsRoundTripBitForBit() throws IOException {
    RunDir run = RunDir.create(tmp.resolve("r"));
    SplittableRandom r = new SplittableRandom(9);
    float[] v = new float[5000];
    for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat(r.nextInt());
    v[0] = -0.0f;
    v[1] = Float.MIN_VALUE;
    v[2] = Float.POSITIVE_INFINITY;
    v[3] = 0.1f;
    run.writeFloats("dt.txt", v);
    float[] back = run.readFloats("dt.txt");
    assertEquals(v.length, back.length);
    for (int i = 0; i < v.length; i++) {
      if (Float.isNaN(v[i])) assertTrue(Float.isNaN(back[i]));
      else assertEquals(Float.floatToIntBits(v[i]), Float.floatToIntBits(back[i]), "index " + i);
    }
    assertEquals("0.1", run.readString("dt.txt").lines().skip(3).findFirst().orElseThrow());
    assertArrayEquals(new float[0], writeAndRead(run, new float[0]));
  }

  private static float[] writeAndRead(RunDir run, float[] v) throws IOException {
    run.writeFloats("empty.txt", v);
    return run.readFloats("empty.txt");
  }

  @Test
  void badFloatFilesNameTheLine() throws IOException {
    RunDir run = RunDir.create(tmp.resolve("r"));
    run.writeString("dt.txt", "0.5\nabc\n");
    IOException e = assertThrows(IOException.class, () -> run.readFloats("dt.txt"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void metricsAndJsonTreesGoThroughTheRunFolder() throws IOException {
    RunDir run = RunDir.create(tmp.resolve("r"));
    run.metrics(RunDir.METRICS).append(Map.of("epoch", 1));
    assertEquals("1", run.metrics(RunDir.METRICS).rows().get(0).get("epoch"));
    run.writeJson("sub/extra.json", Map.of("a", 1));
    assertEquals(1, run.readJsonTree("sub/extra.json").get("a").asInt());
    assertTrue(run.exists("sub/extra.json"));
    assertFalse(run.exists("nothing.json"));
  }
}
