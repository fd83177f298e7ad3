package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @TempDir
  Path dir;

  @Test
  void startCollectsTheEnvironment() {
    Provenance p = Provenance.start(42, "scalar", List.of("taunet", "ep", "--epochs", "3"), dir);
    assertEquals("dev", p.taunetVersion()); // tests run from classes/, without a jar manifest
    assertEquals(System.getProperty("java.version"), p.javaVersion());
    assertNotNull(p.javaVendor());
    assertNotNull(p.vmName());
    assertNotNull(p.osName());
    assertNotNull(p.osArch());
    assertNotNull(p.osVersion());
    assertTrue(p.availableProcessors() > 0);
    assertTrue(p.maxHeapBytes() > 0);
    assertEquals("scalar", p.blas());
    assertEquals(42, p.seed());
    assertEquals(List.of("taunet", "ep", "--epochs", "3"), p.commandLine());
    assertTrue(Instant.parse(p.startTime()).isBefore(Instant.now().plusSeconds(1)));
    assertNull(p.endTime());
    assertEquals(Provenance.Status.RUNNING, p.status());
    if (Files.isReadable(Path.of("/proc/cpuinfo"))) assertNotNull(p.cpuModel());
  }

  @Test
  void outsideARepositoryGitFieldsAreNull() {
    Provenance p = Provenance.start(1, "none", List.of(), dir);
    assertNull(p.gitCommit());
    assertNull(p.gitDirty());
  }

  @Test
  void insideARepositoryCommitAndDirtyFlagAreRecorded() throws Exception {
    assumeTrue(run("git", "--version"), "git is not installed");
    assertTrue(run("git", "init", "-q"));
    Files.writeString(dir.resolve("a.txt"), "a");
    assertTrue(run("git", "add", "a.txt"));
    assertTrue(run("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "x"));
    Provenance clean = Provenance.start(1, "none", List.of(), dir);
    assertTrue(clean.gitCommit().matches("[0-9a-f]{40}"), clean.gitCommit());
    assertFalse(clean.gitDirty());
    Files.writeString(dir.resolve("a.txt"), "changed");
    assertTrue(Provenance.start(1, "none", List.of(), dir).gitDirty());
  }

  private boolean run(String... cmd) throws Exception {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException noGit) {
      return false;
    }
  }

  @Test
  void finishSetsEndTimeAndStatus() {
    Provenance p = Provenance.start(3, "openblas", List.of("x"), dir);
    Provenance done = p.finish("diverged");
    assertEquals(Provenance.Status.DIVERGED, done.status());
    assertFalse(Instant.parse(done.endTime()).isBefore(Instant.parse(done.startTime())));
    assertEquals(p.startTime(), done.startTime());
    assertEquals(p.seed(), done.seed());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.finish("exploded"));
    assertTrue(e.getMessage().contains("unknown run status 'exploded'"), e.getMessage());
  }

  @Test
  void jsonRoundTripWithLowerCaseStatus() throws IOException {
    Provenance p = Provenance.start(7, "scalar", List.of("taunet", "rnn"), dir).finish(Provenance.Status.FINISHED);
    Path f = dir.resolve(RunDir.PROVENANCE);
    p.write(f);
    assertEquals(p, Provenance.read(f));
    String json = Files.readString(f);
    assertTrue(json.contains("\"status\" : \"finished\""), json);
    assertTrue(json.contains("\"gitCommit\" : null"), json);
  }

  @Test
  void cpuModelIsReadFromCpuinfo() throws IOException {
    Path x86 = Files.writeString(dir.resolve("x86"), "processor\t: 0\nvendor_id\t: GenuineIntel\n"
        + "model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nflags\t\t: fpu\n");
    assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", Provenance.cpuModel(x86));
    Path arm = Files.writeString(dir.resolve("arm"), "processor\t: 0\nBogoMIPS\t: 50.00\nHardware\t: BCM2835\n");
    assertEquals("BCM2835", Provenance.cpuModel(arm));
    assertNull(Provenance.cpuModel(dir.resolve("missing")));
  }
}
