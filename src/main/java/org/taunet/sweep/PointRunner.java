package org.taunet.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.Json;

/**
 * Runs one point as a worker JVM: the same java binary and class path as this JVM (so it works from the
 * launcher jar, from Maven tests and on a Slurm node sharing the filesystem), {@code org.taunet.cli.Main}, the
 * point's command and flags, and {@code --out DIR} for a new point or {@code --resume DIR} for a partial one.
 * Output is appended to stdout.log / stderr.log in the point folder; the exit code is recorded in
 * {@link PointState#EXIT_FILE}.
 */
public final class PointRunner {
  /** The worker's heap as a fraction of the point's memory request (the rest is JVM overhead). */
  static final double HEAP_FRACTION = 0.75;
  /** Entry point of the worker JVM. */
  static final String MAIN = "org.taunet.cli.Main";

  private final Sweep sweep;

  public PointRunner(Sweep sweep) {
    this.sweep = sweep;
  }

  /** The java launcher of the running JVM. */
  public static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The JVM part of a worker's command line: java, options, class path and main class. */
  public static List<String> jvm(SweepSpec.Resources r) {
    long heapMb = Math.max(256, (long) (r.memMb() * HEAP_FRACTION));
    return new ArrayList<>(List.of(javaBinary(), "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-Xmx" + heapMb + "m", "-XX:ActiveProcessorCount=" + r.cpus(),
        "-Dtaunet.threads=" + r.cpus(), "-Dtaunet.quiet=true", "-cp", System.getProperty("java.class.path"), MAIN));
  }

  /**
   * The full command line of {@code p}: start it ({@code resume} false) or resume it. The worker gets this JVM's pid
   * ({@link ParentWatchdog}) and exits when this JVM is gone.
   */
  public List<String> command(SweepPoint p, boolean resume) {
    SweepSpec spec = sweep.spec();
    List<String> cmd = jvm(spec.resources());
    cmd.add(1, "-D" + ParentWatchdog.PROPERTY + "=" + ProcessHandle.current().pid()); // the worker dies with us
    cmd.addAll(spec.command());
    if (resume) {
      cmd.add("--resume");
    } else {
      cmd.addAll(p.flagArgs());
      cmd.add("--out");
    }
    cmd.add(sweep.pointDir(p).toString());
    cmd.addAll(spec.args());
    return cmd;
  }

  /**
   * Runs {@code p} unless it is terminal or running elsewhere (its folder is locked by a live process), waiting for the worker; returns its state afterwards. Interrupting
   * the calling thread kills the worker (its folder then resumes next time).
   */
  public PointState run(SweepPoint p) throws IOException, InterruptedException {
    Path dir = sweep.pointDir(p);
    PointState before = PointState.read(dir);
    if (before.state().terminal() || before.state() == PointState.State.RUNNING) return before;
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(PointState.EXIT_FILE));
    ProcessBuilder pb = new ProcessBuilder(command(p, before.state() == PointState.State.PARTIAL))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(PointState.STDOUT).toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(PointState.STDERR).toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (sweep.manifest().dataDir() != null) pb.environment().put("TAUNET_DATA", sweep.manifest().dataDir());
    pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(sweep.spec().resources().cpus()));
    long t0 = System.nanoTime();
    Process proc = pb.start();
    int code;
    try {
      code = proc.waitFor();
    } catch (InterruptedException e) {
      proc.descendants().forEach(ProcessHandle::destroyForcibly);
      proc.destroyForcibly();
      throw e;
    }
    Map<String, Object> exit = new LinkedHashMap<>();
    exit.put("exitCode", code);
    exit.put("resumed", before.state() == PointState.State.PARTIAL);
    exit.put("seconds", (System.nanoTime() - t0) * 1e-9);
    Json.write(dir.resolve(PointState.EXIT_FILE), exit);
    return PointState.read(dir);
  }
}
