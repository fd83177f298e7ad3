package org.taunet.cli;

import java.util.concurrent.Callable;
import org.taunet.bench.GemmBench;
import org.taunet.numerics.BlasInfo;
import org.taunet.numerics.Kernels;
import org.taunet.run.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taunet bench}: throughput of the kernels and the training loops, printed as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure GEMM GFLOP/s per kernel path and training throughput of EP, RNN and ELM (median of repeats).")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--workload", defaultValue = "all", paramLabel = "NAME",
      description = "gemm, a family (ep, rnn, elm) or all (default: ${DEFAULT-VALUE}).")
  String workload;
  @Option(names = "--seconds", defaultValue = "2", description = "Time per GEMM measurement (default: ${DEFAULT-VALUE}).")
  double seconds;
  @Option(names = "--repeats", defaultValue = "5", description = "Timed passes per training workload; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  static final int[][] SHAPES = {{512, 784, 500}, {20, 784, 500}, {784, 500, 20}, {20, 10, 500}};

  @Override
  public Integer call() {
    boolean all = workload.equalsIgnoreCase("all");
    if (!all && !workload.equalsIgnoreCase("gemm") && Families.named(workload).isEmpty()) {
      throw UserError.flag("--workload", "unknown workload '" + workload + "'", "use gemm, "
          + String.join(", ", Families.ALL.stream().map(Family::name).toList()) + " or all");
    }
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.version") + ", BLAS: " + BlasInfo.describe());
    if (all || workload.equalsIgnoreCase("gemm")) printGemm();
    for (Family<?> f : Families.ALL) if (all || f.name().equalsIgnoreCase(workload)) f.bench().accept(repeats);
    return 0;
  }

  private void printGemm() {
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
}
