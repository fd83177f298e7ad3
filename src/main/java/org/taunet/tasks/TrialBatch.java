package org.taunet.tasks;

import java.util.SplittableRandom;

/**
 * A minibatch of trials in the time-major layout the RNN uses: {@code u[(t * B + b) * nIn + k]},
 * {@code target[(t * B + b) * nOut + o]}, {@code mask[t * B + b]}, plus each trial's label, the step at which its
 * choice is read ({@code readStep[b]}, the last decision step) and its delay length ({@code delaySteps[b]}). Buffers are allocated once and refilled.
 */
public final class TrialBatch {
  public final int steps;
  public final int batch;
  public final int nIn;
  public final int nOut;
  public final float[] u;
  public final float[] target;
  public final float[] mask;
  public final int[] label;
  public final int[] readStep;
  /** Each trial's delay-period length in steps ({@link Trial#delaySteps()}; -1 without one). */
  public final int[] delaySteps;

  public TrialBatch(int steps, int batch, int nIn, int nOut) {
    this.steps = steps;
    this.batch = batch;
    this.nIn = nIn;
    this.nOut = nOut;
    u = new float[steps * batch * nIn];
    target = new float[steps * batch * nOut];
    mask = new float[steps * batch];
    label = new int[batch];
    readStep = new int[batch];
    delaySteps = new int[batch];
  }

  /** An empty batch shaped for {@code task}. */
  public static TrialBatch of(Task task, int batch) {
    return new TrialBatch(task.maxSteps(), batch, task.nIn(), task.nOut());
  }

  /** Refills every row with a new trial of {@code task} drawn from {@code rng}, in row order. */
  public void fill(Task task, SplittableRandom rng) {
    if (task.maxSteps() != steps || task.nIn() != nIn || task.nOut() != nOut) {
      throw new IllegalArgumentException("batch shape does not match task " + task.name());
    }
    for (int b = 0; b < batch; b++) set(b, task.sample(rng));
  }

  /** Writes one trial into row {@code b}. */
  public void set(int b, Trial tr) {
    for (int t = 0; t < steps; t++) {
      System.arraycopy(tr.inputs()[t], 0, u, (t * batch + b) * nIn, nIn);
      System.arraycopy(tr.targets()[t], 0, target, (t * batch + b) * nOut, nOut);
      mask[t * batch + b] = tr.mask()[t];
    }
    label[b] = tr.label();
    readStep[b] = tr.decisionEnd() - 1;
    delaySteps[b] = tr.delaySteps();
  }
}
