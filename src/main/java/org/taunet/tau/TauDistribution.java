package org.taunet.tau;

import java.util.random.RandomGenerator;

/**
 * A distribution of per-neuron time constants (or time steps) shared by every model family:
 * each neuron draws one value once, at construction, and keeps it.
 */
public interface TauDistribution {
  /** One draw. */
  double sample(RandomGenerator rng);

  /** n draws, one per neuron, in neuron order. */
  default float[] sample(int n, RandomGenerator rng) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = (float) sample(rng);
    return out;
  }

  /** Theoretical mean (of the truncated distribution where bounded); NaN if not known in closed form. */
  double mean();

  /** Theoretical variance; NaN if not known in closed form. */
  double variance();

  /** Canonical spec string that {@link TauSpec#parse} turns back into an equal distribution. */
  String spec();
}
