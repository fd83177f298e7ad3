package org.taunet.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.rnn.Bptt;
import org.taunet.rnn.Integrator;
import org.taunet.rnn.Loss;
import org.taunet.rnn.Phi;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnNetwork;
import org.taunet.rnn.RnnTrainer;
import org.taunet.train.Optimizer;

/**
 * Multi-tau RNN BPTT training throughput, the issue-6 workloads: N tanh units (128 and 512), 4 inputs, 3 outputs,
 * batch 32, 200 forward-Euler steps, full BPTT with a cross-entropy loss on every step, gradient clipping and one
 * Adam step per minibatch. Inputs and targets are random (the arithmetic does not depend on them); taus are drawn
 * from uniform:0.1,1.9 at dt = 50 ms.
 */
public final class RnnBench {
  private RnnBench() {}

  /** Inputs, outputs, batch and steps of the issue-6 workloads. */
  public static final int IN = 4, OUT = 3, BATCH = 32, STEPS = 200;

  /** Prints the RNN rows of {@code taunet bench}. */
  public static void printTable(int repeats) {
    for (int n : new int[] {128, 512}) {
      double rate = trialsPerSecond(n, repeats);
      double flops = flopsPerTrial(n, IN, OUT, STEPS);
      System.out.printf("%nRNN %d tanh units, %d in, %d out, batch %d, %d Euler steps, full BPTT + Adam: %.0f trials/s, "
          + "%.1f MFLOP/trial, %.1f GFLOP/s%n", n, IN, OUT, BATCH, STEPS, rate, flops / 1e6, rate * flops / 1e9);
    }
  }

  /** Arithmetic per timed pass: 2e10 FLOP, about 1 to 2 s on this machine (30 minibatches at 128 units, 3 at 512). */
  static final double PASS_FLOP = 2e10;

  /**
   * Median trials/s over {@code repeats} timed passes of at least 3 minibatches each, after the warm-up of
   * {@link ElmBench#medianSeconds} (at least 5 s: after one warm-up pass, C2 had not yet compiled the Vector API
   * kernels of the 128-unit step on the loaded machine, whose profile then showed the Vector API's Java fallback).
   */
  public static double trialsPerSecond(int n, int repeats) {
    Workload w = new Workload(n);
    int batches = Math.max(3, (int) Math.round(PASS_FLOP / (flopsPerTrial(n, IN, OUT, STEPS) * BATCH)));
    return batches * BATCH / ElmBench.medianSeconds(() -> {
      for (int it = 0; it < batches; it++) w.trainStep();
    }, repeats);
  }

  /** One issue-6 workload: a network, a random minibatch and the training buffers (also used by the JMH benchmark). */
  public static final class Workload {
    private final RnnNetwork net;
    private final Bptt bptt;
    private final float[][] grads;
    private final Optimizer adam;
    private final float[] u;
    private final float[] target;
    private final float[] mask;
    private final int[] label = new int[BATCH];
    private final int[] read = new int[BATCH];

    /** The issue-6 workload: {@code n} units, {@link #STEPS} steps. */
    public Workload(int n) {
      this(n, STEPS);
    }

    /** {@code n} units and trials of {@code steps} time steps (the sequence-length axis of the growth table). */
    public Workload(int n, int steps) {
      u = new float[steps * BATCH * IN];
      target = new float[steps * BATCH * OUT];
      mask = new float[steps * BATCH];
      RnnConfig d = RnnConfig.defaults();
      RnnConfig cfg = new RnnConfig(d.task(), 50, "uniform:0.1,1.9", n, 1.0, Phi.TANH, Integrator.EULER, false, false,
          0, Loss.CROSS_ENTROPY, BATCH, 1, 1e-3, 1.0, 0, 1, 1, 0.9, 0, 1);
      SplittableRandom rng = new SplittableRandom(1);
      net = RnnNetwork.create(cfg, IN, OUT, cfg.tau(), rng.split(), rng.split());
      for (int i = 0; i < u.length; i++) u[i] = (float) rng.nextGaussian();
      for (int i = 0; i < mask.length; i++) {
        mask[i] = 1;
        target[i * OUT + rng.nextInt(OUT)] = 1;
      }
      Arrays.fill(label, 1);
      Arrays.fill(read, steps - 1);
      bptt = new Bptt(net, steps, BATCH);
      grads = Bptt.newGradients(net);
      adam = RnnTrainer.newOptimizer(cfg, net, grads);
    }

    /** Forward, loss, full BPTT and one clipped Adam step on the minibatch; returns the loss. */
    public double trainStep() {
      bptt.forward(u, 0, null);
      double loss = bptt.loss(Loss.CROSS_ENTROPY, target, mask, label, read).loss();
      bptt.backward(grads, 0);
      adam.step();
      return loss;
    }
  }

  /**
   * Multiply-adds x 2 per trial: per step the recurrent product forward and backward plus its share of the weight
   * gradient (3 x 2 N^2), and the input and readout products forward, backward and for their gradients
   * (3 x 2 N (in + out)).
   */
  public static double flopsPerTrial(int n, int in, int out, int steps) {
    return steps * (3 * 2.0 * n * n + 3 * 2.0 * n * (in + out));
  }
}
