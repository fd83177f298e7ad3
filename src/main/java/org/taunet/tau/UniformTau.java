package org.taunet.tau;

import java.util.random.RandomGenerator;

/**
 * Uniform distribution on [min, max). Spec: {@code uniform:0.1,1.9} or {@code uniform:min=0.1,max=1.9}.
 * Density f(x) = 1/(max - min) on [min, max); E[X] = (min + max)/2, Var[X] = (max - min)^2 / 12.
 *
 * @param min lower end, in [SUPPORT_MIN, SUPPORT_MAX]
 * @param max upper end, &gt; min and &lt;= SUPPORT_MAX
 */
public record UniformTau(double min, double max) implements TauDistribution {
  /** Validates the bounds; IllegalArgumentException naming the parameter and value otherwise. */
  public UniformTau {
    Params.inSupport("uniform", "min", min);
    Params.inSupport("uniform", "max", max);
    if (!(max > min)) throw Params.bad("uniform", "max", max, "must be > min = " + Params.fmt(min));
  }

  @Override
  public double sample(RandomGenerator rng) {
    return rng.nextDouble(min, max);
  }

  @Override
  public double mean() {
    return 0.5 * min + 0.5 * max;
  }

  @Override
  public double variance() {
    double w = max - min;
    return w * w / 12.0;
  }

  @Override
  public String spec() {
    return "uniform:min=" + Params.fmt(min) + ",max=" + Params.fmt(max);
  }
}
