package org.taunet.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Tests and intervals of the HTS stability study (issue 12): failure rates (Fisher's exact test, Wilson intervals),
 * accuracies (percentile bootstrap), spreads (permutation test of a difference of sds). Resampling methods take a
 * seed and give the same answer for the same seed. Written here rather than taken from a library: commons-math3 3.6.1
 * has the Wilson interval but neither Fisher's exact test, nor a bootstrap, nor permutation tests, and each method is a
 * few lines checked against published values (InferenceTest).
 */
public final class Inference {
  /** z_{0.975} = Phi^-1(0.975), for 95 % intervals. */
  public static final double Z95 = 1.959963984540054;
  /** Relative tolerance of R's fisher.test when it compares table probabilities to the observed one. */
  static final double FISHER_REL_TOL = 1e-7;

  private Inference() {}

  /** An interval [lo, hi] around an estimate. */
  public record Interval(double estimate, double lo, double hi) {}

  /**
   * Two-sided p-value of Fisher's exact test for the 2x2 table [[a, b], [c, d]] (e.g. rows HTS / scalar, columns
   * failed / not failed): the total hypergeometric probability, margins fixed, of the tables no more probable than the
   * observed one (R's fisher.test, which counts a table as "no more probable" within a relative 1e-7).
   */
  public static double fisherExact(int a, int b, int c, int d) {
    if (a < 0 || b < 0 || c < 0 || d < 0) throw new IllegalArgumentException("negative count in [[" + a + ", " + b
        + "], [" + c + ", " + d + "]]");
    int r1 = a + b, c1 = a + c, n = a + b + c + d;
    if (n == 0) return 1.0;
    double[] logF = logFactorials(n);
    int lo = Math.max(0, r1 + c1 - n), hi = Math.min(r1, c1);
    double observed = logHyper(a, r1, c1, n, logF);
    double p = 0;
    for (int x = lo; x <= hi; x++) {
      double lp = logHyper(x, r1, c1, n, logF);
      if (lp <= observed + Math.log1p(FISHER_REL_TOL)) p += Math.exp(lp);
    }
    return Math.min(1.0, p);
  }

  // log P(X = x), X hypergeometric: x of c1 marked among r1 draws from n
  private static double logHyper(int x, int r1, int c1, int n, double[] logF) {
    return logF[c1] - logF[x] - logF[c1 - x] + logF[n - c1] - logF[r1 - x] - logF[n - c1 - r1 + x]
        - (logF[n] - logF[r1] - logF[n - r1]);
  }

  private static double[] logFactorials(int n) {
    double[] f = new double[n + 1];
    for (int i = 2; i <= n; i++) f[i] = f[i - 1] + Math.log(i);
    return f;
  }

  /**
   * Wilson score interval of a proportion x / n at normal quantile z (Wilson 1927; Newcombe 1998, method 3):
   * centre (p + z^2/2n) / (1 + z^2/n), half-width z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n). For n = 0: [0, 1].
   */
  public static Interval wilson(int x, int n, double z) {
    if (x < 0 || x > n) throw new IllegalArgumentException("need 0 <= x <= n, got x=" + x + ", n=" + n);
    if (n == 0) return new Interval(Double.NaN, 0, 1);
    double p = (double) x / n, z2 = z * z, den = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / den;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
    return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * Percentile bootstrap interval (Efron &amp; Tibshirani 1993, Sec. 13.3) of the mean of the finite values of
   * {@code v}: {@code resamples} resamples with replacement drawn from {@code seed}, the (alpha/2, 1 - alpha/2) quantiles
   * (linear interpolation) of their means. NaN interval without finite values.
   */
  public static Interval bootstrapMean(double[] v, double alpha, int resamples, long seed) {
    double[] x = finite(v);
    if (x.length == 0) return new Interval(Double.NaN, Double.NaN, Double.NaN);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) means[r] = resampledMean(x, rng);
    return percentile(Stats.mean(x), means, alpha);
  }

  /**
   * Percentile bootstrap interval of mean(a) - mean(b), the two samples resampled independently (finite values only).
   */
  public static Interval bootstrapMeanDifference(double[] a, double[] b, double alpha, int resamples, long seed) {
    double[] x = finite(a), y = finite(b);
    if (x.length == 0 || y.length == 0) return new Interval(Double.NaN, Double.NaN, Double.NaN);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] diffs = new double[resamples];
    for (int r = 0; r < resamples; r++) diffs[r] = resampledMean(x, rng) - resampledMean(y, rng);
    return percentile(Stats.mean(x) - Stats.mean(y), diffs, alpha);
  }

  private static double resampledMean(double[] x, SplittableRandom rng) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += x[rng.nextInt(x.length)];
    return s / x.length;
  }

  private static Interval percentile(double estimate, double[] stats, double alpha) {
    if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    Arrays.sort(stats);
    return new Interval(estimate, Stats.quantile(stats, alpha / 2), Stats.quantile(stats, 1 - alpha / 2));
  }

  /**
   * Two-sided permutation test of sd(a) = sd(b) (sample sds, finite values only): the statistic |sd(a) - sd(b)| of
   * {@code permutations} random relabellings of the pooled values (drawn from {@code seed}) against the observed one;
   * p = (1 + #{permuted &gt;= observed}) / (1 + permutations) (Phipson &amp; Smyth 2010), never 0. NaN if a sample has
   * fewer than 2 values.
   */
  public static double permutationSdTest(double[] a, double[] b, int permutations, long seed) {
    double[] x = finite(a), y = finite(b);
    if (x.length < 2 || y.length < 2) return Double.NaN;
    double observed = Math.abs(sd(x, 0, x.length) - sd(y, 0, y.length));
    double[] pooled = new double[x.length + y.length];
    System.arraycopy(x, 0, pooled, 0, x.length);
    System.arraycopy(y, 0, pooled, x.length, y.length);
    SplittableRandom rng = new SplittableRandom(seed);
    int atLeast = 0;
    for (int p = 0; p < permutations; p++) {
      for (int i = pooled.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        double t = pooled[i];
        pooled[i] = pooled[j];
        pooled[j] = t;
      }
      double stat = Math.abs(sd(pooled, 0, x.length) - sd(pooled, x.length, pooled.length));
      if (stat >= observed * (1 - 1e-12)) atLeast++;
    }
    return (1.0 + atLeast) / (1.0 + permutations);
  }

  /** Sample sd of v[from, to). */
  static double sd(double[] v, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) m += v[i];
    m /= to - from;
    double ss = 0;
    for (int i = from; i < to; i++) ss += (v[i] - m) * (v[i] - m);
    return Math.sqrt(ss / (to - from - 1));
  }

  private static double[] finite(double[] v) {
    return Arrays.stream(v).filter(Double::isFinite).toArray();
  }
}
