package org.taunet.bench;

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

/**
 * The ELM workloads of {@link ElmBench}: workload 0 is issue 6's neuron (700 inputs at 1% density, d_m = 100,
 * d_mlp = 200, batch 8, 1000 steps, full BPTT + Adam), 1 an N = 16 network. Reports milliseconds per training step;
 * time steps x batch per second = 8000 * 1000 / ms. Run with scripts/jmh ElmBenchJmh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Dtaunet.quiet=true"})
public class ElmBenchJmh {
  @Param({"0", "1"})
  public int workload;

  private ElmBench.Trainer trainer;

  @Setup(Level.Trial)
  public void setUp() {
    trainer = new ElmBench.Trainer(workload);
  }

  @Benchmark
  public double trainStep() {
    return trainer.step();
  }
}
