package org.taunet.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Monotone trend of y in x: Spearman's rank correlation rho (Pearson's correlation of the midranks) with a two-sided
 * permutation p-value, exact (all n! orderings of y) for n &lt;= {@link #EXACT_MAX}, else from random permutations
 * with p = (1 + count) / (1 + permutations). Written here: it is a few lines on {@link #midranks}, checked against
 * R's {@code cor.test(x, y, method = "spearman")} (TrendTest).
 */
public final class Trend {
  private Trend() {}

  /** Largest n whose null distribution is enumerated (8! = 40320 orderings). */
  public static final int EXACT_MAX = 8;

  /** rho, its two-sided p, the pairs used and whether p is exact. */
  public record Spearman(double rho, double p, int n, boolean exact) {}

  /** Midranks (1-based, ties share the mean of their ranks) of v. */
  public static double[] midranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
    double[] rank = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
      for (int k = i; k <= j; k++) rank[order[k]] = (i + j) / 2.0 + 1;
      i = j + 1;
    }
    return rank;
  }

  /** Spearman's rho of x and y (all finite, same length): Pearson's correlation of their midranks; NaN if either is
   * constant. */
  public static double rho(double[] x, double[] y) {
    return pearson(midranks(x), midranks(y));
  }

  /**
   * Spearman's rho of the pairs where both x and y are finite, and the two-sided permutation p (the fraction of
   * orderings of y with |rho| at least the observed, within 1e-12). NaN rho and p with fewer than 3 pairs or a
   * constant variable.
   */
  public static Spearman spearman(double[] x, double[] y, int permutations, long seed) {
    if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
    int n = 0;
    double[] fx = new double[x.length], fy = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        fx[n] = x[i];
        fy[n++] = y[i];
      }
    }
    double[] rx = midranks(Arrays.copyOf(fx, n)), ry = midranks(Arrays.copyOf(fy, n));
    double rho = pearson(rx, ry);
    if (n < 3 || !Double.isFinite(rho)) return new Spearman(Double.NaN, Double.NaN, n, false);
    double limit = Math.abs(rho) - 1e-12;
    if (n <= EXACT_MAX) {
      long[] hits = new long[2];   // {at least as extreme, all}
      permute(ry.clone(), 0, rx, limit, hits);
      return new Spearman(rho, hits[0] / (double) hits[1], n, true);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] shuffled = ry.clone();
    long count = 0;
    for (int k = 0; k < permutations; k++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        double t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      if (Math.abs(pearson(rx, shuffled)) >= limit) count++;
    }
    return new Spearman(rho, (1.0 + count) / (1.0 + permutations), n, false);
  }

  private static void permute(double[] y, int from, double[] x, double limit, long[] hits) {
    if (from == y.length) {
      hits[1]++;
      if (Math.abs(pearson(x, y)) >= limit) hits[0]++;
      return;
    }
    for (int i = from; i < y.length; i++) {
      double t = y[from]; y[from] = y[i]; y[i] = t;
      permute(y, from + 1, x, limit, hits);
      t = y[from]; y[from] = y[i]; y[i] = t;
    }
  }

  /** Pearson's correlation of x and y (NaN if either is constant). */
  static double pearson(double[] x, double[] y) {
    double mx = Stats.mean(x), my = Stats.mean(y), sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
  }
}
