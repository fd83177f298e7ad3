package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Determinism as a contract, end to end: every family trained in fresh JVMs gives the same bits whether its kernels
 * run in C2 code from the first step on ({@code -XX:-TieredCompilation -XX:CompileThreshold=100}: interpreted, then
 * C2 after 100 calls) or only in C1 code ({@code -XX:TieredStopAtLevel=1}), and a run with the default JIT killed with
 * SIGKILL at a random step after its first checkpoint, then resumed in a C1-only JVM, ends with the uninterrupted
 * run's metrics and checkpoint. Wall-clock fields aside, the run folders must be equal byte for byte
 * ({@link RunFolders}). On the code before these tests (Vector API {@code reduceLanes(ADD)} and
 * {@code lanewise(TANH)}, whose results differ between C1 and C2), rnn, elm and elm-text failed here.
 */
class ReproducibilityTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");
  private static final List<String> C2_EARLY = List.of("-XX:-TieredCompilation", "-XX:CompileThreshold=100");
  private static final long CHILD_TIMEOUT_S = 120;

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ep", "ep-tanh", "rnn", "elm", "elm-text"})
  void sameSeedGivesTheSameBitsOnEveryJitTierAndAfterAKillAndResume(String family) throws Exception {
    Path c2 = tmp.resolve("c2"), c1 = tmp.resolve("c1"), cut = tmp.resolve("cut");
    int kill = killStep(family);
    // three JVMs at once: C2 early, C1 only, and one with the default JIT to be killed at step `kill`
    Process a = start(family, c2, "fresh", -1, C2_EARLY), b = start(family, c1, "fresh", -1, C1_ONLY);
    Process p = start(family, cut, "fresh", kill, List.of());
    killWhenPaused(p, kill);
    finish(a);
    finish(b);
    RunFolders.assertSameResults(c2, c1);
    assertFalse(Files.exists(cut.resolve("summary.json")), "the killed run must not have finished");
    assertTrue(Files.exists(cut.resolve("checkpoint.bin")), "killed after the first checkpoint");
    finish(start(family, cut, "resume", -1, C1_ONLY));
    RunFolders.assertSameResults(c2, cut);
  }

  /** A seeded random step after the family's first checkpoint and before its last step. */
  static int killStep(String family) {
    int first, last;
    switch (family) {
      case "ep", "ep-tanh" -> { first = TrainChild.EP_FIRST; last = TrainChild.EP_STEPS; }
      case "rnn" -> { first = TrainChild.RNN_FIRST; last = TrainChild.RNN_STEPS; }
      case "elm" -> { first = TrainChild.ELM_FIRST; last = TrainChild.ELM_STEPS; }
      default -> { first = TrainChild.TEXT_FIRST; last = TrainChild.TEXT_STEPS; }
    }
    return first + 1 + new SplittableRandom(Seeds.stableHash(family)).nextInt(last - first - 1);
  }

  /** Starts TrainChild in a fresh JVM (2 kernel threads); stderr goes to DIR.stderr beside the run folder. */
  static Process start(String family, Path dir, String mode, int pauseAt, List<String> jvmFlags) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Dtaunet.threads=2", "-Dtaunet.quiet=true"));
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TrainChild.class.getName(), family,
        dir.toString(), mode));
    if (pauseAt > 0) cmd.add(Integer.toString(pauseAt));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(dir.resolveSibling(dir.getFileName() + "." + mode + ".stderr").toFile());
    return pb.start();
  }

  /** Waits for a child that must finish: exit code 0 and a last line "done FINISHED". */
  static void finish(Process p) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = reader(p)) {
      for (String line; (line = r.readLine()) != null; ) lines.add(line);
    }
    if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("child did not finish in " + CHILD_TIMEOUT_S + " s");
    }
    assertEquals(0, p.exitValue(), "child exit code; output " + tail(lines));
    assertEquals("done FINISHED", lines.isEmpty() ? "" : lines.get(lines.size() - 1));
  }

  /** Reads the child's steps until it reports the pause at {@code step}, then SIGKILLs it. */
  static void killWhenPaused(Process p, int step) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = reader(p)) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
        if (line.equals("paused " + step)) {
          p.destroyForcibly();  // SIGKILL on Linux and macOS
          break;
        }
      }
    }
    assertTrue(p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS), "killed child still running");
    assertEquals(137, p.exitValue(), "the child should have died from SIGKILL at step " + step + "; " + tail(lines));
  }

  private static BufferedReader reader(Process p) {
    Thread watchdog = new Thread(() -> {
      try {
        if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static String tail(List<String> lines) {
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
