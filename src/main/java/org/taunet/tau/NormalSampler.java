package org.taunet.tau;

import java.util.random.RandomGenerator;

/**
 * Draws from N(mu, sigma^2) truncated to [lo, hi]: by rejection from the untruncated normal while the
 * acceptance probability is at least {@link #REJECTION_MIN_MASS}, else by the inverse CDF,
 * z = Phi^-1(U) with U uniform on [Phi(alpha), Phi(beta)] (on the upper tail, U uniform on
 * [Q(beta), Q(alpha)] and z = -Phi^-1(U), so far tails keep their precision).
 */
record NormalSampler(double mu, double sigma, double lo, double hi, double alpha, double beta,
                     double mass) {
  /** Rejection is used while at least this fraction of untruncated draws is accepted. */
  static final double REJECTION_MIN_MASS = 0.1;

  static NormalSampler of(double mu, double sigma, double lo, double hi) {
    double alpha = (lo - mu) / sigma;
    double beta = (hi - mu) / sigma;
    return new NormalSampler(mu, sigma, lo, hi, alpha, beta, SpecialFunctions.normalMass(alpha, beta));
  }

  double next(RandomGenerator rng) {
    if (mass >= REJECTION_MIN_MASS) {
      while (true) {
        double x = mu + sigma * rng.nextGaussian();
        if (x >= lo && x <= hi) return x;
      }
    }
    double v = 1.0 - rng.nextDouble(); // in (0, 1]
    double z;
    if (alpha > 0) {
      double qa = SpecialFunctions.normalUpperTail(alpha);
      double qb = SpecialFunctions.normalUpperTail(beta);
      z = -SpecialFunctions.normalQuantile(qb + (qa - qb) * v);
    } else {
      double pa = SpecialFunctions.normalCdf(alpha);
      double pb = SpecialFunctions.normalCdf(beta);
      z = SpecialFunctions.normalQuantile(pb - (pb - pa) * v);
    }
    return Math.min(hi, Math.max(lo, mu + sigma * z)); // clamp rounding at the bounds
  }
}
