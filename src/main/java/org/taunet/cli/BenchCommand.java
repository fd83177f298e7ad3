package org.taunet.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taunet.bench.CostModel;
import org.taunet.bench.Growth;
import org.taunet.bench.GemmBench;
import org.taunet.bench.SweepBench;
import org.taunet.numerics.BlasInfo;
import org.taunet.numerics.Kernels;
import org.taunet.run.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taunet bench}: throughput of the kernels and the training loops, printed as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure GEMM GFLOP/s per kernel path and training throughput of EP, RNN and ELM (median of "
        + "repeats), or the sweep overhead of the local executor (--workload sweep).")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--workload", defaultValue = "all", paramLabel = "NAME",
      description = "gemm, a family (ep, rnn, elm), all (those four), or sweep: the local executor's overhead on a "
          + "temporary sweep of --points short runs (minutes; not part of all) (default: ${DEFAULT-VALUE}).")
  String workload;
  @Option(names = "--points", defaultValue = "100", description = "With --workload sweep: points of the temporary "
      + "sweep (1250-step RNN runs, 0.6 s each in a warm JVM), run with a JVM per point and then with one JVM per "
      + "worker (default: ${DEFAULT-VALUE}).")
  int points;
  @Option(names = "--workers", defaultValue = "1", description = "With --workload sweep: worker JVMs at a time "
      + "(default: ${DEFAULT-VALUE}, as 'taunet sweep run').")
  int workers;
  @Option(names = "--seconds", defaultValue = "2", description = "Time per GEMM measurement (default: ${DEFAULT-VALUE}).")
  double seconds;
  @Option(names = "--repeats", defaultValue = "5", description = "Timed passes per training workload; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--growth", paramLabel = "AXIS", description = "Cost growth instead of the throughput table: seconds "
      + "per training step and heap held at several sizes along AXIS (ep-width, ep-depth, rnn-units, rnn-steps, "
      + "elm-units, elm-steps, elm-ke) or all, with the fitted exponents.")
  String growth;
  @Option(names = "--save", description = "With --growth all: save the measurements as this machine's cost model "
      + "(~/.taunet/cost-model.json), which the time estimate of 'taunet sweep run' then uses. Measure with "
      + "TAUNET_JAVA_OPTS=-Dtaunet.threads=1 OPENBLAS_NUM_THREADS=1, as sweep points run (one thread each).")
  boolean save;

  static final int[][] SHAPES = {{512, 784, 500}, {20, 784, 500}, {784, 500, 20}, {20, 10, 500}};

  @Override
  public Integer call() throws java.io.IOException, InterruptedException {
    if (growth != null) return growth();
    if (save) throw UserError.flag("--save", "saves a cost model measured by --growth all", "add --growth all");
    boolean all = workload.equalsIgnoreCase("all"), sweep = workload.equalsIgnoreCase("sweep");
    if (!all && !sweep && !workload.equalsIgnoreCase("gemm") && Families.named(workload).isEmpty()) {
      throw UserError.flag("--workload", "unknown workload '" + workload + "'", "use gemm, "
          + String.join(", ", Families.ALL.stream().map(Family::name).toList()) + ", all or sweep");
    }
    if (points < 1) throw UserError.flag("--points", "must be >= 1, got " + points, null);
    if (workers < 1) throw UserError.flag("--workers", "must be >= 1, got " + workers, null);
    System.out.println(machineLine());
    if (sweep) {
      SweepBench.printRow(points, workers);
      return 0;
    }
    if (all || workload.equalsIgnoreCase("gemm")) printGemm();
    for (Family<?> f : Families.ALL) if (all || f.name().equalsIgnoreCase(workload)) f.bench().accept(repeats);
    return 0;
  }

  private int growth() throws java.io.IOException {
    List<Growth.Axis> axes = growth.equalsIgnoreCase("all") ? Growth.AXES
        : Growth.axis(growth) != null ? List.of(Growth.axis(growth)) : null;
    if (axes == null) {
      throw UserError.flag("--growth", "unknown axis '" + growth + "'", "use one of "
          + String.join(", ", Growth.AXES.stream().map(Growth.Axis::name).toList()) + " or all");
    }
    if (save && axes.size() != Growth.AXES.size()) throw UserError.flag("--save", "needs every axis", "use --growth all");
    String machine = machineLine();
    System.out.println(machine);
    Map<Growth.Axis, List<Growth.Point>> all = new LinkedHashMap<>();
    for (Growth.Axis a : axes) {
      List<Growth.Point> points = Growth.measure(a, repeats);
      Growth.print(a, points, System.out);
      all.put(a, points);
    }
    if (save) {
      CostModel.of(java.time.LocalDate.now() + ", " + machine, all).save(CostModel.userFile());
      System.out.println("saved " + CostModel.userFile());
    }
    return 0;
  }

  private static String machineLine() {
    return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.version") + ", BLAS: " + BlasInfo.describe() + ", taunet threads: "
        + Kernels.threads();
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
