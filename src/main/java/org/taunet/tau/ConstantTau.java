package org.taunet.tau;

import java.util.random.RandomGenerator;

/**
 * Every neuron gets the same value: the scalar baseline. Spec: {@code constant:0.5} or a bare
 * number {@code 0.5}. Density: a point mass at v; mean v, variance 0. Draws consume no randomness.
 *
 * @param value the time constant, in [SUPPORT_MIN, SUPPORT_MAX]
 */
public record ConstantTau(double value) implements TauDistribution {
  /** Validates the value; IllegalArgumentException naming the parameter and value otherwise. */
  public ConstantTau {
    Params.inSupport("constant", "value", value);
  }

  @Override
  public double sample(RandomGenerator rng) {
    return value;
  }

  @Override
  public double mean() {
    return value;
  }

  @Override
  public double variance() {
    return 0.0;
  }

  @Override
  public String spec() {
    return "constant:" + Params.fmt(value);
  }
}
