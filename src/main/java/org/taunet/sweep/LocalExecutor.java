package org.taunet.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Runs a sweep's non-terminal points on this machine with at most {@code workers} worker JVMs at a time
 * (each {@link PointRunner}). A failed or diverged point is recorded in its folder and the others go on.
 * If this JVM is stopped (Ctrl-C, SIGTERM) its workers are killed with it; their folders resume next time. If it is
 * killed with {@code kill -9}, each worker notices within a second and exits ({@link ParentWatchdog}). A point whose
 * folder is locked by a live process (a worker of another sweep run) is skipped and reported, never run twice.
 */
public final class LocalExecutor {
  /** Progress callbacks, called from worker threads (serialised by the executor). */
  public interface Listener {
    /** {@code p} is about to start ({@code resume}: it continues a partial run). */
    default void started(SweepPoint p, boolean resume) {}

    /** {@code p} is skipped: its folder is locked by a live process ({@code s} says which). */
    default void skipped(SweepPoint p, PointState s) {}

    /** {@code p} ended in {@code state}; {@code done} of {@code total} pending points have ended. */
    default void done(SweepPoint p, PointState state, int done, int total) {}
  }

  private LocalExecutor() {}

  /**
   * The run order: replicate by replicate (every condition's first seed, then every condition's second seed, ...),
   * each replicate in sweep order, so a sweep that is stopped part-way has covered every condition with as many
   * seeds as it could rather than some conditions fully and others not at all. Points without the seed axis keep
   * their order, first.
   */
  static List<SweepPoint> replicateMajor(List<SweepPoint> points, SweepSpec spec) {
    List<String> seeds = spec.grid().get(spec.seedAxis());
    if (seeds == null) return points;
    List<SweepPoint> out = new ArrayList<>(points);
    out.sort(java.util.Comparator.comparingInt(p -> seeds.indexOf(p.params().get(spec.seedAxis()))));
    return out;
  }

  /**
   * The longest-first order: replicate by replicate as {@link #replicateMajor}, each replicate's points by
   * {@code seconds} (an estimate of each point's time), longest first; points without an estimate (NaN) last, in
   * sweep order. Started so, the long points do not wait for the short ones: fewer workers idle at the end, and the
   * long points start early in a session that may end.
   */
  static List<SweepPoint> longestFirst(List<SweepPoint> points, SweepSpec spec, ToDoubleFunction<SweepPoint> seconds) {
    List<SweepPoint> out = replicateMajor(points, spec);
    List<String> seeds = spec.grid().getOrDefault(spec.seedAxis(), List.of());
    Map<SweepPoint, Double> est = new java.util.HashMap<>();
    for (SweepPoint p : out) est.put(p, seconds.applyAsDouble(p));
    out.sort(java.util.Comparator.<SweepPoint>comparingInt(p -> seeds.indexOf(p.params().get(spec.seedAxis())))
        .thenComparingDouble(p -> Double.isNaN(est.get(p)) ? Double.POSITIVE_INFINITY : -est.get(p)));
    return out;
  }

  /**
   * Runs every pending point in sweep order ({@link #replicateMajor}), each in a JVM of its own; returns the counts by
   * state afterwards.
   */
  public static Map<PointState.State, Integer> run(Sweep sweep, int workers, Listener listener)
      throws IOException, InterruptedException {
    return run(sweep, workers, false, listener, null);
  }

  /**
   * Runs every pending point, longest first by {@code seconds} ({@link #longestFirst}) or, with null, in sweep order;
   * returns the counts by state afterwards. With {@code reuseJvm} each worker is a {@link PointServer} that runs its
   * points one after another in one JVM (a fresh one after a point that failed); else each point gets a JVM.
   */
  public static Map<PointState.State, Integer> run(Sweep sweep, int workers, boolean reuseJvm, Listener listener,
                                                   ToDoubleFunction<SweepPoint> seconds)
      throws IOException, InterruptedException {
    if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    List<SweepPoint> notDone = new ArrayList<>();
    Map<SweepPoint, PointState> states = sweep.states();
    states.forEach((p, s) -> {
      if (s.state() == PointState.State.RUNNING) listener.skipped(p, s);
      else if (!s.state().terminal()) notDone.add(p);
    });
    List<SweepPoint> pending = seconds == null ? replicateMajor(notDone, sweep.spec())
        : longestFirst(notDone, sweep.spec(), seconds);
    Thread killWorkers = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly));
    Runtime.getRuntime().addShutdownHook(killWorkers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    PointRunner runner = new PointRunner(sweep);
    List<PointServer> servers = new ArrayList<>(); // one per worker, started by its first point
    if (reuseJvm) for (int w = 0; w < workers; w++) servers.add(runner.server());
    java.util.concurrent.BlockingQueue<PointServer> idle = new java.util.concurrent.LinkedBlockingQueue<>(servers);
    AtomicInteger done = new AtomicInteger();
    Object lock = new Object();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (SweepPoint p : pending) {
        futures.add(pool.submit(() -> {
          synchronized (lock) {
            listener.started(p, states.get(p).state() == PointState.State.PARTIAL);
          }
          PointServer server = reuseJvm ? idle.take() : null;
          PointState s;
          try {
            s = runner.run(p, server);
          } finally {
            if (server != null) idle.add(server);
          }
          synchronized (lock) {
            listener.done(p, s, done.incrementAndGet(), pending.size());
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) throw io;
          throw new IllegalStateException("sweep point failed to run", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
      servers.forEach(PointServer::close);
      try {
        Runtime.getRuntime().removeShutdownHook(killWorkers);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
    return sweep.counts();
  }
}
