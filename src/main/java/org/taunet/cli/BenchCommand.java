package org.taunet.cli;

import java.util.concurrent.Callable;
import org.taunet.bench.ElmBench;
import org.taunet.bench.GemmBench;
import org.taunet.bench.EpBench;
import org.taunet.bench.RnnBench;
import org.taunet.ep.EpConfig;
import org.taunet.numerics.BlasInfo;
import org.taunet.numerics.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taunet bench}: throughput of the kernels and the training loops, printed as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure GEMM GFLOP/s per kernel path and training throughput of EP, RNN and ELM (median of repeats).")
public final class BenchCommand implements Callable<Integer> {
  /** What to measure. */
  enum Workload { GEMM, EP, RNN, ELM, ALL }

  @Option(names = "--workload", defaultValue = "ALL", description = "GEMM, EP, RNN, ELM or ALL (default: ${DEFAULT-VALUE}).")
  Workload workload;
  @Option(names = "--seconds", defaultValue = "2", description = "Time per GEMM measurement (default: ${DEFAULT-VALUE}).")
  double seconds;
  @Option(names = "--ep-preset", defaultValue = "net1", description = "EP preset to time (default: ${DEFAULT-VALUE}).")
  String epPreset;
  @Option(names = "--ep-examples", defaultValue = "4000", description = "Examples per timed EP pass (default: ${DEFAULT-VALUE}).")
  int epExamples;
  @Option(names = "--repeats", defaultValue = "5", description = "Timed EP passes; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  static final int[][] SHAPES = {{512, 784, 500}, {20, 784, 500}, {784, 500, 20}, {20, 10, 500}};

  @Override
  public Integer call() {
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.version") + ", BLAS: " + BlasInfo.describe());
    if (workload == Workload.GEMM || workload == Workload.ALL) {
      System.out.printf("%n%-16s %10s %10s %10s %10s%n", "GEMM m x n x k", "scalar", "vector", "blas", "auto");
      for (int[] s : SHAPES) {
        System.out.printf("%-16s", s[0] + "x" + s[1] + "x" + s[2]);
        for (Kernels.Backend b : new Kernels.Backend[] {Kernels.Backend.SCALAR, Kernels.Backend.VECTOR,
            Kernels.Backend.BLAS, Kernels.Backend.AUTO}) {
          double sec = b == Kernels.Backend.SCALAR ? Math.min(seconds, 1.0) : seconds;
          System.out.printf(" %10.2f", GemmBench.gflops(b, s[0], s[1], s[2], sec));
        }
        System.out.println("   GFLOP/s");
      }
    }
    if (workload == Workload.EP || workload == Workload.ALL) {
      EpConfig cfg = EpConfig.preset(epPreset);
      double rate = EpBench.samplesPerSecond(cfg, epExamples, repeats);
      double flops = EpBench.flopsPerSample(cfg, cfg.layerSizes(784, 10));
      System.out.printf("%nEP %s (%s, batch %d, T1=%d, T2=%d, synthetic MNIST-shaped data): %.0f samples/s, %.2f MFLOP/sample, %.1f GFLOP/s%n",
          epPreset, sizesString(cfg), cfg.batchSize(), cfg.tFree(), cfg.tNudged(), rate, flops / 1e6, rate * flops / 1e9);
    }
    if (workload == Workload.RNN || workload == Workload.ALL) RnnBench.printTable(repeats);
    if (workload == Workload.ELM || workload == Workload.ALL) ElmBench.printTable(repeats);
    return 0;
  }

  private static String sizesString(EpConfig cfg) {
    StringBuilder sb = new StringBuilder("784");
    for (int h : cfg.hidden()) sb.append('-').append(h);
    return sb.append("-10").toString();
  }
}
