package org.taunet.tau;

import java.util.random.RandomGenerator;

/**
 * Two values: a with probability p, b with probability 1 - p. Spec: {@code bimodal:0.25,0.75}
 * (p = 0.5), {@code bimodal:0.5,1.5,p=0.3}, {@code bimodal:0.5,1.5,exact=true}.
 *
 * <p>Density: p delta(x - a) + (1 - p) delta(x - b); E[X] = p a + (1 - p) b,
 * Var[X] = p (1 - p) (a - b)^2.
 *
 * <p><b>Exact proportions.</b> With {@code exact=true}, {@link #sample(int, RandomGenerator)} gives
 * exactly round(p n) neurons (half-up, {@link Math#round(double)}) the value a and the rest b, then
 * shuffles them (Fisher-Yates with the given generator), so e.g. half the units are fast and half
 * slow in every network, not just on average. The moments above are then those of the population
 * up to the rounding of p n; single draws ({@link #sample(RandomGenerator)}) stay Bernoulli(p).
 *
 * @param a first value, in [SUPPORT_MIN, SUPPORT_MAX]
 * @param b second value, in [SUPPORT_MIN, SUPPORT_MAX]
 * @param p probability (weight) of a, in [0, 1]
 * @param exact whether {@code sample(n, rng)} assigns exact proportions
 */
public record BimodalTau(double a, double b, double p, boolean exact) implements TauDistribution {
  /** Validates a, b and p; IllegalArgumentException naming the parameter and value otherwise. */
  public BimodalTau {
    Params.inSupport("bimodal", "a", a);
    Params.inSupport("bimodal", "b", b);
    if (!(p >= 0 && p <= 1)) throw Params.bad("bimodal", "p", p, "must be in [0, 1]");
  }

  /** Equal weights, independent draws. */
  public BimodalTau(double a, double b) {
    this(a, b, 0.5, false);
  }

  @Override
  public double sample(RandomGenerator rng) {
    return rng.nextDouble() < p ? a : b;
  }

  @Override
  public float[] sample(int n, RandomGenerator rng) {
    if (!exact) return TauDistribution.super.sample(n, rng);
    if (n < 0) throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
    int first = (int) Math.round(p * n);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = (float) (i < first ? a : b);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  @Override
  public double mean() {
    return p * a + (1 - p) * b;
  }

  @Override
  public double variance() {
    double d = a - b;
    return p * (1 - p) * d * d;
  }

  @Override
  public String spec() {
    return "bimodal:" + Params.fmt(a) + "," + Params.fmt(b) + ",p=" + Params.fmt(p) + (exact ? ",exact=true" : "");
  }
}
