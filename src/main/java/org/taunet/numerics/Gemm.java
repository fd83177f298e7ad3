package org.taunet.numerics;

/**
 * Row-major single-precision matrix multiply, the one entry point every model uses:
 * {@code C = alpha * op(A) * op(B) + beta * C}, with op(X) = X or X^T.
 *
 * <p>Shapes: op(A) is m x k, op(B) is k x n, C is m x n. Leading dimensions are row strides of the
 * arrays as stored (for A stored k x m when transposed, lda >= m). Modifies only {@code c}.
 * Dispatches by size to the scalar reference, the Vector API kernel or BLAS (see {@link Kernels}).
 */
public final class Gemm {
  private Gemm() {}

  /** C[m x n] = alpha op(A) op(B) + beta C, all arrays dense with natural leading dimensions. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, float[] b, float beta, float[] c) {
    gemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
  }

  /** Full form with offsets and leading dimensions (row strides). Modifies {@code c} only. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
    ScalarGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }
}
