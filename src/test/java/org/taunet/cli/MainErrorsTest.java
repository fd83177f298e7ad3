package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error path of the command line, probe by probe (docs/reliability.md): flag errors exit 2, file and runtime errors
 * exit 1, each with one {@code taunet: error:} message that names the flag or file and says what to do, and no stack
 * trace unless {@code --verbose}. Nothing here trains: every probe fails before the first step.
 */
class MainErrorsTest {
  @TempDir Path tmp;

  private String out(String name) {
    return tmp.resolve(name).toString();
  }

  @Test void badTauSpecNamesTheFlagAndTheAcceptedForms() {
    CliRun r = CliRun.of("ep", "train", "--tau", "bogus", "--out", out("run")).assertUserError(2, "--tau", "'bogus'",
        "normal:mean=M,sd=S");
    assertTrue(r.err().startsWith("taunet: error: --tau: bad tau spec"), r.err());
    assertFalse(Files.exists(tmp.resolve("run")), "no run folder for a refused configuration");
  }

  @Test void verboseShowsTheStackTrace() {
    CliRun r = CliRun.of("ep", "train", "--tau", "bogus", "--verbose", "--out", out("run"));
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("taunet: error: --tau") && r.err().contains("\tat org.taunet."), r.err());
  }

  @Test void zeroEpochsInEveryFamily() {
    CliRun.of("ep", "train", "--epochs", "0", "--out", out("a")).assertUserError(2, "--epochs", "got 0");
    CliRun.of("elm", "train", "--epochs", "0", "--out", out("b")).assertUserError(2, "--epochs", "got 0");
    CliRun.of("rnn", "train", "--iterations", "-1", "--out", out("c")).assertUserError(2, "--iterations", "got -1");
  }

  @Test void unknownDatasetTaskAndOption() {
    CliRun.of("ep", "train", "--dataset", "nope", "--out", out("a")).assertUserError(2, "--dataset", "'nope'", "mnist");
    CliRun.of("rnn", "train", "--task", "nope", "--out", out("b")).assertUserError(2, "--task", "multiscale-wm");
    CliRun.of("elm", "train", "--task", "nope", "--out", out("c")).assertUserError(2, "--task", "fsdd-adding");
    CliRun.of("ep", "train", "--epoch", "3").assertUserError(2, "Unknown option", "--epoch", "taunet ep train --help");
    CliRun.of("ep", "train", "--epochs", "three").assertUserError(2, "--epochs", "'three'");
  }

  @Test void elmHelpAndTheTauExampleOfItsHelp() {
    CliRun train = CliRun.of("elm", "train", "--help");
    assertEquals(0, train.status(), train.err());
    assertTrue(train.out().contains("Usage: taunet elm train")
        && train.out().replaceAll("\\s+", " ").contains("lognormal:mu=3.9,sigma=1"), train.out());
    CliRun params = CliRun.of("elm", "params", "-h");
    assertEquals(0, params.status(), params.err());
    assertTrue(params.out().contains("Usage: taunet elm params"), params.out());
    CliRun example = CliRun.of("elm", "params", "--ke", "4", "--tau", "lognormal:mu=3.9,sigma=1");
    assertEquals(0, example.status(), example.err());
    assertEquals(0, CliRun.of("elm", "params", "--version", "V2", "--ke", "4").status(), "--version is still ELM's");
  }

  @Test void versionIsTheBuildsVersionAsProvenanceRecordsIt() {
    CliRun v = CliRun.of("--version");
    assertEquals(0, v.status(), v.err());
    assertEquals("taunet " + org.taunet.run.Provenance.buildVersion(), v.out().strip());
  }

  @Test void epTimeStepsThatNeverSettleAreRefused() {
    CliRun.of("ep", "train", "--tau", "1e9", "--out", out("a")).assertUserError(2, "--tau", "dt", ">= 2.0", "--tau 0.5");
    CliRun.of("ep", "train", "--tau", "uniform:2,4", "--out", out("b")).assertUserError(2, "--tau", "mean time step");
  }

  @Test void rnnTimeStepIsCheckedAgainstTheTask() {
    CliRun.of("rnn", "train", "--dt-ms", "500", "--out", out("a"))
        .assertUserError(2, "--dt-ms", "500 ms", "fixation period (200 ms)", "multiscale-wm", "--dt-ms 200 or less");
    assertFalse(Files.exists(tmp.resolve("a")));
  }

  @Test void rnnSizesBeyondArraysOrHeapAreRefusedBeforeAllocating() {
    CliRun.of("rnn", "train", "--units", "100000", "--out", out("a"))
        .assertUserError(2, "--units 100000", "recurrent weight matrix", "more than a Java array holds");
    assumeTrue(Runtime.getRuntime().maxMemory() < 20L << 30, "heap too large for this probe");
    CliRun.of("rnn", "train", "--units", "30000", "--out", out("b"))
        .assertUserError(2, "--units 30000", "needs about", "GiB", "TAUNET_JAVA_OPTS=-Xmx");
  }

  @Test void epSizesBeyondArraysAreRefused() throws Exception {
    Path data = DataFixtures.mnist(tmp.resolve("data"), 20, false);
    CliRun.of("ep", "train", "--hidden", "3000000", "--data-dir", data.toString(), "--out", out("a"))
        .assertUserError(2, "--hidden 3000000", "784 x 3000000", "more than a Java array holds");
  }

  @Test void elmParameterCountsInLongArithmetic() throws Exception {
    Path data = DataFixtures.fsdd(tmp.resolve("data"), null);
    CliRun.of("elm", "train", "--task", "fsdd", "--ke", "1000000", "--data-dir", data.toString(), "--out", out("a"))
        .assertUserError(2, "--ke 1000000", "4,000,", "more than a Java array holds");
    assumeTrue(Runtime.getRuntime().maxMemory() < 20L << 30, "heap too large for this probe");
    CliRun.of("elm", "train", "--task", "fsdd", "--ke", "20000", "--data-dir", data.toString(), "--out", out("b"))
        .assertUserError(2, "--ke 20000", "needs about", "Adam", "TAUNET_JAVA_OPTS");
  }

  @Test void aStartThatFailsOnItsDataLeavesNoFolderBehind() throws Exception {
    CliRun.of("ep", "train", "--data-dir", tmp.resolve("none").toString(), "--out", out("ep"))
        .assertUserError(1, "missing file", "taunet data fetch mnist");
    assertFalse(Files.exists(Path.of(out("ep"))), "the failed start removed the folder it made");
    CliRun.of("elm", "train", "--task", "fsdd", "--data-dir", tmp.resolve("none").toString(), "--out", out("elm"))
        .assertUserError(1, "fsdd");
    assertFalse(Files.exists(Path.of(out("elm"))));
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    CliRun.of("ep", "train", "--data-dir", tmp.resolve("none").toString(), "--out", mine.toString())
        .assertUserError(1, "missing file");
    assertTrue(Files.isDirectory(mine), "a folder the user made is kept");
  }

  @Test void corruptIdxNpzAndWavNameTheFile() throws Exception {
    Path mnist = DataFixtures.mnist(tmp.resolve("m"), 20, true);
    CliRun.of("ep", "train", "--data-dir", mnist.toString(), "--out", out("a"))
        .assertUserError(1, "t10k-labels-idx1-ubyte.gz", "gzip CRC-32", "fetch or import the dataset again");
    Path kmnist = DataFixtures.kmnistWithDamagedLabels(tmp.resolve("k"));
    CliRun.of("ep", "train", "--dataset", "kmnist", "--data-dir", kmnist.toString(), "--out", out("b"))
        .assertUserError(1, "kmnist-test-labels.npz (member arr_0.npy)", "CRC mismatch");
    Path fsdd = DataFixtures.fsdd(tmp.resolve("f"), "3_zed_1.wav");
    CliRun.of("elm", "train", "--task", "fsdd", "--data-dir", fsdd.toString(), "--out", out("c"))
        .assertUserError(1, "3_zed_1.wav", "RIFF");
  }

  @Test void missingDataSaysHowToGetIt() {
    CliRun.of("ep", "train", "--data-dir", out("empty"), "--out", out("a")).assertUserError(1, "mnist", "taunet data");
  }

  @Test void outUnderAFileIsAnErrorNamingThePath() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    CliRun.of("rnn", "train", "--iterations", "1", "--out", file.resolve("run").toString())
        .assertUserError(1, file.toString());
  }

  @Test void badSweepSpecsFailBeforeAnyPointRuns() throws Exception {
    Path syntax = Files.writeString(tmp.resolve("s.yaml"), "name: x\ncommand: [ep, train]\ngrid:\n  tau: [0.5\n");
    CliRun.of("sweep", "run", syntax.toString(), "--out", out("s1")).assertUserError(1, "s.yaml", "not a valid sweep spec",
        "docs/sweeps.md");
    Path flag = Files.writeString(tmp.resolve("f.yaml"), "name: x\ncommand: [ep, train]\ngrid:\n  tua: [0.5]\n");
    CliRun.of("sweep", "run", flag.toString(), "--out", out("s2")).assertUserError(1, "f.yaml", "--tua", "docs/sweeps.md");
    Path type = Files.writeString(tmp.resolve("t.yaml"), "name: x\ncommand: [ep, train]\ngrid:\n  epochs: [1, x]\n");
    CliRun.of("sweep", "run", type.toString(), "--out", out("s3")).assertUserError(1, "t.yaml", "--epochs", "'x'");
    assertFalse(Files.exists(tmp.resolve("s2")) || Files.exists(tmp.resolve("s3")), "no sweep folder for a bad spec");
    CliRun.of("sweep", "run", out("nothere.yaml")).assertUserError(1, "nothere.yaml", "no such file");
  }
}
