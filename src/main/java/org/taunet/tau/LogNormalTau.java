package org.taunet.tau;

import static org.taunet.tau.SpecialFunctions.normalMass;

import java.util.random.RandomGenerator;

/**
 * Lognormal distribution: X = e^Y with Y ~ N(mu, sigma^2), optionally truncated to [min, max].
 *
 * <p><b>Spec.</b> Either by the lognormal's own arithmetic mean m and standard deviation s,
 * {@code lognormal:mean=0.5,sd=0.2}, converted as sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2;
 * or by the parameters of the underlying normal, {@code lognormal:mu=-0.77,sigma=0.39}. Optional
 * {@code min=} and {@code max=} truncate. mean/sd always describe the untruncated lognormal. The
 * record stores mu and sigma; {@link #spec()} writes the mean/sd form whenever it converts back to
 * exactly the same mu and sigma, else the mu/sigma form.
 *
 * <p><b>Density.</b> f(x) = phi((ln x - mu)/sigma) / (x sigma Z) on [lo, hi], where
 * lo = max(min, SUPPORT_MIN), hi = min(max, SUPPORT_MAX), alpha = (ln lo - mu)/sigma,
 * beta = (ln hi - mu)/sigma and Z = Phi(beta) - Phi(alpha) (Z = 1 up to rounding when untruncated).
 *
 * <p><b>Moments</b> (exact, truncation included): E[X^j] = e^(j mu + j^2 sigma^2/2)
 * (Phi(beta - j sigma) - Phi(alpha - j sigma)) / Z, so untruncated E[X] = e^(mu + sigma^2/2) and
 * Var[X] = E[X]^2 (e^(sigma^2) - 1).
 *
 * <p><b>Sampling.</b> e^Y with Y drawn from N(mu, sigma^2) truncated to [ln lo, ln hi]
 * ({@link NormalSampler}), so strong truncation costs nothing extra.
 *
 * @param mu mean of ln X (finite)
 * @param sigma standard deviation of ln X (finite, &gt; 0)
 * @param min lower truncation bound; 0 for none
 * @param max upper truncation bound; +Infinity for none
 */
public record LogNormalTau(double mu, double sigma, double min, double max) implements TauDistribution {
  /** Validates the parameters and that [min, max] has representable probability; IllegalArgumentException naming the parameter and value otherwise. */
  public LogNormalTau {
    Params.finite("lognormal", "mu", mu);
    Params.positive("lognormal", "sigma", sigma);
    Params.lowerBound("lognormal", min);
    Params.upperBound("lognormal", min, max);
    if (!(sampler(mu, sigma, min, max).mass() > 0)) {
      throw new IllegalArgumentException("lognormal: [min, max] = [" + Params.fmt(min) + ", " + Params.fmt(max)
          + "] has no representable probability under mu=" + Params.fmt(mu) + ", sigma=" + Params.fmt(sigma));
    }
  }

  /** The untruncated lognormal with the given arithmetic mean and standard deviation. */
  public static LogNormalTau ofMeanSd(double mean, double sd) {
    return ofMeanSd(mean, sd, 0, Double.POSITIVE_INFINITY);
  }

  /** The lognormal with the given (untruncated) arithmetic mean and sd, truncated to [min, max]. */
  public static LogNormalTau ofMeanSd(double mean, double sd, double min, double max) {
    Params.positive("lognormal", "mean", mean);
    Params.positive("lognormal", "sd", sd);
    double cv = sd / mean;
    double s2 = Math.log1p(cv * cv);
    return new LogNormalTau(Math.log(mean) - 0.5 * s2, Math.sqrt(s2), min, max);
  }

  /** Mean of the untruncated lognormal, e^(mu + sigma^2/2). */
  public double parentMean() {
    return Math.exp(mu + 0.5 * sigma * sigma);
  }

  /** Standard deviation of the untruncated lognormal, E[X] sqrt(e^(sigma^2) - 1). */
  public double parentSd() {
    return parentMean() * Math.sqrt(Math.expm1(sigma * sigma));
  }

  private NormalSampler sampler() {
    return sampler(mu, sigma, min, max);
  }

  private static NormalSampler sampler(double mu, double sigma, double min, double max) {
    return NormalSampler.of(mu, sigma, Math.log(Params.effectiveLo(min)), Math.log(Params.effectiveHi(max)));
  }

  private double lo() {
    return Params.effectiveLo(min);
  }

  private double hi() {
    return Params.effectiveHi(max);
  }

  @Override
  public double sample(RandomGenerator rng) {
    return Math.min(hi(), Math.max(lo(), Math.exp(sampler().next(rng))));
  }

  @Override
  public float[] sample(int n, RandomGenerator rng) {
    if (n < 0) throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
    NormalSampler s = sampler();
    double lo = lo();
    double hi = hi();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = (float) Math.min(hi, Math.max(lo, Math.exp(s.next(rng))));
    return out;
  }

  /** E[X^j] / e^(j mu + j^2 sigma^2 / 2): the truncation factor of the j-th raw moment. */
  private double truncationFactor(NormalSampler s, int j) {
    return normalMass(s.alpha() - j * sigma, s.beta() - j * sigma) / s.mass();
  }

  /** E[X^j] in log space, e^(j mu + j^2 sigma^2/2 + ln r_j), so wide sigma under a max cannot overflow. */
  private double rawMoment(NormalSampler s, int j) {
    return Math.exp(j * mu + 0.5 * j * j * sigma * sigma + Math.log(truncationFactor(s, j)));
  }

  @Override
  public double mean() {
    return rawMoment(sampler(), 1);
  }

  @Override
  public double variance() {
    NormalSampler s = sampler();
    if (truncationFactor(s, 1) == 1.0 && truncationFactor(s, 2) == 1.0) {
      double m = parentMean();
      return m * m * Math.expm1(sigma * sigma);
    }
    double m1 = rawMoment(s, 1);
    return rawMoment(s, 2) - m1 * m1;
  }

  @Override
  public String spec() {
    double mean = parentMean();
    double sd = parentSd();
    LogNormalTau back = null;
    try {
      back = ofMeanSd(mean, sd, min, max);
    } catch (IllegalArgumentException notRepresentable) {
      // fall through to the mu/sigma form
    }
    String head = equals(back)
        ? "lognormal:mean=" + Params.fmt(mean) + ",sd=" + Params.fmt(sd)
        : "lognormal:mu=" + Params.fmt(mu) + ",sigma=" + Params.fmt(sigma);
    return head + Params.bounds(min, max);
  }
}
