package org.taunet.seq;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.train.Optimizer;
import org.taunet.train.OptimizerSpec;

/**
 * The adding problem of Hochreiter &amp; Schmidhuber (1997): T steps of two input channels, a value uniform in [0, 1)
 * and a marker that is 1 at exactly two steps, one in each half of the sequence; the target is the sum of the two
 * marked values, read from a single linear output at the last step and trained with mean squared error. Always
 * answering the mean (1) scores MSE 1/6 = 0.167; the usual "solved" threshold is MSE &lt; 0.01 (Le et al. 2015 use
 * 0.167 as the baseline).
 */
public final class AddingProblem {
  /** MSE of always answering the mean sum 1: the variance of the sum of two uniforms, 2/12. */
  public static final double BASELINE_MSE = 1.0 / 6;

  private final int steps;
  private final SplittableRandom rng;

  public AddingProblem(int steps, long seed) {
    this.steps = steps;
    this.rng = new SplittableRandom(seed);
  }

  /** A fresh batch into {@code in} (2 channels, dense values), targets into {@code target} (length batch). */
  public void batch(SparseInput in, float[] target, int batch) {
    float[] x = new float[steps * batch * 2];
    for (int b = 0; b < batch; b++) {
      int first = rng.nextInt(steps / 2), second = steps / 2 + rng.nextInt(steps - steps / 2);
      float sum = 0;
      for (int t = 0; t < steps; t++) {
        float v = (float) rng.nextDouble();
        x[(t * batch + b) * 2] = v;
        if (t == first || t == second) {
          x[(t * batch + b) * 2 + 1] = 1f;
          sum += v;
        }
      }
      target[b] = sum;
    }
    in.setDense(x, steps, batch, 2);
  }

  /**
   * Trains {@code model} (2 inputs, 1 output) with Adam (lr, global-norm clip 1) for {@code updates} minibatches of
   * {@code batch}; returns the MSE on 1000 fresh sequences.
   */
  public double trainAndTest(SeqModel model, int updates, int batch, double lr) {
    OptimizerSpec d = OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM);
    Optimizer opt = SeqTraining.optimizer(model, new OptimizerSpec(d.kind(), lr, 0, false, d.beta1(), d.beta2(),
        d.eps(), 0, 1.0, Optimizer.NonFinite.APPLY));
    SparseInput in = new SparseInput();
    float[] target = new float[batch], out = new float[batch], dOut = new float[batch];
    for (int u = 0; u < updates; u++) {
      batch(in, target, batch);
      model.forward(in, steps - 1, out, false);
      for (int b = 0; b < batch; b++) dOut[b] = 2 * (out[b] - target[b]) / batch;
      Arrays.fill(model.grads(), 0f);
      model.backward(dOut);
      opt.step();
    }
    int testBatch = 1000;
    float[] tt = new float[testBatch], to = new float[testBatch];
    batch(in, tt, testBatch);
    model.forward(in, steps - 1, to, false);
    double se = 0;
    for (int b = 0; b < testBatch; b++) se += (to[b] - tt[b]) * (double) (to[b] - tt[b]);
    return se / testBatch;
  }
}
