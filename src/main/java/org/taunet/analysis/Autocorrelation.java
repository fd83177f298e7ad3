package org.taunet.analysis;

/**
 * Sample autocorrelation by FFT: for a signal x of length n with mean m, C(k) = (1/(n-k)) sum_{t&lt;n-k}
 * (x_t - m)(x_{t+k} - m) (mean-subtracted, each lag normalised by its overlap n - k), reported as
 * rho(k) = C(k) / C(0). The products for all lags come from one zero-padded FFT (Wiener-Khinchin), O(n log n).
 */
public final class Autocorrelation {
  private Autocorrelation() {}

  /** rho(0..maxLag) of {@code x}; all NaN if x is constant. Requires maxLag &lt; x.length. */
  public static double[] acf(double[] x, int maxLag) {
    int n = x.length;
    if (maxLag < 0 || maxLag >= n) throw new IllegalArgumentException("need 0 <= maxLag < n: " + maxLag + ", " + n);
    double[] c = lagProducts(x);
    double[] rho = new double[maxLag + 1];
    double c0 = c[0] / n;
    for (int k = 0; k <= maxLag; k++) rho[k] = c0 > 0 ? (c[k] / (n - k)) / c0 : Double.NaN;
    return rho;
  }

  /** sum_t (x_t - m)(x_{t+k} - m) for every lag k &lt; n (unnormalised), via FFT of the signal padded to 2n. */
  static double[] lagProducts(double[] x) {
    int n = x.length;
    int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
    if (size < 2 * n - 1) size <<= 1;
    double mean = 0;
    for (double v : x) mean += v / n;
    double[] re = new double[size];
    double[] im = new double[size];
    for (int i = 0; i < n; i++) re[i] = x[i] - mean;
    Fft.transform(re, im, false);
    for (int i = 0; i < size; i++) {
      re[i] = re[i] * re[i] + im[i] * im[i]; // |X|^2
      im[i] = 0;
    }
    Fft.transform(re, im, true);
    double[] out = new double[n];
    System.arraycopy(re, 0, out, 0, n);
    return out;
  }
}
