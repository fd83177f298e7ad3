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
 * Runs one point in a worker JVM of its own or in a {@link PointServer} (one worker JVM for several points): the same
 * java binary and class path as this JVM (so it works from the launcher jar, from Maven tests and on a Slurm node
 * sharing the filesystem), {@code org.taunet.cli.Main}, the
 * point's command and flags, and {@code --out DIR} for a new point or {@code --resume DIR} for a partial one.
 * Output is appended to stdout.log / stderr.log in the point folder; the exit code is recorded in
 * {@link PointState#EXIT_FILE}.
 */
public final class PointRunner {
  /** The worker's heap as a fraction of the point's memory request (the rest is JVM overhead). */
  static final double HEAP_FRACTION = 0.75;
  /** Entry point of the worker JVM. */
  static final String MAIN = "org.taunet.cli.Main";

  /** The sweep folder's log of its point servers' own standard error (JVM warnings). */
  public static final String SERVER_LOG = "servers.log";

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
    List<String> cmd = workerJvm();
    cmd.addAll(args(p, resume));
    return cmd;
  }

  /** The JVM part of a worker of this sweep, with this JVM's pid for {@link ParentWatchdog}. */
  private List<String> workerJvm() {
    List<String> cmd = jvm(sweep.spec().resources());
    cmd.add(1, "-D" + ParentWatchdog.PROPERTY + "=" + ProcessHandle.current().pid()); // the worker dies with us
    return cmd;
  }

  /** What {@code taunet} gets for {@code p}: the command and its flags, and {@code --out} or {@code --resume}. */
  List<String> args(SweepPoint p, boolean resume) {
    SweepSpec spec = sweep.spec();
    List<String> args = new ArrayList<>(spec.command());
    if (resume) {
      args.add("--resume");
    } else {
      args.addAll(p.flagArgs());
      args.add("--out");
    }
    args.add(sweep.pointDir(p).toString());
    args.addAll(spec.args());
    return args;
  }

  /** The environment of a worker: the sweep's data folder and OpenBLAS's threads (the point's cpus). */
  private Map<String, String> workerEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    if (sweep.manifest().dataDir() != null) env.put("TAUNET_DATA", sweep.manifest().dataDir());
    env.put("OPENBLAS_NUM_THREADS", Integer.toString(sweep.spec().resources().cpus()));
    return env;
  }

  /**
   * A {@link PointServer} for this sweep: a worker JVM that runs points one after another ({@code taunet sweep
   * serve}), its JVM warnings appended to {@link #SERVER_LOG} in the sweep folder.
   */
  public PointServer server() {
    List<String> cmd = workerJvm();
    cmd.addAll(List.of("sweep", "serve"));
    return new PointServer(cmd, workerEnv(), sweep.dir().resolve(SERVER_LOG));
  }

  /** {@link #run(SweepPoint, PointServer)} in a JVM of its own. */
  public PointState run(SweepPoint p) throws IOException, InterruptedException {
    return run(p, null);
  }

  /**
   * Runs {@code p} unless it is terminal or running elsewhere (its folder is locked by a live process), in
   * {@code server} or, if null, in a JVM of its own; returns its state afterwards. Interrupting the calling thread
   * kills the worker (its folder then resumes next time).
   */
  public PointState run(SweepPoint p, PointServer server) throws IOException, InterruptedException {
    Path dir = sweep.pointDir(p);
    PointState before = PointState.read(dir);
    if (before.state().terminal() || before.state() == PointState.State.RUNNING) return before;
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(PointState.EXIT_FILE));
    boolean resume = before.state() == PointState.State.PARTIAL;
    long t0 = System.nanoTime();
    int code = server != null ? server.run(args(p, resume), dir.resolve(PointState.STDOUT), dir.resolve(PointState.STDERR))
        : runAlone(command(p, resume), dir);
    Map<String, Object> exit = new LinkedHashMap<>();
    exit.put("exitCode", code);
    exit.put("resumed", resume);
    exit.put("seconds", (System.nanoTime() - t0) * 1e-9);
    Json.write(dir.resolve(PointState.EXIT_FILE), exit);
    return PointState.read(dir);
  }

  private int runAlone(List<String> cmd, Path dir) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(PointState.STDOUT).toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(PointState.STDERR).toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(workerEnv());
    Process proc = pb.start();
    try {
      return proc.waitFor();
    } catch (InterruptedException e) {
      destroyTree(proc);
      throw e;
    }
  }

  /** Kills {@code proc} and every process it started. */
  static void destroyTree(Process proc) {
    proc.descendants().forEach(ProcessHandle::destroyForcibly);
    proc.destroyForcibly();
  }
}
