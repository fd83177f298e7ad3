package org.taunet.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.taunet.ep.EpConfig;

/**
 * The issue-6 EP workload: Scellier net1 (784-500-10, batch 20, T1 = 20, T2 = 4, dt = 0.5, persistent particles,
 * random-sign beta, SGD) training one pass over 1000 synthetic MNIST-shaped examples. Reports milliseconds per pass;
 * samples/s = 1e6 / ms. Run with scripts/jmh EpBenchJmh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Dtaunet.quiet=true"})
public class EpBenchJmh {
  private EpBench.Trainer trainer;

  @Setup(Level.Trial)
  public void setUp() {
    trainer = new EpBench.Trainer(EpConfig.preset("net1"), 1000);
  }

  @Benchmark
  public Object trainPass() {
    return trainer.pass();
  }
}
