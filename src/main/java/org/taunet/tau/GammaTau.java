package org.taunet.tau;

import static org.taunet.tau.SpecialFunctions.gammaMass;

import java.util.random.RandomGenerator;

/**
 * Gamma distribution with shape k and scale theta = m / k, where m is the mean of the untruncated
 * gamma; optionally truncated to [min, max]. Spec: {@code gamma:mean=0.5,k=3[,min=..][,max=..]}.
 *
 * <p><b>Density.</b> f(x) = x^(k-1) e^(-x/theta) / (Gamma(k) theta^k Z) on [lo, hi], with
 * lo = max(min, SUPPORT_MIN), hi = min(max, SUPPORT_MAX) and Z = P(k, hi/theta) - P(k, lo/theta),
 * P the regularized lower incomplete gamma function (Z = 1 up to rounding when untruncated).
 *
 * <p><b>Moments</b> (exact, truncation included): with D_j = P(k + j, hi/theta) - P(k + j, lo/theta),
 * E[X] = k theta D_1 / D_0 and E[X^2] = k (k + 1) theta^2 D_2 / D_0; untruncated E[X] = k theta = m
 * and Var[X] = k theta^2 = m^2 / k.
 *
 * <p><b>Sampling.</b> Marsaglia and Tsang (2000): for k &gt;= 1, d = k - 1/3, c = 1/sqrt(9d), draw
 * z ~ N(0,1), v = (1 + c z)^3 and accept d v when v &gt; 0 and ln U &lt; z^2/2 + d - d v + d ln v
 * (with the squeeze U &lt; 1 - 0.0331 z^4 first). For k &lt; 1, draw G ~ Gamma(k + 1) and return
 * G U^(1/k) (computed in log space). Draws outside [lo, hi] are rejected and redrawn; the constructor
 * requires Z &gt;= {@link #MIN_ACCEPTANCE} so that this terminates quickly.
 *
 * @param parentMean mean m of the untruncated gamma (finite, &gt; 0)
 * @param k shape, 0 &lt; k &lt;= {@link #MAX_K}
 * @param min lower truncation bound; 0 for none
 * @param max upper truncation bound; +Infinity for none
 */
public record GammaTau(double parentMean, double k, double min, double max) implements TauDistribution {
  /** Smallest accepted probability of [min, max] under the untruncated gamma. */
  public static final double MIN_ACCEPTANCE = 1e-3;

  /** Largest accepted shape (sd/mean = 0.001); beyond it the incomplete gamma series converge slowly. */
  public static final double MAX_K = 1e6;

  /** Validates the parameters and that [min, max] has enough probability; IllegalArgumentException naming the parameter and value otherwise. */
  public GammaTau {
    Params.positive("gamma", "mean", parentMean);
    Params.positive("gamma", "k", k);
    if (k > MAX_K) throw Params.bad("gamma", "k", k, "must be <= " + Params.fmt(MAX_K));
    if (!(parentMean / k > 0)) throw Params.bad("gamma", "scale mean/k", parentMean / k, "must be > 0");
    Params.lowerBound("gamma", min);
    Params.upperBound("gamma", min, max);
    double z = mass(k, parentMean / k, min, max, 0);
    if (!(z >= MIN_ACCEPTANCE)) {
      throw new IllegalArgumentException("gamma: [min, max] = [" + Params.fmt(min) + ", " + Params.fmt(max)
          + "] has probability " + z + " under gamma(mean=" + Params.fmt(parentMean) + ", k=" + Params.fmt(k)
          + "); rejection sampling needs at least " + MIN_ACCEPTANCE);
    }
  }

  /** The untruncated gamma with mean m and shape k. */
  public GammaTau(double parentMean, double k) {
    this(parentMean, k, 0, Double.POSITIVE_INFINITY);
  }

  /** theta = parentMean / k. */
  public double scale() {
    return parentMean / k;
  }

  private static double mass(double k, double theta, double min, double max, int j) {
    return gammaMass(k + j, Params.effectiveLo(min) / theta, Params.effectiveHi(max) / theta);
  }

  @Override
  public double sample(RandomGenerator rng) {
    double theta = scale();
    double lo = Params.effectiveLo(min);
    double hi = Params.effectiveHi(max);
    while (true) {
      double x = theta * standardGamma(k, rng);
      if (x >= lo && x <= hi) return x;
    }
  }

  /** One draw from Gamma(shape, 1). */
  static double standardGamma(double shape, RandomGenerator rng) {
    if (shape < 1) {
      double g = standardGamma(shape + 1, rng);
      return Math.exp(Math.log(g) + Math.log(rng.nextDouble()) / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double z = rng.nextGaussian();
      double t = 1.0 + c * z;
      if (t <= 0) continue;
      double v = t * t * t;
      double u = rng.nextDouble();
      double z2 = z * z;
      if (u < 1.0 - 0.0331 * z2 * z2) return d * v;
      if (Math.log(u) < 0.5 * z2 + d * (1.0 - v + Math.log(v))) return d * v;
    }
  }

  @Override
  public double mean() {
    double theta = scale();
    double d0 = mass(k, theta, min, max, 0);
    double d1 = mass(k, theta, min, max, 1);
    return d0 == 1.0 && d1 == 1.0 ? parentMean : k * theta * d1 / d0;
  }

  @Override
  public double variance() {
    double theta = scale();
    double d0 = mass(k, theta, min, max, 0);
    double d1 = mass(k, theta, min, max, 1);
    double d2 = mass(k, theta, min, max, 2);
    if (d0 == 1.0 && d1 == 1.0 && d2 == 1.0) return k * theta * theta;
    double m1 = k * theta * d1 / d0;
    return k * (k + 1) * theta * theta * d2 / d0 - m1 * m1;
  }

  @Override
  public String spec() {
    return "gamma:mean=" + Params.fmt(parentMean) + ",k=" + Params.fmt(k) + Params.bounds(min, max);
  }
}
