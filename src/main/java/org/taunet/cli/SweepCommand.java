package org.taunet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taunet.sweep.Collector;
import org.taunet.bench.CostModel;
import org.taunet.bench.Work;
import org.taunet.sweep.DiskCheck;
import org.taunet.sweep.LocalExecutor;
import org.taunet.sweep.PointRunner;
import org.taunet.sweep.PointState;
import org.taunet.sweep.SlurmExecutor;
import org.taunet.sweep.Studies;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepPoint;
import org.taunet.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import org.taunet.run.Json;
import org.taunet.run.UserError;
import org.taunet.train.TrainLoop;
import org.taunet.sweep.Expansion;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet sweep run|status|collect|archive|point}: sweeps of run configurations, locally or on Slurm. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Sweeps over run configurations (docs/sweeps.md): run, status, collect, archive.",
    subcommands = {SweepCommand.Run.class, SweepCommand.Status.class, SweepCommand.Collect.class,
        SweepCommand.Archive.class, SweepCommand.Point.class, SweepServe.class})
public final class SweepCommand implements Runnable {
  @Override public void run() { new picocli.CommandLine(this).usage(System.out); }

  /** A spec file or a shipped study, exactly one. */
  static final class Source {
    @Parameters(paramLabel = "SPEC", description = "Sweep spec file (.yaml or .json).") Path spec;
    @Option(names = "--study", completionCandidates = StudyNames.class,
        description = "A shipped study: ${COMPLETION-CANDIDATES}.") String study;
  }

  enum Executor { LOCAL, SLURM }

  /** The order the local executor starts pending points in. */
  enum Order { SWEEP, LONGEST }

  /** A command whose parsed flags can be checked without running it (the train commands: their configuration). */
  interface Validated {
    /** Throws IllegalArgumentException (or UserError) if the flags do not make a valid configuration. */
    void validate();
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run (or continue) a sweep: complete points are skipped, partial ones resumed.")
  static final class Run implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1") Source source;
    @Option(names = "--size", description = "A named size of the spec, e.g. paper (default: the spec as written).") String size;
    @Option(names = "--out", description = "Sweep folder (default: runs/sweeps/NAME).") Path out;
    @Option(names = "--executor", defaultValue = "local", description = "local or slurm (default: ${DEFAULT-VALUE}).") Executor executor;
    @Option(names = "--workers", defaultValue = "1", description = "Local: worker JVMs at a time (default: ${DEFAULT-VALUE}).") int workers;
    @Option(names = "--reuse-jvm", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Local: each worker JVM runs its points one after another (a fresh JVM after a point that "
            + "failed), so JVM start and JIT warm-up are paid once per worker (default: ${DEFAULT-VALUE}; "
            + "--no-reuse-jvm: a JVM per point).")
    boolean reuseJvm;
    @Option(names = "--order", defaultValue = "sweep", description = "Local: start pending points in sweep order "
        + "(sweep, the default) or by their time estimate, longest first (longest), each replicate (seed) in turn.")
    Order order;
    @Option(names = "--max-parallel", defaultValue = "0", description = "Slurm: most array tasks running at once (0 = no cap).") int maxParallel;
    @Option(names = "--wait", description = "Slurm: wait until the submitted tasks have left the queue.") boolean await;
    @Option(names = "--ignore-disk-estimate", description = "Start even if the disk estimate exceeds the free space.")
    boolean ignoreDisk;
    @Option(names = "--dry-run", description = "Print the point count and the disk and time estimates of every point "
        + "(as if none had run) and stop: nothing is created, submitted or run.")
    boolean dryRun;
    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
      SweepSpec spec = (source.spec != null ? SweepSpec.read(source.spec) : Studies.load(source.study)).withSize(size);
      preflight(spec, source.spec != null ? source.spec.toString() : "study " + source.study);
      if (dryRun) {
        List<SweepPoint> points = Expansion.points(spec);
        int parallel = executor != Executor.SLURM ? workers : maxParallel > 0 ? maxParallel : points.size();
        System.err.println("taunet: sweep " + spec.name() + ": " + points.size() + " points (dry run: nothing created)");
        DiskCheck.report(spec.name(), points, Math.max(1, parallel), p -> DiskEstimates.of(pointArgs(spec, p)),
            System.err);
        printTimeEstimate(spec, points, parallel, null, null);
        return 0;
      }
      Sweep sweep = Sweep.create(out != null ? out : Path.of("runs", "sweeps", spec.name()), spec,
          dataDir.dataDir != null ? dataDir.resolve() : null);
      System.err.println("taunet: sweep " + spec.name() + ": " + sweep.points().size() + " points in " + sweep.dir());
      int parallel = executor != Executor.SLURM ? workers : maxParallel > 0 ? maxParallel : sweep.points().size();
      Map<SweepPoint, PointState> states = sweep.states();
      List<SweepPoint> pending = DiskCheck.pending(states);
      checkDisk(sweep, pending, parallel);
      printTimeEstimate(sweep.spec(), pending, parallel, sweep, states);
      if (executor == Executor.SLURM) return slurm(sweep);
      Map<PointState.State, Integer> counts;
      try (Progress progress = new Progress(sweep)) {
        CostModel model = CostModel.load();
        counts = LocalExecutor.run(sweep, workers, reuseJvm, progress,
            order == Order.LONGEST ? p -> estimate(sweep.spec(), p, model)[0] : null);
      }
      System.out.println("sweep " + spec.name() + ": " + format(counts));
      return counts.get(PointState.State.FINISHED) + counts.get(PointState.State.DIVERGED)
          + counts.get(PointState.State.FAILED) == sweep.points().size() ? 0 : 1;
    }

