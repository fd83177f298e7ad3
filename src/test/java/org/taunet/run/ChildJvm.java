package org.taunet.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starts a main class of the test class path in a child JVM (output to a log file), for cross-process tests. */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code main} with {@code args}, extra JVM options {@code jvmOptions}, stdout and stderr into {@code log}. */
  public static Process start(Path log, List<String> jvmOptions, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "-Dtaunet.quiet=true"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
  }

  /** Waits up to {@code seconds} for {@code condition}; false if it never held. */
  public static boolean await(double seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return true;
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  /** Kills {@code p} with SIGKILL (no shutdown hooks) and waits for it. */
  public static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** The log's text, or a note if it cannot be read. */
  public static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Test helper process: locks the run folder args[0] and holds it for a minute. */
  public static final class LockHolder {
    public static void main(String[] args) throws Exception {
      try (RunLock lock = RunLock.acquire(Path.of(args[0]), "test lock holder")) {
        System.out.println("locked " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(60_000);
      }
    }
  }
}
