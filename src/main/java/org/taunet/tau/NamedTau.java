package org.taunet.tau;

import java.util.random.RandomGenerator;

/**
 * A distribution known by a name: a condition name (the RNN study's {@code bimodal}, {@link TauConditions}) or the spec
 * as the user wrote it ({@link TauSpec#of}). It samples as {@code distribution} and its spec is the name, so a run's
 * config.json and every table keep it.
 *
 * @param name the condition name or the spec as written
 * @param distribution what it stands for
 */
public record NamedTau(String name, TauDistribution distribution) implements TauDistribution {
  @Override public double sample(RandomGenerator rng) { return distribution.sample(rng); }
  @Override public float[] sample(int n, RandomGenerator rng) { return distribution.sample(n, rng); }
  @Override public double mean() { return distribution.mean(); }
  @Override public double variance() { return distribution.variance(); }
  @Override public String spec() { return name; }
}
