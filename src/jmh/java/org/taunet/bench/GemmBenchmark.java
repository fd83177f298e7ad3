package org.taunet.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.taunet.numerics.Gemm;
import org.taunet.numerics.Kernels;

/**
 * C = A B for each backend and the shapes the MNIST models use, written batch x in x out, i.e.
 * m x k x n: A is m x k, B is k x n. Reports microseconds per call; GFLOP/s = 2mnk / time.
 * Run with scripts/jmh GemmBenchmark (add e.g. -f 1 -wi 1 -i 2 -w 1s -r 1s for a quick look).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED", "-Dtaunet.quiet=true"})
public class GemmBenchmark {
  @Param({"SCALAR", "VECTOR", "BLAS", "AUTO"})
  public String backend;

  /** m x k x n (batch x in x out). */
  @Param({"512x784x500", "20x784x500", "20x500x10"})
  public String shape;

  private int m, n, k;
  private float[] a, b, c;
  private Kernels.Backend saved;

  @Setup(Level.Trial)
  public void setUp() {
    String[] s = shape.split("x");
    m = Integer.parseInt(s[0]);
    k = Integer.parseInt(s[1]);
    n = Integer.parseInt(s[2]);
    Random rnd = new Random(42);
    a = random(rnd, m * k);
    b = random(rnd, k * n);
    c = new float[m * n];
    saved = Kernels.backend();
    Kernels.setBackend(Kernels.Backend.valueOf(backend));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Kernels.setBackend(saved);
  }

  @Benchmark
  public float[] gemm() {
    Gemm.gemm(false, false, m, n, k, 1f, a, b, 0f, c);
    return c;
  }

  private static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) x[i] = rnd.nextFloat() * 2f - 1f;
    return x;
  }
}
