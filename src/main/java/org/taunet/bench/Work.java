package org.taunet.bench;

/**
 * The arithmetic of one training run, for a cost estimate before it starts: its total FLOPs (training plus the
 * evaluations it schedules, dense-equivalent, counted as in {@code taunet bench}) and the FLOPs of one of its
 * training steps, which sets the rate the step runs at ({@link CostModel}).
 *
 * @param flops the run's total arithmetic, FLOP
 * @param flopsPerStep one training step's (one minibatch's) arithmetic, FLOP
 * @param what how it was counted (e.g. "EP 784-500-10, 5000 steps")
 */
public record Work(double flops, double flopsPerStep, String what) {
  /** No estimate (a command taunet cannot count). */
  public static Work unknown(String why) {
    return new Work(Double.NaN, Double.NaN, why);
  }

  /** Whether the run could be counted. */
  public boolean known() {
    return Double.isFinite(flops) && Double.isFinite(flopsPerStep) && flopsPerStep > 0;
  }
}
