package org.taunet.analysis;

/** Training efficiency: when a learning curve first reaches a criterion, and the area under a curve. */
public final class Criterion {
  private Criterion() {}

  /** The first step whose accuracy reaches {@code criterion}, or -1 if none does (steps and acc in step order). */
  public static int stepsTo(int[] steps, double[] acc, double criterion) {
    for (int i = 0; i < steps.length; i++) if (acc[i] >= criterion) return steps[i];
    return -1;
  }

  /**
   * The area under a curve y(step) by the trapezoid rule, sum over i of (s_{i+1} - s_i) (y_i + y_{i+1}) / 2, in units
   * of y times steps (0 for fewer than two points; NaN if a value is not finite). Divided by the step span it is the
   * curve's mean over training: a learning-speed measure that does not depend on a criterion.
   */
  public static double area(int[] steps, double[] y) {
    if (steps.length != y.length) throw new IllegalArgumentException("steps and values differ in length");
    double a = 0;
    for (int i = 0; i + 1 < steps.length; i++) a += (steps[i + 1] - steps[i]) * (y[i] + y[i + 1]) / 2;
    return a;
  }
}