    /** Prints the disk estimate of the pending points and refuses to start when it exceeds the free space. */
    private void checkDisk(Sweep sweep, List<SweepPoint> pending, int parallel) throws java.io.IOException {
      if (pending.isEmpty()) return;
      long total = DiskCheck.report(sweep.spec().name(), pending, Math.max(1, parallel),
          p -> DiskEstimates.of(pointArgs(sweep.spec(), p)), System.err);
      DiskCheck.check(sweep.dir(), total, ignoreDisk, "--ignore-disk-estimate", System.err);
    }

    /**
     * Prints the predicted training time of {@code pending} ({@link CostEstimates}, {@link CostModel}): core-hours,
     * and wall time with {@code parallel} points at once; with {@code sweep} and its point {@code states} given, also
     * the estimate scaled by what the sweep's ended points took against their own estimate ({@link #calibration}).
     */
    private static void printTimeEstimate(SweepSpec spec, List<SweepPoint> pending, int parallel, Sweep sweep,
        Map<SweepPoint, PointState> states) throws java.io.IOException {
      if (pending.isEmpty()) return;
      CostModel model = CostModel.load();
      double seconds = 0;
      int unknown = 0, below = 0;
      for (SweepPoint p : pending) {
        double[] sb = estimate(spec, p, model);
        if (Double.isFinite(sb[0])) seconds += sb[0];
        else unknown++;
        if (sb[1] > 0) below++;
      }
      int at = Math.max(1, Math.min(parallel, pending.size()));
      String model0 = model.measured().split(";")[0];
      System.err.printf("taunet: time estimate for %d pending point(s): %.3g core-hours of training (%s wall with %d at "
          + "once)%s, a lower bound: start-up, data loading, probes and checkpoints are not counted; cost model "
          + "measured %s%n", pending.size(), seconds / 3600, wall(seconds / at), at,
          unknown == 0 ? "" : ", " + unknown + " point(s) without an estimate", model0);
      if (below > 0) {
        System.err.printf("taunet: %d point(s) train models smaller than any the cost model measured: their estimate "
            + "is a lower bound, possibly by a factor of 10 or more (docs/performance.md, cost growth)%n", below);
      }
      double[] cal = sweep == null ? null : calibration(sweep, states, model);
      if (cal != null) {
        System.err.printf("taunet: calibrated by %d ended point(s) of this sweep, which took %.2gx their estimate "
            + "(%.3g core-hours measured, point start-up included): the pending points need about %.3g core-hours "
            + "(%s wall with %d at once)%n", (int) cal[0], cal[1] / cal[2], cal[1] / 3600, seconds * cal[1] / cal[2] / 3600,
            wall(seconds * cal[1] / cal[2] / at), at);
      }
    }

