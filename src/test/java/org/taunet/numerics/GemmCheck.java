package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/** One random GEMM problem (with offsets and padded leading dimensions) and its checks. */
final class GemmCheck {
  /** Runs a GEMM implementation with the full argument list. */
  interface Impl {
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
              int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
  }

  final boolean transA, transB;
  final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
  final float alpha, beta;
  final float[] a, b, c0;

  GemmCheck(long seed, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
            boolean padded) {
    Random rnd = new Random(seed);
    this.transA = transA;
    this.transB = transB;
    this.m = m;
    this.n = n;
    this.k = k;
    this.alpha = alpha;
    this.beta = beta;
    int aRows = transA ? k : m, aCols = transA ? m : k;
    int bRows = transB ? n : k, bCols = transB ? k : n;
    aOff = padded ? rnd.nextInt(6) : 0;
    bOff = padded ? rnd.nextInt(6) : 0;
    cOff = padded ? rnd.nextInt(6) : 0;
    lda = aCols + (padded ? rnd.nextInt(8) : 0);
    ldb = bCols + (padded ? rnd.nextInt(8) : 0);
    ldc = n + (padded ? rnd.nextInt(8) : 0);
    a = random(rnd, aOff + aRows * lda + 3);
    b = random(rnd, bOff + bRows * ldb + 3);
    // beta == 0: C must not be read, so fill it (padding included) with NaN.
    c0 = beta == 0f ? nans(cOff + m * ldc + 3) : random(rnd, cOff + m * ldc + 3);
  }

  /** Runs {@code impl} on a copy of C and returns it. */
  float[] run(Impl impl) {
    float[] c = c0.clone();
    impl.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    return c;
  }

  /** The scalar reference result. */
  float[] expected() {
    return run(ScalarGemm::gemm);
  }

  /**
   * Checks {@code actual} against the reference: inside C within the float32 error bound
   * (k + 2) * 2^-23 * (|alpha| sum_p |a_ip b_pj| + |beta c_ij|), outside C bit-for-bit unchanged.
   */
  void assertClose(float[] expected, float[] actual) {
    for (int idx = 0; idx < actual.length; idx++) {
      int rel = idx - cOff;
      int i = rel / ldc, j = rel - i * ldc;
      boolean inside = rel >= 0 && i < m && j < n;
      if (!inside) {
        int at = idx;
        assertEquals(Float.floatToRawIntBits(c0[idx]), Float.floatToRawIntBits(actual[idx]),
            () -> describe() + ": element " + at + " outside C was modified");
        continue;
      }
      double bound = (k + 2) * 0x1p-23 * magnitude(i, j) + 1e-30;
      double err = Math.abs((double) actual[idx] - expected[idx]);
      if (!(err <= bound)) {
        fail(describe() + ": C[" + i + "," + j + "] = " + actual[idx] + ", expected "
            + expected[idx] + " (error " + err + " > bound " + bound + ")");
      }
    }
  }

  private double magnitude(int i, int j) {
    double s = 0;
    for (int p = 0; p < k; p++) {
      float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
      float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
      s += Math.abs((double) av * bv);
    }
    double old = beta == 0f ? 0 : Math.abs(beta * c0[cOff + i * ldc + j]);
    return Math.abs(alpha) * s + old;
  }

  String describe() {
    return String.format("gemm(%s%s, m=%d n=%d k=%d, alpha=%s beta=%s, offs=%d/%d/%d, ld=%d/%d/%d)",
        transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, beta, aOff, bOff, cOff, lda, ldb,
        ldc);
  }

  static float[] random(Random rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) x[i] = rnd.nextFloat() * 2f - 1f;
    return x;
  }

  static float[] nans(int size) {
    float[] x = new float[size];
    Arrays.fill(x, Float.NaN);
    return x;
  }
}
