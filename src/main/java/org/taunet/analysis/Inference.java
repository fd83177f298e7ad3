package org.taunet.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Tests and intervals of the HTS stability study (issue 12): failure rates (Fisher's exact test, Wilson intervals),
 * accuracies (percentile bootstrap), spreads (permutation test of a difference of sds); and of the multi-tau RNN study
 * (issue 13): iterations to criterion (Mann-Whitney U / Wilcoxon rank-sum test), paired changes (Wilcoxon signed-rank). Resampling methods take a
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
    double[] x = Stats.finite(v);
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
    double[] x = Stats.finite(a), y = Stats.finite(b);
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
    double[] x = Stats.finite(a), y = Stats.finite(b);
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

  /** A rank-sum test result: W = U of the first sample (R's statistic), its two-sided p and whether p is exact. */
  public record RankSum(double w, double p, boolean exact) {}

  /**
   * Two-sided Mann-Whitney U / Wilcoxon rank-sum test of the finite values of {@code a} against {@code b}, as R's
   * {@code wilcox.test(a, b)}: W = (sum of the midranks of a in the pooled sample) - n_a (n_a + 1) / 2. Without ties
   * and with both samples under 50 values, p is exact (the null distribution of W by counting, p = min(1, 2 min(P(W
   * &lt;= w), P(W &gt;= w)))); otherwise the normal approximation with the tie-corrected variance
   * n_a n_b / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1))) and a continuity correction of 0.5. NaN p if a sample is empty.
   */
  public static RankSum mannWhitney(double[] a, double[] b) {
    double[] x = Stats.finite(a), y = Stats.finite(b);
    int na = x.length, nb = y.length, n = na + nb;
    if (na == 0 || nb == 0) return new RankSum(Double.NaN, Double.NaN, false);
    double[] pooled = new double[n];
    System.arraycopy(x, 0, pooled, 0, na);
    System.arraycopy(y, 0, pooled, na, nb);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (p, q) -> Double.compare(pooled[p], pooled[q]));
    double[] rank = new double[n];
    double tieSum = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && pooled[order[j + 1]] == pooled[order[i]]) j++;
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) rank[order[k]] = mid;
      double t = j - i + 1;
      tieSum += t * t * t - t;
      i = j + 1;
    }
    double rankSum = 0;
    for (int i = 0; i < na; i++) rankSum += rank[i];
    double w = rankSum - na * (na + 1) / 2.0;
    if (tieSum == 0 && na < 50 && nb < 50) {
      double[] dist = rankSumCounts(na, nb);
      double total = 0, lo = 0, hi = 0;
      for (int u = 0; u < dist.length; u++) {
        total += dist[u];
        if (u <= w) lo += dist[u];
        if (u >= w) hi += dist[u];
      }
      return new RankSum(w, Math.min(1, 2 * Math.min(lo, hi) / total), true);
    }
    double z = w - na * (double) nb / 2;
    double sigma = Math.sqrt(na * (double) nb / 12 * ((n + 1) - tieSum / ((double) n * (n - 1))));
    if (sigma == 0) return new RankSum(w, 1.0, false);
    z = (z - Math.signum(z) * 0.5) / sigma;
    return new RankSum(w, Math.min(1, 2 * normalUpper(Math.abs(z))), false);
  }

  /** A signed-rank test result: V = the sum of the ranks of the positive differences (R's statistic), n the non-zero
   * differences, the two-sided p and whether it is exact. */
  public record SignedRank(double v, int n, double p, boolean exact) {}

  /**
   * Two-sided Wilcoxon signed-rank test that the finite differences {@code d} (e.g. after - before, one per run) are
   * centred on zero, as R's {@code wilcox.test(d)}: zeros are dropped, the rest ranked by |d| (midranks), V = the sum
   * of the ranks of the positive ones. Without ties or zeros and under 50 differences p is exact (the null
   * distribution of V by counting the 2^n sign patterns); otherwise the normal approximation with the tie-corrected
   * variance n (n + 1) (2n + 1) / 24 - sum(t^3 - t) / 48 and a continuity correction of 0.5. NaN p if no difference
   * is non-zero.
   */
  public static SignedRank signedRank(double[] d) {
    double[] all = Stats.finite(d);
    double[] x = Arrays.stream(all).filter(v -> v != 0).toArray();
    int n = x.length;
    if (n == 0) return new SignedRank(Double.NaN, 0, Double.NaN, false);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (p, q) -> Double.compare(Math.abs(x[p]), Math.abs(x[q])));
    double v = 0, tieSum = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Math.abs(x[order[j + 1]]) == Math.abs(x[order[i]])) j++;
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) if (x[order[k]] > 0) v += mid;
      double t = j - i + 1;
      tieSum += t * t * t - t;
      i = j + 1;
    }
    if (tieSum == 0 && n == all.length && n < 50) {
      // counts[s] = number of subsets of the ranks 1..n with sum s
      int max = n * (n + 1) / 2;
      double[] counts = new double[max + 1];
      counts[0] = 1;
      for (int r = 1; r <= n; r++) for (int s = max; s >= r; s--) counts[s] += counts[s - r];
      double lo = 0, hi = 0, total = Math.pow(2, n);
      for (int s = 0; s <= max; s++) {
        if (s <= v) lo += counts[s];
        if (s >= v) hi += counts[s];
      }
      return new SignedRank(v, n, Math.min(1, 2 * Math.min(lo, hi) / total), true);
    }
    double z = v - n * (n + 1) / 4.0;
    double sigma = Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24 - tieSum / 48);
    if (sigma == 0) return new SignedRank(v, n, 1.0, false);
    z = (z - Math.signum(z) * 0.5) / sigma;
    return new SignedRank(v, n, Math.min(1, 2 * normalUpper(Math.abs(z))), false);
  }

  // counts[u] = number of ways to place na of n = na + nb distinct ranks with U = u, by the recursion on the largest value
  private static double[] rankSumCounts(int na, int nb) {
    // f[i][j][u]: i values of a, j of b; f[i][j] = f[i-1][j] shifted by j (largest is an a) + f[i][j-1]
    double[][][] f = new double[na + 1][nb + 1][];
    for (int i = 0; i <= na; i++) {
      for (int j = 0; j <= nb; j++) {
        double[] cur = new double[i * j + 1];
        if (i == 0 || j == 0) {
          cur[0] = 1;
        } else {
          double[] fa = f[i - 1][j], fb = f[i][j - 1];
          for (int u = 0; u < fa.length; u++) cur[u + j] += fa[u];
          for (int u = 0; u < fb.length; u++) cur[u] += fb[u];
        }
        f[i][j] = cur;
      }
    }
    return f[na][nb];
  }

  /**
   * The upper tail 1 - Phi(z) of the standard normal, by erfc (W. J. Cody's rational Chebyshev fit as in Numerical
   * Recipes' erfcc, relative error below 1.2e-7).
   */
  static double normalUpper(double z) {
    double x = z / Math.sqrt(2), t = 1 / (1 + 0.5 * Math.abs(x));
    double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return 0.5 * (x >= 0 ? erfc : 2 - erfc);
  }
}
