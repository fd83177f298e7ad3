package org.taunet.analysis;

import java.util.Arrays;

/** Summary statistics over the finite values of a sample (NaN and infinities, e.g. of diverged runs, are skipped). */
public final class Stats {
  private Stats() {}

  /** The finite values of {@code v}, in order. */
  public static double[] finite(double[] v) {
    return Arrays.stream(v).filter(Double::isFinite).toArray();
  }

  /** Mean of the finite values; NaN if none. */
  public static double mean(double[] v) {
    return meanSd(v)[0];
  }

  /** {mean, sample standard deviation} of the finite values: {NaN, NaN} for none, sd NaN for one. */
  public static double[] meanSd(double[] v) {
    double sum = 0;
    int n = 0;
    for (double x : v) if (Double.isFinite(x)) { sum += x; n++; }
    if (n == 0) return new double[] {Double.NaN, Double.NaN};
    double mean = sum / n;
    double ss = 0;
    for (double x : v) if (Double.isFinite(x)) ss += (x - mean) * (x - mean);
    return new double[] {mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN};
  }

  /** Linear-interpolation quantile q in [0, 1] of already sorted values (non-empty). */
  public static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * Holm's step-down adjustment of a family of p values (same order as given): with the m finite p sorted
   * ascending, adjusted p_(i) = max over j &lt;= i of min(1, (m - j + 1) p_(j)); reject where the adjusted p is below
   * the family-wise level. NaN entries stay NaN and do not count in m.
   */
  public static double[] holm(double[] p) {
    Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> Double.isFinite(p[i])).boxed()
        .sorted((a, b) -> Double.compare(p[a], p[b])).toArray(Integer[]::new);
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    double running = 0;
    for (int j = 0; j < order.length; j++) {
      running = Math.max(running, Math.min(1, (order.length - j) * p[order[j]]));
      out[order[j]] = running;
    }
    return out;
  }

  /** {q25, median, q75} of the finite values; NaNs if none. */
  public static double[] quartiles(double[] v) {
    double[] s = finite(v);
    Arrays.sort(s);
    if (s.length == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
    return new double[] {quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75)};
  }
}
