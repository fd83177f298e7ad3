package org.taunet.tau;

import static org.taunet.tau.SpecialFunctions.normalPdf;

import java.util.random.RandomGenerator;

/**
 * Normal distribution N(mu, sigma^2) truncated to [min, max]. Spec:
 * {@code normal:mean=0.5,sd=0.1,min=0.05,max=1}; {@code mean} and {@code sd} are mu and sigma of the
 * parent normal, not the moments of the truncated one.
 *
 * <p><b>Bounds.</b> A time constant must be positive and a normal puts mass at and below 0, so the
 * lower bound is always set: {@code min} is optional in the spec and defaults to
 * {@link #DEFAULT_MIN} = 0.001. {@code max} is optional (none by default, i.e. the support ceiling
 * {@link TauDistribution#SUPPORT_MAX}).
 *
 * <p><b>Density.</b> With alpha = (lo - mu)/sigma, beta = (hi - mu)/sigma, Z = Phi(beta) - Phi(alpha):
 * f(x) = phi((x - mu)/sigma) / (sigma Z) for lo &lt;= x &lt;= hi.
 *
 * <p><b>Moments.</b> E[X] = mu + sigma (phi(alpha) - phi(beta)) / Z and
 * Var[X] = sigma^2 [1 + (alpha phi(alpha) - beta phi(beta)) / Z - ((phi(alpha) - phi(beta)) / Z)^2].
 *
 * <p><b>Sampling.</b> Rejection from the parent while Z &gt;= 0.1, else inverse CDF (see
 * {@link NormalSampler}).
 *
 * @param mu mean of the parent normal (finite)
 * @param sigma standard deviation of the parent normal (finite, &gt; 0)
 * @param min lower truncation bound, in [SUPPORT_MIN, SUPPORT_MAX]
 * @param max upper truncation bound, &gt; min; +Infinity for none
 */
public record NormalTau(double mu, double sigma, double min, double max) implements TauDistribution {
  /** The lower bound used when the spec gives none. */
  public static final double DEFAULT_MIN = 1e-3;

  /** Validates the parameters and that [min, max] has representable probability; IllegalArgumentException naming the parameter and value otherwise. */
  public NormalTau {
    Params.finite("normal", "mean", mu);
    Params.positive("normal", "sd", sigma);
    Params.inSupport("normal", "min", min);
    Params.upperBound("normal", min, max);
    if (!(sampler(mu, sigma, min, max).mass() > 0)) {
      throw new IllegalArgumentException("normal: [min, max] = [" + Params.fmt(min) + ", " + Params.fmt(max)
          + "] lies so far in the tail of N(" + Params.fmt(mu) + ", " + Params.fmt(sigma)
          + "^2) that its probability underflows; move the bounds or the mean");
    }
  }

  /** N(mu, sigma^2) truncated to [{@link #DEFAULT_MIN}, +Infinity). */
  public NormalTau(double mu, double sigma) {
    this(mu, sigma, DEFAULT_MIN, Double.POSITIVE_INFINITY);
  }

  private NormalSampler sampler() {
    return sampler(mu, sigma, min, max);
  }

  private static NormalSampler sampler(double mu, double sigma, double min, double max) {
    return NormalSampler.of(mu, sigma, min, Params.effectiveHi(max));
  }

  @Override
  public double sample(RandomGenerator rng) {
    return sampler().next(rng);
  }

  @Override
  public float[] sample(int n, RandomGenerator rng) {
    if (n < 0) throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
    NormalSampler s = sampler();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = (float) s.next(rng);
    return out;
  }

  @Override
  public double mean() {
    NormalSampler s = sampler();
    return mu + sigma * (normalPdf(s.alpha()) - normalPdf(s.beta())) / s.mass();
  }

  @Override
  public double variance() {
    NormalSampler s = sampler();
    double pa = normalPdf(s.alpha());
    double pb = normalPdf(s.beta());
    double ratio = (pa - pb) / s.mass();
    double tails = (pa == 0 ? 0 : s.alpha() * pa) - (pb == 0 ? 0 : s.beta() * pb);
    return sigma * sigma * (1.0 + tails / s.mass() - ratio * ratio);
  }

  @Override
  public String spec() {
    return "normal:mean=" + Params.fmt(mu) + ",sd=" + Params.fmt(sigma) + Params.bounds(min, max);
  }
}
