package org.taunet.tau;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.random.RandomGenerator;

/**
 * A distribution of per-neuron time constants (or time steps) shared by every model family:
 * each neuron draws one value once, at construction, and keeps it.
 *
 * <p>Every implementation draws only finite values inside the positive normal floats
 * [{@link #SUPPORT_MIN}, {@link #SUPPORT_MAX}], so the {@code float} values of {@link #sample(int,
 * RandomGenerator)} are never 0, subnormal or infinite. Distributions whose natural support is
 * unbounded (normal, lognormal, gamma) are truncated to that range, and their {@link #mean()} and
 * {@link #variance()} are those of the distribution actually sampled. Rounding to {@code float} is
 * monotone, so float samples of a distribution bounded to [lo, hi] lie in [(float) lo, (float) hi].
 *
 * <p>Implementations are immutable records; {@link TauSpec#parse} builds them from compact strings and
 * {@code TauSpec.parse(d.spec())} gives back an equal distribution.
 *
 * <p>In JSON (a run's config.json) a distribution is its spec string ({@link TauJson}), so a configuration record
 * holds the parsed distribution and the spec is parsed once, when the configuration is built. What the values mean is
 * the family's: EP time steps dt_i (dimensionless, in units of the relaxation step), RNN time constants tau_i in
 * seconds, ELM memory time constants tau_m in ms (spike tasks) or steps (text).
 */
@JsonDeserialize(using = TauJson.class)
public interface TauDistribution {
  /** Smallest value any distribution produces: the smallest positive normal float, 2^-126. */
  double SUPPORT_MIN = Float.MIN_NORMAL;

  /** Largest value any distribution produces: the largest finite float. */
  double SUPPORT_MAX = Float.MAX_VALUE;

  /** One draw. */
  double sample(RandomGenerator rng);

  /** n draws, one per neuron, in neuron order. */
  default float[] sample(int n, RandomGenerator rng) {
    if (n < 0) throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = (float) sample(rng);
    return out;
  }

  /** Theoretical mean (of the truncated distribution where bounded); NaN if not known in closed form. */
  double mean();

  /** Theoretical variance; NaN if not known in closed form. */
  double variance();

  /** Canonical spec string that {@link TauSpec#parse} turns back into an equal distribution. */
  @JsonValue
  String spec();
}
