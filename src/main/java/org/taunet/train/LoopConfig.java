package org.taunet.train;

/**
 * The {@link TrainLoop}'s schedule: run length, evaluation and checkpoint cadences, time limit and collapse test.
 * Start from {@link #epochs(int)} or {@link #steps(long)} and adjust with the {@code with...} methods.
 *
 * @param epochs run length in epochs, for a family with steps per epoch (&gt;= 1 then, ignored otherwise)
 * @param steps run length in steps, for a plain-step family (&gt;= 1 then); for a family with epochs a cap on the
 *     total (0 = none): the run ends after that step, also in the middle of an epoch
 * @param evalEvery a metrics row every this many global steps (0 = none); a row is always written after the last step
 * @param evalAtEpochEnd a metrics row after the last step of each epoch
 * @param evalAtStart a metrics row at step 0, before training (the RNN's iteration-0 row)
 * @param checkpointEvery a checkpoint every this many global steps (0 = none); one is always written with each row
 * @param checkpointMinutes a checkpoint when this many minutes of training passed since the last one (0 = none),
 *     also in the middle of an epoch, so that a preempted run loses at most that much
 * @param minutes time limit (0 = none): the run stops with {@link TrainLoop.Status#TIME_LIMIT} after the first step
 *     at which its training seconds, counting those before a resume, reach 60 * minutes, and writes a checkpoint
 *     there; resume it with a larger limit (or none) to continue
 * @param collapseFactor a finished run whose last row's training accuracy is below collapseFactor * chance has
 *     collapsed ({@link Trainable#chance()})
 */
public record LoopConfig(int epochs, long steps, long evalEvery, boolean evalAtEpochEnd, boolean evalAtStart,
                         long checkpointEvery, double checkpointMinutes, double minutes, double collapseFactor) {
  /** Validates that counts and minutes are non-negative and finite. */
  public LoopConfig {
    if (epochs < 0 || steps < 0 || evalEvery < 0 || checkpointEvery < 0) {
      throw new IllegalArgumentException("epochs, steps, evalEvery and checkpointEvery must be >= 0");
    }
    for (double m : new double[] {checkpointMinutes, minutes, collapseFactor}) {
      if (!(m >= 0 && m < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("checkpointMinutes, minutes and collapseFactor must be finite and >= 0");
      }
    }
  }

  /** {@code epochs} epochs, a row and a checkpoint at each epoch end, no time limit, collapse factor 2. */
  public static LoopConfig epochs(int epochs) {
    return new LoopConfig(epochs, 0, 0, true, false, 0, 0, 0, 2.0);
  }

  /** {@code steps} plain steps, a row only at the end (set {@link #withEvalEvery}), collapse factor 2. */
  public static LoopConfig steps(long steps) {
    return new LoopConfig(0, steps, 0, false, false, 0, 0, 0, 2.0);
  }

  /** This config with run length (plain steps) or cap on the total (epochs) {@code n} steps (0: no cap). */
  public LoopConfig withSteps(long n) {
    return new LoopConfig(epochs, n, evalEvery, evalAtEpochEnd, evalAtStart, checkpointEvery, checkpointMinutes,
        minutes, collapseFactor);
  }

  /** This config with a row every {@code n} steps. */
  public LoopConfig withEvalEvery(long n) {
    return new LoopConfig(epochs, steps, n, evalAtEpochEnd, evalAtStart, checkpointEvery, checkpointMinutes, minutes,
        collapseFactor);
  }

  /** This config with or without a row at each epoch end. */
  public LoopConfig withEvalAtEpochEnd(boolean on) {
    return new LoopConfig(epochs, steps, evalEvery, on, evalAtStart, checkpointEvery, checkpointMinutes, minutes,
        collapseFactor);
  }

  /** This config with or without a row at step 0. */
  public LoopConfig withEvalAtStart(boolean on) {
    return new LoopConfig(epochs, steps, evalEvery, evalAtEpochEnd, on, checkpointEvery, checkpointMinutes, minutes,
        collapseFactor);
  }

  /** This config with a checkpoint every {@code n} steps. */
  public LoopConfig withCheckpointEvery(long n) {
    return new LoopConfig(epochs, steps, evalEvery, evalAtEpochEnd, evalAtStart, n, checkpointMinutes, minutes,
        collapseFactor);
  }

  /** This config with a checkpoint every {@code m} minutes of training. */
  public LoopConfig withCheckpointMinutes(double m) {
    return new LoopConfig(epochs, steps, evalEvery, evalAtEpochEnd, evalAtStart, checkpointEvery, m, minutes,
        collapseFactor);
  }

  /** This config with a time limit of {@code m} minutes (0 = none). */
  public LoopConfig withMinutes(double m) {
    return new LoopConfig(epochs, steps, evalEvery, evalAtEpochEnd, evalAtStart, checkpointEvery, checkpointMinutes, m,
        collapseFactor);
  }

  /** This config with another collapse factor. */
  public LoopConfig withCollapseFactor(double f) {
    return new LoopConfig(epochs, steps, evalEvery, evalAtEpochEnd, evalAtStart, checkpointEvery, checkpointMinutes,
        minutes, f);
  }

  /**
   * The run length in steps for a family with {@code stepsPerEpoch} steps per epoch (0 = plain steps).
   *
   * @throws IllegalArgumentException if the length the family needs (epochs or steps) is 0
   */
  public long totalSteps(long stepsPerEpoch) {
    if (stepsPerEpoch < 0) throw new IllegalArgumentException("steps per epoch must be >= 0, got " + stepsPerEpoch);
    if (stepsPerEpoch == 0) {
      if (steps < 1) throw new IllegalArgumentException("a run in plain steps needs steps >= 1");
      return steps;
    }
    if (epochs < 1) throw new IllegalArgumentException("a run in epochs needs epochs >= 1");
    long all = Math.multiplyExact(stepsPerEpoch, (long) epochs);
    return steps > 0 ? Math.min(all, steps) : all;
  }
}
