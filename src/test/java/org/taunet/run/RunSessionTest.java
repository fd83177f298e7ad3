package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts and resumes: provenance attempts and final status, temporary files, freshness under the lock. */
class RunSessionTest {
  @TempDir Path tmp;
  private final PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());

  private Provenance prov() {
    return Provenance.start(1, "none", List.of("taunet", "ep", "train"), tmp);
  }

  @Test
  void provenanceJsonEndsWithTheLatestAttemptsStatus() throws Exception {
    RunDir run = RunDir.create(tmp.resolve("r"));
    try (RunSession s = RunSession.begin(run, false, prov(), "hint", quiet)) {
      assertEquals(Provenance.Status.RUNNING, Provenance.read(run.file(RunDir.PROVENANCE)).status());
      run.writeJson(RunDir.CONFIG, java.util.Map.of("x", 1));
      s.end(Provenance.Status.INTERRUPTED);
      s.end(Provenance.Status.FINISHED); // ignored: the first end wins
    }
    Provenance first = Provenance.read(run.file(RunDir.PROVENANCE));
    assertEquals(Provenance.Status.INTERRUPTED, first.status());
    try (RunSession s = RunSession.begin(run, true, prov(), "hint", quiet)) {
      assertEquals("provenance.resume1.json", s.provenanceFile());
      Provenance mid = Provenance.read(run.file(RunDir.PROVENANCE));
      assertEquals(Provenance.Status.RUNNING, mid.status());
      assertNull(mid.endTime());
      s.end(Provenance.Status.FINISHED);
    }
    Provenance main = Provenance.read(run.file(RunDir.PROVENANCE));
    assertEquals(Provenance.Status.FINISHED, main.status());
    assertEquals(first.startTime(), main.startTime(), "the first start's record is kept");
    assertEquals(List.of(Provenance.Status.INTERRUPTED, Provenance.Status.FINISHED),
        main.attempts().stream().map(Provenance.Attempt::status).toList());
    assertEquals(Provenance.Status.FINISHED, Provenance.read(run.file("provenance.resume1.json")).status());
  }

  @Test
  void temporaryFilesAreRemovedAndANewRunChecksItsFolderUnderTheLock() throws Exception {
    RunDir run = RunDir.create(tmp.resolve("r"));
    Files.write(run.file(".checkpoint.bin.0123abcd.tmp"), new byte[10]);
    try (RunSession s = RunSession.begin(run, false, prov(), "hint", quiet)) {
      run.writeJson(RunDir.CONFIG, java.util.Map.of("x", 1));
      s.end(Provenance.Status.INTERRUPTED);
    }
    assertFalse(Files.exists(run.file(".checkpoint.bin.0123abcd.tmp")));
    Files.createDirectories(run.file("ckpt"));
    Files.write(run.file("ckpt/.epoch-1.ck.99.tmp"), new byte[10]);
    Files.write(run.file(".checkpoint.bin.77.tmp"), new byte[10]);
    try (RunSession s = RunSession.begin(run, true, prov(), "hint", quiet)) {
      s.end(Provenance.Status.FINISHED);
    }
    assertFalse(Files.exists(run.file("ckpt/.epoch-1.ck.99.tmp")));
    assertFalse(Files.exists(run.file(".checkpoint.bin.77.tmp")));
    assertTrue(Files.exists(run.file(RunDir.CONFIG)));
    // a run that appeared meanwhile (config.json) is not overwritten by a second new run
    assertThrows(FileAlreadyExistsException.class, () -> RunSession.begin(run, false, prov(), "hint", quiet));
    assertTrue(RunLock.holder(run.path()).isEmpty(), "a refused start releases the lock");
  }
}
