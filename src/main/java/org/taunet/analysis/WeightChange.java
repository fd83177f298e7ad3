package org.taunet.analysis;

/** Network adjustment: the relative Frobenius change ||W - W0||_F / ||W0||_F of a weight matrix during training. */
public final class WeightChange {
  private WeightChange() {}

  /** ||w - w0||_F / ||w0||_F (NaN if w0 is zero). */
  public static double relative(float[] w, float[] w0) {
    if (w.length != w0.length) throw new IllegalArgumentException("shapes differ: " + w.length + " vs " + w0.length);
    double d = rowsSq(w, w0, 0, w.length, true), r = rowsSq(w, w0, 0, w.length, false);
    return r > 0 ? Math.sqrt(d / r) : Double.NaN;
  }

  /**
   * The relative change of the rows of a square [n x n] matrix (row i = postsynaptic unit i, the inputs of unit i)
   * grouped by the units' time constants: units ranked by {@code tau} (ties by index), split into {@code groups}
   * consecutive groups of sizes differing by at most one (group g holds ranks [g n / groups, (g + 1) n / groups)),
   * and for each group ||W_G - W0_G||_F / ||W0_G||_F over its rows. Group 0 holds the fastest units.
   */
  public static double[] byTauGroups(float[] w, float[] w0, float[] tau, int groups) {
    int n = tau.length;
    if (w.length != n * n || w0.length != n * n) throw new IllegalArgumentException("need [n x n] weights for n = " + n);
    if (groups < 1 || groups > n) throw new IllegalArgumentException("need 1 <= groups <= n: " + groups);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> tau[a] != tau[b] ? Float.compare(tau[a], tau[b]) : Integer.compare(a, b));
    double[] out = new double[groups];
    for (int g = 0; g < groups; g++) {
      double d = 0, r = 0;
      for (int k = g * n / groups; k < (g + 1) * n / groups; k++) {
        int i = order[k];
        d += rowsSq(w, w0, i * n, i * n + n, true);
        r += rowsSq(w, w0, i * n, i * n + n, false);
      }
      out[g] = r > 0 ? Math.sqrt(d / r) : Double.NaN;
    }
    return out;
  }

  /** The largest tau of each group of {@link #byTauGroups} (the group's upper edge, s). */
  public static double[] groupEdges(float[] tau, int groups) {
    float[] s = tau.clone();
    java.util.Arrays.sort(s);
    double[] e = new double[groups];
    for (int g = 0; g < groups; g++) e[g] = s[(g + 1) * s.length / groups - 1];
    return e;
  }

  // sum over [from, to) of (w - w0)^2 (diff) or w0^2
  private static double rowsSq(float[] w, float[] w0, int from, int to, boolean diff) {
    double s = 0;
    for (int k = from; k < to; k++) {
      double e = diff ? (double) w[k] - w0[k] : w0[k];
      s += e * e;
    }
    return s;
  }
}
