package org.taunet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.lang.management.ManagementFactory;
import org.taunet.ep.EpConfig;

/**
 * How the cost of one training step grows with the size of the network ({@code taunet bench --growth}): for each axis
 * (EP hidden width and depth, RNN units and sequence length, ELM units, sequence length and k_e) the training step of the
 * family's bench workload is timed at several sizes, with the heap its training state holds, and the exponent b of
 * t = a * size^b is fitted by least squares on log-log axes (the same for memory).
 *
 * <p>Times are medians over {@code repeats} samples after a warm-up ({@link #measure}), as wall time and as CPU time
 * of the measuring thread (core-seconds, which other processes on a busy machine inflate far less than wall time).
 * "Heap" is the heap in use after a
 * garbage collection with the workload alive minus before it was built: the network, its optimiser state and the
 * training buffers (not the JVM's own footprint, not an operating-system peak).
 */
public final class Growth {
  private Growth() {}

  /**
   * One measured size: the axis value, FLOPs per training step, wall seconds and CPU seconds (of the measuring
   * thread, {@link #threadCpuNanos}) per step, heap held (bytes).
   */
  public record Point(int size, double flopsPerStep, double secondsPerStep, double cpuSecondsPerStep, long heapBytes) {}

  /**
   * One axis: its name, what a step is, its sizes, and the workload at a size.
   *
   * @param name e.g. "rnn-units"
   * @param step what one timed step is (for the table)
   * @param sizes the axis values, increasing
   * @param workload the workload at one size
   */
  public record Axis(String name, String step, int[] sizes, IntFunction<Workload> workload) {}

  /** A training step at one size and its arithmetic (dense-equivalent FLOPs, as in {@code taunet bench}). */
  public interface Workload {
    double flopsPerStep();

    void step();
  }

  /** The axes of the issue-16 cost-growth table. */
  public static final List<Axis> AXES = List.of(
      new Axis("ep-width", "one minibatch of 20 (784-H-10, net1's T1 20 / T2 4)", new int[] {250, 500, 1000, 2000},
          h -> ep(EpConfig.preset("net1").withHidden(List.of(h)))),
      new Axis("ep-depth", "one minibatch of 20 (net1, net2, net3 as published: T1 20/150/500, T2 4/6/8)",
          new int[] {1, 2, 3}, d -> ep(EpConfig.preset("net" + d))),
      new Axis("rnn-units", "one minibatch of 32 trials x 200 steps, BPTT + Adam",
          new int[] {16, 32, 64, 128, 256, 512, 1024, 2048},
          n -> rnn(n, RnnBench.STEPS)),
      new Axis("rnn-steps", "one minibatch of 32 trials of T steps, 128 units", new int[] {250, 500, 1000, 2000, 4000},
          t -> rnn(128, t)),
      new Axis("elm-units", "one minibatch of 8 x 1000 steps (k_e 32, d_mlp 64, k_c 128, 700 inputs)",
          new int[] {1, 4, 16, 64, 256}, n -> elm(n, 1000)),
      new Axis("elm-steps", "one minibatch of 8 x T steps, N = 16 (as elm-units)", new int[] {250, 500, 1000, 2000, 4000},
          t -> elm(16, t)),
      new Axis("elm-ke", "one minibatch of 32 x 100 steps, N = 8, k_c 32, 128 inputs (the scaling study's centre)",
          new int[] {2, 4, 8, 16, 32}, ke -> elm(new ElmBench.Workload("growth", 8, ke, 2 * ke, 32, 128, 32, 100))));

  /** The axis called {@code name}, or null. */
  public static Axis axis(String name) {
    for (Axis a : AXES) if (a.name().equals(name)) return a;
    return null;
  }

  /** CPU seconds of warm-up steps at each size, and the least CPU time of one timed sample. */
  static final double WARMUP_S = 1.0, SAMPLE_S = 0.25;

  /**
   * CPU seconds of warm-up at an axis's first size: the JIT compiles the family's code in threads of its own, which a
   * busy machine slows, so the first size runs longer before it is timed.
   */
  static final double FIRST_WARMUP_S = 4.0;

  /** Least number of warm-up steps at each size (the JIT compiles a loop after some iterations, not some seconds). */
  static final int WARMUP_STEPS = 2;

