package org.taunet.analysis;

/**
 * Least-squares fits of an autocorrelation rho(k), k = 0..K, sampled every dt seconds, by a single exponential
 * A exp(-k dt / tau) and a double exponential A1 exp(-k dt / tau1) + A2 exp(-k dt / tau2) (A1, A2 &gt;= 0,
 * tau1 &lt; tau2), the model chosen by AIC = n ln(SSE / n) + 2 p (p = 2 or 4 parameters, n = K + 1 lags).
 *
 * <p>The timescales are searched on a log-spaced grid from dt/4 to 100 K dt; for each candidate the amplitudes are the
 * linear least-squares solution, so the search is exact on the grid; the single-exponential tau is then refined by
 * golden-section search in log tau. The reported effective timescale is the 1/e time of the selected fit: the lag s
 * at which the fitted curve has fallen to 1/e of its lag-0 value. That is tau for the single exponential; for the
 * double one it lies between tau1 and tau2 and, unlike the amplitude-weighted mean, is not dragged far by a small slow
 * component fitted to the noisy tail of a sample autocorrelation.
 *
 * @param model 1 or 2 (the AIC choice); 0 if the fit failed (constant signal)
 * @param tau the effective timescale (s); NaN if the fit failed
 * @param tauSingle tau of the single fit
 * @param tau1 fast tau of the double fit (NaN if none was admissible)
 * @param tau2 slow tau of the double fit
 * @param a1 amplitude of tau1
 * @param a2 amplitude of tau2
 * @param aic1 AIC of the single fit
 * @param aic2 AIC of the double fit (+inf if none was admissible)
 */
public record ExpFit(int model, double tau, double tauSingle, double tau1, double tau2, double a1, double a2,
                     double aic1, double aic2) {
  static final int GRID = 48;

  /** A failed fit (NaN timescales). */
  public static ExpFit failed() {
    return new ExpFit(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Fits rho[0..rho.length-1] (lag spacing dt seconds). */
  public static ExpFit fit(double[] rho, double dt) {
    int n = rho.length;
    for (double v : rho) if (!Double.isFinite(v)) return failed();
    if (n < 3) return failed();
    double lo = Math.log(dt / 4), hi = Math.log(100.0 * n * dt);
    double[][] basis = new double[GRID][];
    double[] taus = new double[GRID];
    for (int g = 0; g < GRID; g++) {
      taus[g] = Math.exp(lo + (hi - lo) * g / (GRID - 1));
      basis[g] = decay(taus[g], n, dt);
    }
    // 1. single exponential: grid, then golden section on log tau around the best grid point
    int best = 0;
    for (int g = 1; g < GRID; g++) if (sse1(rho, basis[g]) < sse1(rho, basis[best])) best = g;
    double a = Math.log(taus[Math.max(0, best - 1)]), b = Math.log(taus[Math.min(GRID - 1, best + 1)]);
    for (int it = 0; it < 60; it++) {
      double m1 = b - 0.618 * (b - a), m2 = a + 0.618 * (b - a);
      if (sse1(rho, decay(Math.exp(m1), n, dt)) < sse1(rho, decay(Math.exp(m2), n, dt))) b = m2;
      else a = m1;
    }
    double tauS = Math.exp((a + b) / 2);
    double aic1 = aic(sse1(rho, decay(tauS, n, dt)), n, 2);
    // 2. double exponential: all grid pairs, non-negative amplitudes by 2x2 least squares
    double bestSse = Double.POSITIVE_INFINITY, t1 = Double.NaN, t2 = Double.NaN, amp1 = Double.NaN, amp2 = Double.NaN;
    for (int i = 0; i < GRID; i++) {
      for (int j = i + 1; j < GRID; j++) {
        double[] e1 = basis[i], e2 = basis[j];
        double s11 = dot(e1, e1), s22 = dot(e2, e2), s12 = dot(e1, e2), r1 = dot(e1, rho), r2 = dot(e2, rho);
        double det = s11 * s22 - s12 * s12;
        if (!(det > 1e-12 * s11 * s22)) continue;
        double c1 = (r1 * s22 - r2 * s12) / det, c2 = (r2 * s11 - r1 * s12) / det;
        if (c1 <= 0 || c2 <= 0) continue;
        double sse = 0;
        for (int k = 0; k < n; k++) sse += Math.pow(rho[k] - c1 * e1[k] - c2 * e2[k], 2);
        if (sse < bestSse) {
          bestSse = sse;
          t1 = taus[i];
          t2 = taus[j];
          amp1 = c1;
          amp2 = c2;
        }
      }
    }
    double aic2 = Double.isFinite(bestSse) ? aic(bestSse, n, 4) : Double.POSITIVE_INFINITY;
    boolean two = aic2 < aic1;
    double eff = two ? eFoldingTime(amp1, t1, amp2, t2) : tauS;
    return new ExpFit(two ? 2 : 1, eff, tauS, t1, t2, amp1, amp2, aic1, aic2);
  }

  /**
   * The selected model's curve at lags k = 0..lags-1 (spacing dt s): A1 e^{-k dt/tau1} + A2 e^{-k dt/tau2} for the
   * double fit; for the single fit A e^{-k dt/tau} with A the least-squares amplitude on {@code fitted} (the values
   * this fit was made to, which the record does not keep). NaN values for a failed fit.
   */
  public double[] curve(double[] fitted, int lags, double dt) {
    double[] c = new double[lags];
    if (model == 0) {
      java.util.Arrays.fill(c, Double.NaN);
      return c;
    }
    if (model == 2) {
      for (int k = 0; k < lags; k++) c[k] = a1 * Math.exp(-k * dt / tau1) + a2 * Math.exp(-k * dt / tau2);
      return c;
    }
    double[] e = decay(tauSingle, fitted.length, dt);
    double amp = dot(e, fitted) / dot(e, e);
    for (int k = 0; k < lags; k++) c[k] = amp * Math.exp(-k * dt / tauSingle);
    return c;
  }

  /** The first lags of {@code rho} to fit: up to the first lag where it falls below {@code floor}, at least minLags. */
  public static double[] window(double[] rho, double floor, int minLags) {
    int k = 1;
    while (k < rho.length && rho[k] >= floor) k++;
    return java.util.Arrays.copyOf(rho, Math.min(rho.length, Math.max(k, minLags)));
  }

  /** The s with A1 e^{-s/tau1} + A2 e^{-s/tau2} = (A1 + A2)/e (bisection; the curve decreases monotonically). */
  static double eFoldingTime(double a1, double tau1, double a2, double tau2) {
    double target = (a1 + a2) / Math.E, lo = 0, hi = Math.max(tau1, tau2);
    for (int it = 0; it < 100; it++) {
      double mid = (lo + hi) / 2;
      if (a1 * Math.exp(-mid / tau1) + a2 * Math.exp(-mid / tau2) > target) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  static double[] decay(double tau, int n, double dt) {
    double[] e = new double[n];
    for (int k = 0; k < n; k++) e[k] = Math.exp(-k * dt / tau);
    return e;
  }

  /** SSE of the best single amplitude for basis e. */
  static double sse1(double[] rho, double[] e) {
    double amp = dot(e, rho) / dot(e, e), s = 0;
    for (int k = 0; k < rho.length; k++) s += Math.pow(rho[k] - amp * e[k], 2);
    return s;
  }

  static double aic(double sse, int n, int params) {
    return n * Math.log(Math.max(sse, 1e-300) / n) + 2 * params;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += x[i] * y[i];
    return s;
  }
}
