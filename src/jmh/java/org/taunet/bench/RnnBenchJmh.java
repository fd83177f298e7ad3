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
 * The issue-6 RNN workloads ({@link RnnBench.Workload}): one training minibatch of 32 trials x 200 Euler steps
 * (forward, cross-entropy, full BPTT, clipped Adam). Reports milliseconds per minibatch; trials/s = 32000 / ms.
 * Run with scripts/jmh RnnBenchJmh (add e.g. -f 1 -wi 2 -i 3 -w 2s -r 2s for a quick look).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Dtaunet.quiet=true"})
public class RnnBenchJmh {
  @Param({"128", "512"})
  public int units;

  private RnnBench.Workload workload;

  @Setup(Level.Trial)
  public void setUp() {
    workload = new RnnBench.Workload(units);
  }

  @Benchmark
  public double trainMinibatch() {
    return workload.trainStep();
  }
}