  /**
   * Measures every size of {@code axis}: steps for {@link #WARMUP_S} CPU seconds ({@link #FIRST_WARMUP_S} at the first size) and at least
   * {@link #WARMUP_STEPS} steps to warm up, then the medians over {@code repeats} samples of k steps each, k chosen so a sample takes at
   * least {@link #SAMPLE_S} CPU seconds; and the heap held.
   */
  public static List<Point> measure(Axis axis, int repeats) {
    List<Point> out = new ArrayList<>();
    double warmup = FIRST_WARMUP_S; // the first size also waits for the JIT to compile the family's code
    for (int size : axis.sizes()) {
      long before = heapAfterGc();
      Workload w = axis.workload().apply(size);
      int warm = 0;
      long w0 = threadCpuNanos();
      do {
        w.step();
        warm++;
      } while (warm < WARMUP_STEPS || (threadCpuNanos() - w0) * 1e-9 < warmup);
      warmup = WARMUP_S;
      long held = Math.max(0, heapAfterGc() - before);
      double perStep = (threadCpuNanos() - w0) * 1e-9 / warm;
      int k = (int) Math.max(1, Math.ceil(SAMPLE_S / perStep));
      double[] sec = new double[Math.max(1, repeats)], cpu = new double[sec.length];
      for (int r = 0; r < sec.length; r++) {
        long c0 = threadCpuNanos(), s0 = System.nanoTime();
        for (int i = 0; i < k; i++) w.step();
        sec[r] = (System.nanoTime() - s0) * 1e-9 / k;
        cpu[r] = (threadCpuNanos() - c0) * 1e-9 / k;
      }
      Arrays.sort(sec);
      Arrays.sort(cpu);
      out.add(new Point(size, w.flopsPerStep(), sec[sec.length / 2], cpu[cpu.length / 2], held));
      java.lang.ref.Reference.reachabilityFence(w);
    }
    return out;
  }

  /** Prints one axis's table and its fitted exponents. */
  public static void print(Axis axis, List<Point> points, java.io.PrintStream out) {
    out.printf("%n%s: %s%n", axis.name(), axis.step());
    out.printf("%8s %14s %14s %14s %10s %12s%n", "size", "MFLOP/step", "s/step", "CPU s/step", "GFLOP/cpu-s", "heap MB");
    double[] x = new double[points.size()], t = new double[x.length], m = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      Point p = points.get(i);
      out.printf("%8d %14.2f %14.5f %14.5f %10.2f %12.1f%n", p.size(), p.flopsPerStep() / 1e6, p.secondsPerStep(),
          p.cpuSecondsPerStep(), p.flopsPerStep() / p.cpuSecondsPerStep() / 1e9, p.heapBytes() / 1048576.0);
      x[i] = p.size();
      t[i] = p.cpuSecondsPerStep();
      m[i] = Math.max(1, p.heapBytes());
    }
    out.printf("fitted exponent (y = a size^b): CPU time b = %.2f, heap b = %.2f, arithmetic b = %.2f%n", exponent(x, t),
        exponent(x, m), exponent(x, points.stream().mapToDouble(Point::flopsPerStep).toArray()));
  }

  /** The least-squares slope of log(y) on log(x): the exponent b of y = a x^b (NaN with fewer than 2 points). */
  public static double exponent(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) return Double.NaN;
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(x[i]) / n;
      my += Math.log(y[i]) / n;
    }
    double sxy = 0, sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  /**
   * CPU time of the calling thread, ns (wall time where the platform has none). With {@code -Dtaunet.threads=1}
   * and {@code OPENBLAS_NUM_THREADS=1} every product of a step runs on this thread; the JIT's and the garbage
   * collector's threads, and other processes, are not counted.
   */
  static long threadCpuNanos() {
    var mx = ManagementFactory.getThreadMXBean();
    if (mx.isCurrentThreadCpuTimeSupported()) {
      long t = mx.getCurrentThreadCpuTime();
      if (t >= 0) return t;
    }
    return System.nanoTime();
  }

  /**
   * Heap in use after a full collection, the least of three readings: other threads (a progress bar, a pool left by
   * an earlier task in the same JVM) may hold short-lived arrays at any one collection, which would otherwise be
   * counted before the workload and subtracted from it.
   */
  private static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, rt.totalMemory() - rt.freeMemory());
    }
    return least;
  }

  private static Workload ep(EpConfig cfg) {
    EpBench.Trainer t = new EpBench.Trainer(cfg, cfg.batchSize());
    double flops = EpBench.flopsPerSample(cfg, cfg.layerSizes(784, 10)) * cfg.batchSize();
    return workload(flops, t::pass);
  }

  private static Workload rnn(int units, int steps) {
    RnnBench.Workload w = new RnnBench.Workload(units, steps);
    return workload(RnnBench.flopsPerTrial(units, RnnBench.IN, RnnBench.OUT, steps) * RnnBench.BATCH, w::trainStep);
  }

  private static Workload elm(int units, int steps) {
    return elm(new ElmBench.Workload("growth", units, 32, 64, 128, 700, 8, steps));
  }

  private static Workload elm(ElmBench.Workload w) {
    ElmBench.Trainer t = new ElmBench.Trainer(w);
    return workload(w.flopsPerStepBatch() * w.batch() * w.steps(), t::step);
  }

  private static Workload workload(double flops, Runnable step) {
    return new Workload() {
      @Override public double flopsPerStep() {
        return flops;
      }

      @Override public void step() {
        step.run();
      }
    };
  }
}
