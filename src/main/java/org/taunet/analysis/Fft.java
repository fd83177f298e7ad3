package org.taunet.analysis;

/** In-place iterative radix-2 complex FFT (Cooley-Tukey) on split real/imaginary arrays of power-of-two length. */
public final class Fft {
  private Fft() {}

  /**
   * X_k = sum_t x_t exp(-2 pi i k t / n) (forward) or, with {@code inverse}, x_t = (1/n) sum_k X_k exp(+2 pi i k t / n).
   * Modifies {@code re} and {@code im}.
   */
  public static void transform(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    if (n != im.length || Integer.bitCount(n) != 1) throw new IllegalArgumentException("length must be a power of two: " + n);
    // 1. bit-reversal permutation
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) {
        double t = re[i]; re[i] = re[j]; re[j] = t;
        t = im[i]; im[i] = im[j]; im[j] = t;
      }
    }
    // 2. butterflies of growing span
    for (int len = 2; len <= n; len <<= 1) {
      double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
      double wr = Math.cos(ang), wi = Math.sin(ang);
      for (int i = 0; i < n; i += len) {
        double cr = 1, ci = 0;
        for (int k = 0; k < len / 2; k++) {
          int a = i + k, b = a + len / 2;
          double xr = re[b] * cr - im[b] * ci, xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double nr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = nr;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }
}
