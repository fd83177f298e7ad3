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

  /**
   * A residual bootstrap of the fit: the fitted law plus residuals drawn with replacement, refitted
   * {@code resamples} times; 95 % percentile intervals of the parameters and of L(P) at each of {@code at}.
   *
   * @param fit the fit to the data
   * @param aCi the scale's [2.5 %, 97.5 %] percentiles
   * @param alphaCi the exponent's
   * @param lInfCi the asymptote's
   * @param band rows {P, lower, upper} of L(P) at the requested budgets
   */
  public record Bootstrap(PowerLawFit fit, double[] aCi, double[] alphaCi, double[] lInfCi, double[][] band) {}

  /** {@link Bootstrap} of the fit to (p, loss), resamples drawn from {@code seed}. */
  public static Bootstrap bootstrap(double[] p, double[] loss, int resamples, long seed, double[] at) {
    PowerLawFit f = fit(p, loss);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] res = new double[p.length];
    for (int i = 0; i < p.length; i++) res[i] = loss[i] - f.at(p[i]);
    double[][] par = new double[3][resamples];
    double[][] curve = new double[at.length][resamples];
    double[] y = new double[p.length];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < p.length; i++) y[i] = f.at(p[i]) + res[rng.nextInt(p.length)];
      PowerLawFit g = fit(p, y);
      par[0][b] = g.a();
      par[1][b] = g.alpha();
      par[2][b] = g.lInf();
      for (int j = 0; j < at.length; j++) curve[j][b] = g.at(at[j]);
    }
    double[][] band = new double[at.length][];
    for (int j = 0; j < at.length; j++) band[j] = new double[] {at[j], pct(curve[j], 0.025), pct(curve[j], 0.975)};
    return new Bootstrap(f, ci(par[0]), ci(par[1]), ci(par[2]), band);
  }

  private static double[] ci(double[] v) {
    return new double[] {pct(v, 0.025), pct(v, 0.975)};
  }

  private static double pct(double[] v, double q) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
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
