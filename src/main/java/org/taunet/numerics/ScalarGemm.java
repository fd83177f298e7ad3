package org.taunet.numerics;

/** Readable scalar reference GEMM, row-major; the test oracle for the fast paths. Modifies {@code c}. */
public final class ScalarGemm {
  private ScalarGemm() {}

  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double acc = 0;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          acc += (double) av * bv;
        }
        int ci = cOff + i * ldc + j;
        c[ci] = (float) (alpha * acc + (beta == 0f ? 0f : beta * c[ci]));
      }
    }
  }
}
