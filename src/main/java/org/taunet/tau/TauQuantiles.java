package org.taunet.tau;

import static org.taunet.tau.SpecialFunctions.gammaMass;
import static org.taunet.tau.SpecialFunctions.normalMass;

/**
 * Distribution functions and quantiles of the {@link TauDistribution}s, truncation included, for the controls of the HTS
 * stability study: "scalar dt at the HTS condition's median" ({@code quantile(d, 0.5)}) and "at its largest dt"
 * ({@link #largestOf}: the median of the largest of n draws, n = the network's neurons).
 *
 * <p>F(x) per family (lo, hi the effective truncation bounds, Z the mass of [lo, hi]; see each record's Javadoc):
 * constant: [x &gt;= v]; normal: P(alpha &lt;= Z &lt;= (x - mu)/sigma) / Z; lognormal: the same on ln x; gamma:
 * (P(k, x/theta) - P(k, lo/theta)) / Z; uniform: (x - min) / (max - min); logspaced: ln(x/min) / ln(max/min); bimodal:
 * the weights of the values &lt;= x; file: the fraction of the values &lt;= x. A {@link NamedTau} is its distribution's.
 */
public final class TauQuantiles {
  private TauQuantiles() {}

  /** F(x) = P(X &lt;= x). */
  public static double cdf(TauDistribution d, double x) {
    if (d instanceof NamedTau n) return cdf(n.distribution(), x);
    if (d instanceof ConstantTau c) return x >= c.value() ? 1 : 0;
    if (d instanceof UniformTau u) return clamp01((x - u.min()) / (u.max() - u.min()));
    if (d instanceof LogSpacedTau l) return clamp01(Math.log(x / l.min()) / Math.log(l.max() / l.min()));
    if (d instanceof BimodalTau b) {
      return (x >= b.a() ? b.p() : 0) + (x >= b.b() ? 1 - b.p() : 0);
    }
    if (d instanceof FileTau f) {
      double[] v = f.values();
      int k = 0;
      for (double y : v) if (y <= x) k++;
      return (double) k / v.length;
    }
    if (d instanceof NormalTau n) {
      return truncatedNormal(x, n.mu(), n.sigma(), n.min(), Params.effectiveHi(n.max()));
    }
    if (d instanceof LogNormalTau l) {
      double lo = Params.effectiveLo(l.min()), hi = Params.effectiveHi(l.max());
      if (x <= lo) return 0;
      return truncatedNormal(Math.log(x), l.mu(), l.sigma(), Math.log(lo), Math.log(hi));
    }
    if (d instanceof GammaTau g) {
      double lo = Params.effectiveLo(g.min()), hi = Params.effectiveHi(g.max()), t = g.scale();
      if (x <= lo) return 0;
      if (x >= hi) return 1;
      return gammaMass(g.k(), lo / t, x / t) / gammaMass(g.k(), lo / t, hi / t);
    }
    throw new IllegalArgumentException("no distribution function for " + d.spec());
  }

  private static double truncatedNormal(double x, double mu, double sigma, double lo, double hi) {
    if (x <= lo) return 0;
    if (x >= hi) return 1;
    double a = (lo - mu) / sigma;
    return clamp01(normalMass(a, (x - mu) / sigma) / normalMass(a, (hi - mu) / sigma));
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /**
   * The p-quantile inf{x : F(x) &gt;= p}, 0 &lt; p &lt; 1, by bisection of F to a relative 1e-12 (a discrete
   * distribution gives one of its values: the median of bimodal:A,B with p = 0.5 is A).
   */
  public static double quantile(TauDistribution d, double p) {
    if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1), got " + p);
    double lo = TauDistribution.SUPPORT_MIN, hi = Math.max(1.0, d.mean());
    while (cdf(d, hi) < p) {
      hi *= 2;
      if (hi > TauDistribution.SUPPORT_MAX) return TauDistribution.SUPPORT_MAX;
    }
    for (int i = 0; i < 400 && hi - lo > 1e-12 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf(d, mid) >= p) hi = mid; else lo = mid;
    }
    return hi;
  }

  /**
   * The median of the largest of n independent draws: P(max &lt;= x) = F(x)^n = 1/2, so x = quantile(2^(-1/n)). For a
   * bounded distribution it approaches the upper bound, for bimodal it is the larger value.
   */
  public static double largestOf(TauDistribution d, int n) {
    if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
    return quantile(d, Math.pow(0.5, 1.0 / n));
  }
}
