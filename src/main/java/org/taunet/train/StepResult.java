package org.taunet.train;

/**
 * What one optimizer step of a {@link Trainable} reports to the {@link TrainLoop}.
 *
 * @param loss the loss summed over the {@code count} items of the step (nats for cross-entropy); the loop's running
 *     mean is sum(loss) / sum(count)
 * @param correct correctly classified items among {@code count} (0 when the family has no accuracy)
 * @param count items the loss and accuracy are over (examples, trials, predicted bytes), &gt;= 0; also the numerator
 *     of the throughput column
 * @param gradNorm the global gradient norm {@link Optimizer#step} returned (0 for a step without an optimizer)
 * @param skipped whether the optimizer skipped this update because the norm was not finite
 *     ({@link Optimizer.NonFinite#SKIP}); a skipped step does not end the run, an applied non-finite one does
 */
public record StepResult(double loss, double correct, long count, double gradNorm, boolean skipped) {
  /** Validates {@code count}. */
  public StepResult {
    if (count < 0) throw new IllegalArgumentException("a step counts >= 0 items, got " + count);
  }

  /** A step whose update was applied. */
  public static StepResult of(double loss, double correct, long count, double gradNorm) {
    return new StepResult(loss, correct, count, gradNorm, false);
  }

  /**
   * Whether this step diverged: its loss is NaN or infinite, or a NaN or infinite gradient norm was applied to the
   * parameters (not skipped).
   */
  public boolean diverged() {
    return !Double.isFinite(loss) || !skipped && !Double.isFinite(gradNorm);
  }
}
