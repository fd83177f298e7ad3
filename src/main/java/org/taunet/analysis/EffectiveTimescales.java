package org.taunet.analysis;

/**
 * Effective timescale of each unit from simulated activity: per stream, the autocorrelation of the unit's rate after a
 * burn-in ({@link Autocorrelation}), averaged over streams, cut to the first lags ({@link ExpFit#window}: up to where
 * it falls below {@link #FLOOR}, capped at maxLag) and fitted by {@link ExpFit}.
 */
public final class EffectiveTimescales {
  /** The fit window ends where rho first drops below this. */
  public static final double FLOOR = 0.05;
  /** At least this many lags are fitted. */
  public static final int MIN_LAGS = 5;

  private EffectiveTimescales() {}

  /**
   * Fits for every unit of rates laid out [steps x streams x n] (time-major, as {@code Bptt.rates()} without r_0),
   * skipping the first {@code burnIn} steps, with lags up to {@code maxLag} (sampled every dt seconds).
   */
  public static ExpFit[] of(float[] rates, int offset, int steps, int streams, int n, int burnIn, int maxLag, double dt) {
    double[][] acf = acfs(rates, offset, steps, streams, n, burnIn, maxLag);
    ExpFit[] fits = new ExpFit[n];
    for (int i = 0; i < n; i++) fits[i] = fit(acf[i], dt);
    return fits;
  }

  /**
   * Each unit's autocorrelation rho(k), k = 0..maxLag, averaged over the streams whose series is not constant (null
   * for a unit with none), from rates laid out as in {@link #of}.
   */
  public static double[][] acfs(float[] rates, int offset, int steps, int streams, int n, int burnIn, int maxLag) {
    int len = steps - burnIn;
    if (len <= maxLag + 1) throw new IllegalArgumentException("too few steps after burn-in for maxLag " + maxLag);
    double[][] out = new double[n][];
    double[] series = new double[len];
    for (int i = 0; i < n; i++) {
      double[] mean = new double[maxLag + 1];
      int used = 0;
      for (int s = 0; s < streams; s++) {
        for (int t = 0; t < len; t++) series[t] = rates[offset + ((burnIn + t) * streams + s) * n + i];
        double[] rho = Autocorrelation.acf(series, maxLag);
        if (!Double.isFinite(rho[0])) continue;
        for (int k = 0; k <= maxLag; k++) mean[k] += rho[k];
        used++;
      }
      if (used == 0) continue;
      for (int k = 0; k <= maxLag; k++) mean[k] /= used;
      out[i] = mean;
    }
    return out;
  }

  /** The fit of one unit's autocorrelation from {@link #acfs} over {@link #window}; failed for null. */
  public static ExpFit fit(double[] acf, double dt) {
    return acf == null ? ExpFit.failed() : ExpFit.fit(window(acf), dt);
  }

  /** The lags of {@code acf} that {@link #fit} uses ({@link ExpFit#window} with {@link #FLOOR}, {@link #MIN_LAGS}). */
  public static double[] window(double[] acf) {
    return ExpFit.window(acf, FLOOR, MIN_LAGS);
  }
}
