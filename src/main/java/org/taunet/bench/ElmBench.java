package org.taunet.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.elm.ElmNet;
import org.taunet.elm.ElmShape;
import org.taunet.seq.CrossEntropy;
import org.taunet.seq.SeqTraining;
import org.taunet.seq.SparseInput;
import org.taunet.train.Optimizer;
import org.taunet.train.OptimizerSpec;

/**
 * ELM network BPTT training throughput (issue 6): one full training step (forward over all steps, backward
 * through time, gradient clip, Adam) on random spikes of 1% density, 19 classes scored at the last step.
 * Throughput is time steps x batch per second (median of repeats after warm-up); GFLOP/s uses the dense-equivalent
 * count of issue 6: 3 x 2 x ((k_c + d_m) d_mlp + d_mlp d_m) per unit per step and batch element (forward, and
 * twice that backward), although the sparse-input kernels skip the zero inputs.
 */
public final class ElmBench {
  private ElmBench() {}

  /** A workload: units, d_m, d_mlp, k_c, inputs, batch, steps. */
  record Workload(String name, int units, int dm, int h, int kc, int inputs, int batch, int steps) {
    double flopsPerStepBatch() {
      return units * 3.0 * 2.0 * ((double) (kc + dm) * h + (double) h * dm);
    }
  }

  static final Workload[] WORKLOADS = {
      new Workload("issue-6 neuron", 1, 100, 200, 700, 700, 8, 1000),
      new Workload("network N=16", 16, 32, 64, 128, 700, 8, 1000),
  };

  /** Prints the ELM rows of {@code taunet bench}: the issue-6 workloads, then the char-level LM ({@link CharLmBench}). */
  public static void printTable(int repeats) {
    System.out.printf("%nELM training (700 inputs at 1%% spike density, full BPTT + Adam, median of %d):%n", repeats);
    System.out.printf("%-16s %4s %5s %6s %5s %6s %6s %14s %12s%n", "workload", "N", "d_m", "d_mlp", "k_c", "batch", "steps",
        "steps*batch/s", "GFLOP/s*");
    for (Workload w : WORKLOADS) {
      double rate = stepsBatchPerSecond(w, repeats);
      System.out.printf("%-16s %4d %5d %6d %5d %6d %6d %14.0f %12.1f%n", w.name, w.units, w.dm, w.h, w.kc, w.batch,
          w.steps, rate, rate * w.flopsPerStepBatch() / 1e9);
    }
    System.out.println("* dense-equivalent FLOPs (issue 6 convention: 1.08 MFLOP per step x batch for the neuron); "
        + "the kernels skip zero inputs");
    CharLmBench.printRow(repeats);
  }

  /** Seconds of warm-up before the timed runs of {@link #medianSeconds}. */
  static final double WARMUP_S = 5;

  /** Median throughput of {@code repeats} timed training steps after the warm-up of {@link #medianSeconds}. */
  static double stepsBatchPerSecond(Workload w, int repeats) {
    Trainer t = new Trainer(w);
    return (double) w.steps * w.batch / medianSeconds(t::step, repeats);
  }

  /**
   * The median wall time in seconds of {@code repeats} (at least 1) runs of {@code step} after a warm-up of at least
   * two runs and {@link #WARMUP_S} seconds: a char-LM step takes about 30 ms, and C2 compiles the Vector API kernels
   * after seconds, not after two steps (with two warm-up steps alternated runs of one build gave 92k-141k bytes/s).
   * Every training bench (EP, RNN, ELM, char-LM) times its passes through this method.
   */
  static double medianSeconds(Runnable step, int repeats) {
    long start = System.nanoTime();
    for (int w = 0; w < 2 || System.nanoTime() - start < WARMUP_S * 1e9; w++) step.run();
    double[] seconds = new double[Math.max(1, repeats)];
    for (int r = 0; r < seconds.length; r++) {
      long t0 = System.nanoTime();
      step.run();
      seconds[r] = (System.nanoTime() - t0) * 1e-9;
    }
    Arrays.sort(seconds);
    return seconds[seconds.length / 2];
  }

  /** One workload's network, optimiser and fixed random spikes; {@link #step} is one full training step. */
  public static final class Trainer {
    private final Workload w;
    private final ElmNet net;
    private final Optimizer adam;
    private final SparseInput in = new SparseInput();
    private final int[] labels;
    private final float[] logits;
    private final float[] dLogits;

    /** The workload at {@code index} in {@link #WORKLOADS} (0: the issue-6 neuron, 1: an N = 16 network). */
    public Trainer(int index) {
      this(WORKLOADS[index]);
    }

    Trainer(Workload w) {
      this.w = w;
      ElmShape shape = new ElmShape(w.inputs, 19, w.units, w.dm, w.h, w.kc, w.kc, ElmShape.Version.V1,
          ElmShape.Activation.RELU, 1, 1000, null, false, 5, 5, 2, 0.5);
      SplittableRandom rng = new SplittableRandom(1);
      net = new ElmNet(shape, rng.split(), rng.split(), rng.split());
      adam = SeqTraining.optimizer(net, OptimizerSpec.parse("adam:lr=1e-3,clip=1,nonfinite=apply"));
      float[] x = new float[w.steps * w.batch * w.inputs];
      for (int q = 0; q < x.length; q++) if (rng.nextDouble() < 0.01) x[q] = 1f;
      labels = new int[w.batch];
      for (int b = 0; b < w.batch; b++) labels[b] = rng.nextInt(19);
      in.setDense(x, w.steps, w.batch, w.inputs);
      logits = new float[w.batch * 19];
      dLogits = new float[w.batch * 19];
    }

    /** Forward over all steps, cross-entropy at the last, BPTT, clipped Adam (train.Adam); returns the loss. */
    public double step() {
      net.forward(in, w.steps - 1, logits, false);
      double loss = CrossEntropy.loss(logits, labels, w.batch, 19, dLogits)[0];
      Arrays.fill(net.grads(), 0f);
      net.backward(dLogits);
      adam.step();
      return loss;
    }
  }
}
