package org.taunet.report.scaling;

/**
 * Least-squares fit of the scaling law L(P) = a P^-alpha + L_inf (loss against parameter budget P).
 *
 * <p>Method (variable projection): for a fixed exponent alpha the model is linear in (a, L_inf), so those come
 * from ordinary least squares on the regressor x = P^-alpha; the residual sum of squares is then minimised over
 * alpha alone (Nelder-Mead on log alpha). L_inf is constrained to be >= 0 (a loss or error floor): where the
 * unconstrained L_inf is negative, it is set to 0 and a refitted by least squares through the origin.
 * Needs at least 3 points with distinct P; with exactly 3 the fit interpolates.
 *
 * @param a scale
 * @param alpha exponent (> 0: loss falls with P)
 * @param lInf asymptotic loss
 * @param rss residual sum of squares
 */
public record PowerLawFit(double a, double alpha, double lInf, double rss) {

  /** L(P) = a P^-alpha + L_inf. */
  public double at(double p) {
    return a * Math.pow(p, -alpha) + lInf;
  }

  /** Fits the law to points (p[i], loss[i]); p > 0. */
  public static PowerLawFit fit(double[] p, double[] loss) {
    if (p.length != loss.length || p.length < 3) throw new IllegalArgumentException("power-law fit needs >= 3 points");
    // start from the best exponent on a coarse log grid, then refine
    double bestLog = Math.log(0.5);
    double bestRss = Double.POSITIVE_INFINITY;
    for (double la = Math.log(0.01); la <= Math.log(3); la += 0.1) {
      double r = linear(p, loss, Math.exp(la)).rss();
      if (r < bestRss) { bestRss = r; bestLog = la; }
    }
    NelderMead.Result r = NelderMead.minimize(x -> linear(p, loss, Math.exp(x[0])).rss(), new double[] {bestLog},
        new double[] {0.1}, 1e-18, 2000);
    return linear(p, loss, Math.exp(r.x()[0]));
  }

  /** The least-squares (a, L_inf >= 0) for a fixed alpha. */
  static PowerLawFit linear(double[] p, double[] loss, double alpha) {
    int n = p.length;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      double x = Math.pow(p[i], -alpha);
      sx += x; sy += loss[i]; sxx += x * x; sxy += x * loss[i];
    }
    double det = n * sxx - sx * sx;
    double a = (n * sxy - sx * sy) / det;
    double c = (sy - a * sx) / n;
    if (!(c >= 0)) {   // floor at 0: least squares through the origin
      c = 0;
      a = sxy / sxx;
    }
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double e = a * Math.pow(p[i], -alpha) + c - loss[i];
      rss += e * e;
    }
    return new PowerLawFit(a, alpha, c, rss);
  }
}
