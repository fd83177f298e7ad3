package org.taunet.train;

/**
 * The training steps since the last metrics row (or since the start), as the {@link TrainLoop} accumulates them
 * from {@link StepResult}s. A resumed run continues the window it was checkpointed in, so the rows of a resumed run
 * equal those of an uninterrupted one.
 *
 * @param steps optimizer steps in the window
 * @param count items (sum of {@link StepResult#count})
 * @param lossSum sum of {@link StepResult#loss}
 * @param correct sum of {@link StepResult#correct}
 * @param stepSeconds wall-clock seconds spent inside the steps (not in evaluations or checkpoints): timing, not
 *     reproducible
 */
public record Window(long steps, long count, double lossSum, double correct, double stepSeconds) {
  /** The empty window. */
  public static final Window EMPTY = new Window(0, 0, 0, 0, 0);

  /** Mean loss per item, lossSum / count; NaN for an empty window. */
  public double meanLoss() {
    return count == 0 ? Double.NaN : lossSum / count;
  }

  /** Fraction of items classified correctly, correct / count; NaN for an empty window. */
  public double accuracy() {
    return count == 0 ? Double.NaN : correct / count;
  }

  /** Items per second of step time, count / stepSeconds (timing); NaN when no time was measured. */
  public double perSecond() {
    return stepSeconds > 0 ? count / stepSeconds : Double.NaN;
  }

  /** This window with one more step. */
  Window plus(StepResult r, double seconds) {
    return new Window(steps + 1, count + r.count(), lossSum + r.loss(), correct + r.correct(), stepSeconds + seconds);
  }
}
