package org.taunet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.taunet.run.Json;
import org.taunet.sweep.LocalExecutor;
import org.taunet.sweep.PointState;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepPoint;
import org.taunet.sweep.SweepSpec;

/**
 * Sweep overhead of the local executor (issue 16: "a 100-point sweep of 1-second runs, local executor: &lt;= 10% over
 * the sum of the runs"). Creates a temporary sweep of {@code points} short {@code rnn train} runs (a 16-unit network,
 * {@link #FLAGS}; the task is generated, so no dataset is needed), runs it with {@link LocalExecutor} as
 * {@code taunet sweep run} does, once with a JVM per point and once with a JVM per worker, and deletes it. Reported:
 * <ul>
 *   <li>wall: seconds of {@link LocalExecutor#run} (reading point states, starting every worker JVM, waiting);
 *   <li>process sum: each point's time as {@code PointRunner} records it in {@link PointState#EXIT_FILE} (JVM start
 *       to exit, or in a reused JVM the request to the reply), summed;
 *   <li>run sum: each point's own run time, provenance.json startTime to endTime (inside the worker, after JVM start
 *       and command-line parsing), summed;
 *   <li>overhead = wall x workers / process sum - 1, and the gap per point (wall x workers - process sum) / points:
 *       the executor's cost between worker processes. The same against the run sum also counts each worker's JVM
 *       start.
 * </ul>
 */
public final class SweepBench {
  private SweepBench() {}

  /** The points' command. */
  static final String COMMAND = "[rnn, train]";
  /**
   * The points' flags: a 16-unit RNN on the generated multiscale-wm task, 1250 steps, one evaluation, no probe: a
   * run of 0.55 s in a warm JVM and 2.7 s in a fresh one (2026-12-02, idle machine), near the "1-second runs".
   */
  static final String FLAGS = "{units: 16, batch-size: 16, iterations: 1250, eval-every: 1250, eval-trials: 32, "
      + "timescale-steps: 0}";

  /**
   * One measurement.
   *
   * @param points points in the sweep
   * @param finished points that ended FINISHED
   * @param workers worker JVMs at a time
   * @param wallSeconds wall time of the executor
   * @param processSeconds the sum over points of the worker process's wall time
   * @param runSeconds the sum over points of provenance start to end
   */
  public record Result(int points, int finished, int workers, double wallSeconds, double processSeconds,
                       double runSeconds) {
    /** wall x workers / process sum - 1. */
    public double overhead() {
      return wallSeconds * workers / processSeconds - 1;
    }

    /** (wall x workers - process sum) / points: seconds of executor cost per point. */
    public double gapPerPoint() {
      return (wallSeconds * workers - processSeconds) / points;
    }

    /** wall x workers / run sum - 1: also counting each worker's JVM start, setup and exit. */
    public double overheadOverRuns() {
      return wallSeconds * workers / runSeconds - 1;
    }
  }

  /** A sweep of {@code points} runs of {@code command} with {@code flags} (YAML flow maps), seeds 1 .. points. */
  static SweepSpec spec(int points, String command, String flags) throws IOException {
    String seeds = IntStream.rangeClosed(1, points).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    String yaml = "name: sweep-bench\ncommand: " + command + "\nargs: [--quiet]\nflags: " + flags + "\n"
        + "grid: {seed: [" + seeds + "]}\nresources: {cpus: 1, mem: 1G, time: '00:05:00'}\n";
    return SweepSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "sweep-bench");
  }

  /**
   * Measures a sweep of {@code points} {@link #FLAGS} runs with {@code workers} workers, each point in a JVM of its
   * own or ({@code reuseJvm}) each worker one JVM for its points.
   */
  public static Result measure(int points, int workers, boolean reuseJvm) throws IOException, InterruptedException {
    return measure(spec(points, COMMAND, FLAGS), workers, reuseJvm);
  }

  /** Runs {@code spec} in a temporary folder (deleted afterwards) with {@code workers} local workers and times it. */
  static Result measure(SweepSpec spec, int workers, boolean reuseJvm) throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("taunet-sweep-bench");
    try {
      Sweep sweep = Sweep.create(tmp.resolve("sweep"), spec, null);
      long t0 = System.nanoTime();
      Map<PointState.State, Integer> counts = LocalExecutor.run(sweep, workers, reuseJvm,
          new LocalExecutor.Listener() {}, null);
      double wall = (System.nanoTime() - t0) * 1e-9;
      double process = 0, run = 0;
      for (SweepPoint p : sweep.points()) {
        Path dir = sweep.pointDir(p);
        Path exit = dir.resolve(PointState.EXIT_FILE);
        if (Files.isRegularFile(exit)) process += Json.readTree(exit).path("seconds").asDouble();
        Path prov = dir.resolve("provenance.json");
        if (Files.isRegularFile(prov)) {
          JsonNode n = Json.readTree(prov);
          if (n.hasNonNull("startTime") && n.hasNonNull("endTime")) {
            run += Duration.between(Instant.parse(n.get("startTime").asText()),
                Instant.parse(n.get("endTime").asText())).toNanos() * 1e-9;
          }
        }
      }
      return new Result(sweep.points().size(), counts.get(PointState.State.FINISHED), workers, wall, process, run);
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * Prints the sweep-overhead rows of {@code taunet bench --workload sweep}: the same sweep with a JVM per point and
   * with one JVM per worker ({@code sweep run --reuse-jvm}, the default).
   */
  public static void printRow(int points, int workers) throws IOException, InterruptedException {
    System.out.printf("%nSweep overhead, local executor: %d points of 'taunet rnn train' %s, %d worker(s) "
        + "(temporary sweep, deleted afterwards)%n", points, FLAGS, workers);
    for (boolean reuse : new boolean[] {false, true}) {
      Result r = measure(points, workers, reuse);
      System.out.printf("  %s: %d of %d points finished; sweep wall %.1f s; sum of point times %.1f s (mean %.2f s); "
          + "sum of runs (provenance) %.1f s%n", reuse ? "one JVM per worker" : "a JVM per point", r.finished(),
          r.points(), r.wallSeconds(), r.processSeconds(), r.processSeconds() / r.points(), r.runSeconds());
      System.out.printf("    overhead %.1f %% (%.3f s per point); against the runs alone %.1f %%%n",
          100 * r.overhead(), r.gapPerPoint(), 100 * r.overheadOverRuns());
    }
    System.out.println("  overhead = wall x workers / sum of point times - 1 (a point's time: the executor's, from "
        + "sending it to its end: JVM start to exit, or the request to the reply in a reused JVM); per point: "
        + "(wall x workers - sum) / points; 'against the runs': the same against the provenance start-to-end "
        + "times, so also counting JVM start, command-line parsing, setup and exit");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
