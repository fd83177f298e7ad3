package org.taunet.tau;

import java.util.random.RandomGenerator;

/**
 * Log-uniform time constants on [min, max]: the ELM neuron's tau_m, which Spieler et al. (2024) space
 * logarithmically over [tau_min, tau_max] across each neuron's memory units. Spec: {@code logspaced:1,1000} or
 * {@code logspaced:min=1,max=1000}.
 *
 * <p>{@link #grid(int)} gives the deterministic spacing (what ELM assigns to the k_e memory units of every neuron);
 * {@link #sample(RandomGenerator)} draws from the same law, density f(x) = 1 / (x ln(max/min)) on [min, max],
 * E[X] = (max - min) / ln(max/min), E[X^2] = (max^2 - min^2) / (2 ln(max/min)).
 *
 * @param min lower end, in [SUPPORT_MIN, SUPPORT_MAX]
 * @param max upper end, &gt; min and &lt;= SUPPORT_MAX
 */
public record LogSpacedTau(double min, double max) implements TauDistribution {
  /** Validates the bounds; IllegalArgumentException naming the parameter and value otherwise. */
  public LogSpacedTau {
    Params.inSupport("logspaced", "min", min);
    Params.inSupport("logspaced", "max", max);
    if (!(max > min)) throw Params.bad("logspaced", "max", max, "must be > min = " + Params.fmt(min));
  }

  /**
   * {@code n} values exp(ln min + f_c (ln max - ln min)) with f_c = c / (n - 1), c = 0..n-1 (f = 1/2 for n = 1, the
   * geometric mean), in increasing order.
   */
  public float[] grid(int n) {
    if (n < 1) throw new IllegalArgumentException("grid needs n >= 1, got " + n);
    float[] out = new float[n];
    double lo = Math.log(min);
    double hi = Math.log(max);
    for (int c = 0; c < n; c++) {
      double f = n == 1 ? 0.5 : (double) c / (n - 1);
      out[c] = (float) Math.exp(lo + f * (hi - lo));
    }
    return out;
  }

  @Override
  public double sample(RandomGenerator rng) {
    return Math.max(min, Math.min(max, Math.exp(rng.nextDouble(Math.log(min), Math.log(max)))));
  }

  @Override
  public double mean() {
    return (max - min) / Math.log(max / min);
  }

  @Override
  public double variance() {
    double m = mean();
    return (max * max - min * min) / (2 * Math.log(max / min)) - m * m;
  }

  @Override
  public String spec() {
    return "logspaced:min=" + Params.fmt(min) + ",max=" + Params.fmt(max);
  }
}
