package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.train.TrainLoop;
import org.taunet.run.Checkpoint;
import org.taunet.run.ChildJvm;
import org.taunet.run.DataRecord;
import org.taunet.run.Json;
import org.taunet.run.RunLock;
import org.taunet.sweep.TinySweep;
import picocli.CommandLine;

/** Run folders through the CLI: lock, foreign files, clean-up, data record, final status, particles. */
class RunFolderCliTest {
  @TempDir Path tmp;

  record Out(int code, String stdout, String stderr) {}

  static Out run(String... args) {
    PrintStream oldOut = System.out, oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
      return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** A tiny EP training command line into {@code out}, with the data folder, plus {@code extra}. */
  static String[] tiny(Path data, Path out, int epochs, String... extra) {
    List<String> a = new ArrayList<>(List.of("ep", "train", "--quiet", "--data-dir", data.toString(), "--preset", "quick",
        "--hidden", "12", "--epochs", Integer.toString(epochs), "--train-limit", "200", "--test-limit", "100",
        "--t-free", "8", "--out", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void aFolderLockedByAnotherProcessIsRefusedForANewRunAndForAResume() throws Exception {
    Path data = TinySweep.data();
    Path r = Files.createDirectories(tmp.resolve("R"));
    Path log = tmp.resolve("holder.log");
    Process holder = ChildJvm.start(log, List.of(), ChildJvm.LockHolder.class.getName(), r.toString());
    try {
      assertTrue(ChildJvm.await(30, () -> ChildJvm.read(log).contains("locked")), () -> ChildJvm.read(log));
      Out fresh = run(tiny(data, r, 1));
      assertNotEquals(0, fresh.code());
      assertTrue(fresh.stderr().contains("in use by pid " + holder.pid() + " on host"), fresh.stderr());
      assertFalse(Files.exists(r.resolve("config.json")), "nothing written by the refused run");
      String config = Json.toString(org.taunet.ep.EpConfig.preset("quick"));
      Files.writeString(r.resolve("config.json"), config); // now a run: --resume is refused the same way
      Out resume = run("ep", "train", "--quiet", "--resume", r.toString());
      assertNotEquals(0, resume.code());
      assertTrue(resume.stderr().contains("in use by pid " + holder.pid()), resume.stderr());
      assertEquals(config, Files.readString(r.resolve("config.json")));
    } finally {
      ChildJvm.kill9(holder);
    }
  }

  @Test
  void aForeignFileInOutIsRefusedBeforeTraining() throws Exception {
    Path data = TinySweep.data();
    Path r = Files.createDirectories(tmp.resolve("R"));
    Files.writeString(r.resolve("metrics.csv"), "my,own\n1,2\n");
    Out o = run(tiny(data, r, 1));
    assertNotEquals(0, o.code());
    assertTrue(o.stderr().contains("not a taunet run") && o.stderr().contains("metrics.csv"), o.stderr());
    assertEquals("my,own\n1,2\n", Files.readString(r.resolve("metrics.csv")));
    try (var s = Files.list(r)) {
      assertEquals(List.of(r.resolve("metrics.csv")), s.toList(), "no training started");
    }
  }

  /**
   * The README's sequence with the home folder pointed elsewhere: train with --data-dir, then resume and eval without
   * it (the data folder is recorded in data.json); provenance.json ends with the latest status; stale temporary files
   * are removed on resume; a finished run keeps no particles unless asked.
   */
  @Test
  void resumeAndEvalWithoutDataDirAndWithTheHomeFolderElsewhere() throws Exception {
    Path data = TinySweep.data();
    Path r = tmp.resolve("R");
    assertEquals(0, run(tiny(data, r, 2)).code());
    JsonNode rec = Json.readTree(r.resolve(DataRecord.FILE));
    assertEquals(data.toString(), rec.path("dataDir").asText());
    assertTrue(rec.path("files").has("mnist/train-images-idx3-ubyte.gz"), rec.toString());
    assertFalse(Checkpoint.load(r.resolve(TrainLoop.CHECKPOINT)).names().contains("ep/particles/train/1"));
    Path stale = r.resolve(".checkpoint.bin.1234abcd.tmp");
    Files.write(stale, new byte[1000]);

    String home = System.getProperty("user.home");
    System.setProperty("user.home", Files.createDirectories(tmp.resolve("empty-home")).toString());
    try {
      Out resume = run("ep", "train", "--quiet", "--resume", r.toString());
      assertEquals(0, resume.code(), resume.stderr());
      assertFalse(Files.exists(stale), "stale temporary file removed on resume");
      Out eval = run("ep", "eval", r.toString());
      assertEquals(0, eval.code(), eval.stderr());
      assertTrue(eval.stdout().contains("epoch 2, mnist test set (100 examples)"), eval.stdout());
      assertTrue(eval.stdout().contains("--keep-particles"), eval.stdout());
    } finally {
      System.setProperty("user.home", home);
    }
    JsonNode prov = Json.readTree(r.resolve("provenance.json"));
    assertEquals("finished", prov.path("status").asText());
    assertEquals(2, prov.path("attempts").size());
    assertEquals("provenance.resume1.json", prov.path("attempts").get(1).path("file").asText());
    assertFalse(prov.path("endTime").isNull());
  }

  @Test
  void keepParticlesKeepsThemAndIsRecordedInTheConfig() throws Exception {
    Path data = TinySweep.data();
    Path r = tmp.resolve("R");
    assertEquals(0, run(tiny(data, r, 1, "--keep-particles")).code());
    assertTrue(Json.readTree(r.resolve("config.json")).path("keepParticles").asBoolean());
    assertTrue(Checkpoint.load(r.resolve(TrainLoop.CHECKPOINT)).names().contains("ep/particles/train/1"));
    Out eval = run("ep", "eval", r.toString());
    assertTrue(eval.stdout().contains("from persistent test particles"), eval.stdout());
  }

  /**
   * A run stopped with SIGTERM (as Ctrl-C) records "interrupted" with its end time and prints how to resume; the
   * resumed run finishes and provenance.json then says finished.
   */
  @Test
  void interruptedRunRecordsItsStatusAndSaysHowToResume() throws Exception {
    Path data = TinySweep.data();
    Path r = tmp.resolve("R");
    Path log = tmp.resolve("run.log");
    Process p = ChildJvm.start(log, List.of(), Main.class.getName(), tiny(data, r, 400));
    try {
      assertTrue(ChildJvm.await(60, () -> Files.exists(r.resolve("config.json"))), () -> ChildJvm.read(log));
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      ChildJvm.kill9(p);
    }
    assertTrue(ChildJvm.read(log).contains("taunet: interrupted; resume with: ./taunet ep train --resume " + r),
        ChildJvm.read(log));
    JsonNode prov = Json.readTree(r.resolve("provenance.json"));
    assertEquals("interrupted", prov.path("status").asText(), prov.toString());
    assertFalse(prov.path("endTime").isNull());
    assertTrue(RunLock.holder(r).isEmpty());
  }
}
