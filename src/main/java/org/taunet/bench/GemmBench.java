package org.taunet.bench;

import java.util.Arrays;
import java.util.Random;
import org.taunet.numerics.Gemm;
import org.taunet.numerics.Kernels;

/** Quick GEMM throughput measurement, used by {@code taunet bench}. */
public final class GemmBench {
  private GemmBench() {}

  /**
   * Measures C[m x n] = A[m x k] B[k x n] (no transposes, beta = 0) on {@code backend} (AUTO
   * resolved per call by size): warms up for half of {@code seconds} (JIT compilation; small
   * shapes in a fresh JVM want a second or more), then times samples of repeated calls (each at
   * least ~2 ms) for the rest. Returns the median GFLOP/s, counting 2mnk flops per call.
   * Allocates its own random matrices (seed 42); the result is noisy on a shared machine.
   */
  public static double gflops(Kernels.Backend backend, int m, int n, int k, double seconds) {
    Random rnd = new Random(42);
    float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
    Runnable call = () -> Gemm.gemm(backend, false, false, m, n, k, 1f, a, b, 0f, c);
    long budget = (long) (Math.max(seconds, 0.0) * 1e9);
    // Step 1: warm up (JIT compilation, buffers, BLAS threads).
    long start = System.nanoTime();
    do {
      call.run();
    } while (System.nanoTime() - start < budget / 2);
    // Step 2: calls per sample so that one sample takes at least ~2 ms.
    long t0 = System.nanoTime();
    call.run();
    long one = Math.max(1, System.nanoTime() - t0);
    int reps = (int) Math.max(1, Math.min(1_000_000, 2_000_000 / one));
    // Step 3: samples until the budget is spent (at least three).
    double[] perCall = new double[64];
    int samples = 0;
    long end = System.nanoTime() + budget - budget / 2;
    while (samples < 3 || (System.nanoTime() < end && samples < perCall.length)) {
      long s = System.nanoTime();
      for (int r = 0; r < reps; r++) call.run();
      perCall[samples++] = (System.nanoTime() - s) / 1e9 / reps;
    }
    double[] sorted = Arrays.copyOf(perCall, samples);
    Arrays.sort(sorted);
    double median = samples % 2 == 1 ? sorted[samples / 2]
        : 0.5 * (sorted[samples / 2 - 1] + sorted[samples / 2]);
    return 2.0 * m * n * k / median / 1e9;
  }

  private static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) x[i] = rnd.nextFloat() * 2f - 1f;
    return x;
  }
}
