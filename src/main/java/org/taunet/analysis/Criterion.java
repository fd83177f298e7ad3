package org.taunet.analysis;

/** Training efficiency: when a learning curve first reaches a criterion. */
public final class Criterion {
  private Criterion() {}

  /** The first step whose accuracy reaches {@code criterion}, or -1 if none does (steps and acc in step order). */
  public static int stepsTo(int[] steps, double[] acc, double criterion) {
    for (int i = 0; i < steps.length; i++) if (acc[i] >= criterion) return steps[i];
    return -1;
  }
}