    private static String wall(double seconds) {
      return Duration.ofSeconds(Math.round(seconds)).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** {estimated seconds (NaN: no estimate), 1 if below the cost model's smallest size else 0} of point {@code p}. */
    private static double[] estimate(SweepSpec spec, SweepPoint p, CostModel model) {
      return TrainCommand.apply(pointArgs(spec, p), (f, cmd) -> {
        Work w = f.work(cmd);
        return new double[] {model.seconds(f.name(), w), model.belowCalibration(f.name(), w) ? 1 : 0};
      }, why -> new double[] {Double.NaN, 0});
    }

    /**
     * {points, measured seconds, estimated seconds} over the sweep's points ({@code states}: as {@link Sweep#states})
     * that finished in one go (exit code 0, not resumed; measured = the point process's wall time from
     * sweep-exit.json) and have an estimate; null with fewer than 3 such points.
     */
    static double[] calibration(Sweep sweep, Map<SweepPoint, PointState> states, CostModel model)
        throws java.io.IOException {
      int n = 0;
      double measured = 0, estimated = 0;
      for (var e : states.entrySet()) {
        Path exit = sweep.pointDir(e.getKey()).resolve(PointState.EXIT_FILE);
        if (e.getValue().state() != PointState.State.FINISHED || !Files.isRegularFile(exit)) continue;
        var node = Json.readTree(exit);
        if (node.path("resumed").asBoolean(true) || node.path("exitCode").asInt(1) != 0) continue;
        double est = estimate(sweep.spec(), e.getKey(), model)[0];
        if (!Double.isFinite(est) || !node.path("seconds").isNumber()) continue;
        n++;
        measured += node.path("seconds").asDouble();
        estimated += est;
      }
      return n < 3 || estimated <= 0 ? null : new double[] {n, measured, estimated};
    }

    private static List<String> pointArgs(SweepSpec spec, SweepPoint p) {
      List<String> args = new ArrayList<>(spec.command());
      args.addAll(p.flagArgs());
      args.addAll(spec.args());
      return args;
    }

    /**
     * Parses every point's command line before anything starts, so that a misspelt flag or a value of the wrong type
     * in the spec is one error naming the spec and the point, not a failed point per worker. A value the configuration
     * refuses (e.g. a bad tau spec in one grid cell) only warns: that point fails with the reason and the others run.
     */
    static void preflight(SweepSpec spec, String source) {
      for (SweepPoint p : Expansion.points(spec)) {
        List<String> args = new ArrayList<>(spec.command());
        args.addAll(p.flagArgs());
        args.addAll(List.of("--out", "preflight"));
        args.addAll(spec.args());
        String point = "point " + p.id() + " (" + String.join(" ", p.flagArgs()) + ")";
        ParseResult pr;
        try {
          pr = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
          throw new UserError(source, point + ": " + e.getMessage(), "fix the spec's flags or grid (docs/sweeps.md)",
              false, e);
        }
        while (pr.hasSubcommand()) pr = pr.subcommand();
        try {
          if (pr.commandSpec().userObject() instanceof Validated v) v.validate();
        } catch (IllegalArgumentException e) {
          System.err.println("taunet: warning: " + point + " will fail: " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
    }

    private int slurm(Sweep sweep) throws Exception {
      SlurmExecutor.Submission s = SlurmExecutor.submit(sweep, maxParallel);
      System.out.println(s == null ? "nothing to submit: every point is complete or queued"
          : "submitted job " + s.jobId() + " with " + s.indices().size() + " array tasks");
      if (await && s != null) {
        SlurmExecutor.await(sweep, Duration.ofDays(365), Duration.ofSeconds(5));
        System.out.println("sweep " + sweep.spec().name() + ": " + format(sweep.counts()));
      }
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Counts of points by state, and why some failed.")
  static final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path dir;

    @Override
    public Integer call() throws Exception {
      Sweep sweep = Sweep.open(dir);
      System.out.println("sweep " + sweep.spec().name() + " (" + sweep.points().size() + " points): "
          + format(sweep.counts()));
      Map<SweepPoint, PointState> states = sweep.states();
      for (var e : states.entrySet()) {
        if (!e.getValue().reason().isEmpty()) {
          System.out.println("  " + e.getKey().id() + " " + e.getValue().state().label() + ": " + e.getValue().reason());
        }
      }
      double[] cal = Run.calibration(sweep, states, CostModel.load());
      if (cal != null) {
        System.out.printf("time: %d points that finished in one go took %.3g core-hours (%.2gx the estimate before "
            + "they ran; sweep run scales its estimate of the rest by that)%n", (int) cal[0], cal[1] / 3600,
            cal[1] / cal[2]);
      }
      if (!SlurmExecutor.jobs(sweep).isEmpty() && SlurmExecutor.available()) {
        System.out.println("slurm: " + SlurmExecutor.queued(sweep).size() + " array tasks queued or running");
        System.out.print(SlurmExecutor.accounting(sweep).lines().map(l -> "  " + l + "\n")
            .reduce("", String::concat));
      }
      return 0;
    }
  }

  @Command(name = "collect", mixinStandardHelpOptions = true,
      description = "One CSV of all points: params, state, summary.json and the last metrics row.")
  static final class Collect implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path dir;
    @Option(names = "--out", description = "CSV file (default: DIR/collect.csv).") Path out;

    @Override
    public Integer call() throws Exception {
      Sweep sweep = Sweep.open(dir);
      Path file = out != null ? out : sweep.dir().resolve(Collector.FILE);
      int n = Collector.write(sweep, file);
      System.out.println(n + " points -> " + file);
      return 0;
    }
  }

  @Command(name = "archive", mixinStandardHelpOptions = true,
      description = {"Copy a sweep's ended points without their checkpoints (to keep or share results; "
          + "`sweep run --out` on the copy continues the sweep).",
          "Points that had not ended are left out; copying again into the same folder adds to it."})
  static final class Archive implements Callable<Integer> {
    @Parameters(paramLabel = "DIR") Path dir;
    @Option(names = "--out", required = true, description = "Archive folder (created or added to).") Path out;
    @Option(names = "--drop", paramLabel = "GLOB", description = "Also leave out files matching this glob, relative "
        + "to the point folder (repeatable), e.g. autocorrelation.csv.") List<String> drop = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      Sweep sweep = Sweep.open(dir);
      List<String> globs = new ArrayList<>(drop);
      globs.add(TrainLoop.CHECKPOINT);
      org.taunet.sweep.Archive.Result r = org.taunet.sweep.Archive.write(sweep, out, globs);
      System.out.printf("%d ended points (%d files, %.1f MB) -> %s%s%n", r.points(), r.files(), r.bytes() / 1e6,
          out, r.skipped() == 0 ? "" : "; " + r.skipped() + " points not ended, left out");
      return 0;
    }
  }

  @Command(name = "point", mixinStandardHelpOptions = true,
      description = "Run one point of a sweep folder (what each Slurm array task does).")
  static final class Point implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR") Path dir;
    @Parameters(index = "1", paramLabel = "INDEX") int index;

    @Override
    public Integer call() throws Exception {
      Sweep sweep = Sweep.open(dir);
      SweepPoint p = sweep.point(index);
      PointState s = new PointRunner(sweep).run(p);
      System.out.println(p.id() + ": " + s.state().label() + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")"));
      return switch (s.state()) {
        case FINISHED -> 0;
        case DIVERGED -> 3;
        default -> 1;
      };
    }
  }

  static String format(Map<PointState.State, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((s, n) -> {
      if (s == PointState.State.RUNNING && n == 0) return; // shown only when some point is running elsewhere
      sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(s.label());
    });
    return sb.toString();
  }

  /** A progress bar over points on a terminal, else one line per point on stderr. */
  static final class Progress implements LocalExecutor.Listener, AutoCloseable {
    private final ProgressReporter bar;
    private final long t0 = System.nanoTime();

    Progress(Sweep sweep) {
      bar = ProgressReporter.start("sweep " + sweep.spec().name(), sweep.points().size());
    }

    @Override public void skipped(SweepPoint p, PointState s) {
      System.err.println("taunet: skipping " + p.id() + ": " + s.reason());
    }

    @Override public void done(SweepPoint p, PointState s, int done, int total) {
      if (bar.showing()) {
        bar.stepTo(done, total, p.id() + " " + s.state().label());
      } else {
        System.err.printf("[%d/%d] %s %s%s  (%.0f s)%n", done, total, p.id(), s.state().label(),
            s.reason().isEmpty() ? "" : ": " + s.reason(), (System.nanoTime() - t0) * 1e-9);
      }
    }

    @Override public void close() {
      bar.close();
    }
  }

  /** The shipped study names, for {@code --study}'s help. */
  static final class StudyNames implements Iterable<String> {
    @Override public java.util.Iterator<String> iterator() { return org.taunet.sweep.Studies.NAMES.iterator(); }
  }
}
