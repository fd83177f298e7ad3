package org.taunet.analysis;

/** Network adjustment: the relative Frobenius change ||W - W0||_F / ||W0||_F of a weight matrix during training. */
public final class WeightChange {
  private WeightChange() {}

  /** ||w - w0||_F / ||w0||_F (NaN if w0 is zero). */
  public static double relative(float[] w, float[] w0) {
    if (w.length != w0.length) throw new IllegalArgumentException("shapes differ: " + w.length + " vs " + w0.length);
    double d = 0, r = 0;
    for (int i = 0; i < w.length; i++) {
      double e = (double) w[i] - w0[i];
      d += e * e;
      r += (double) w0[i] * w0[i];
    }
    return r > 0 ? Math.sqrt(d / r) : Double.NaN;
  }
}
