package org.taunet.numerics;

import dev.ludovic.netlib.blas.BLAS;

/**
 * GEMM through netlib's {@code BLAS.sgemm} (OpenBLAS when installed; see {@link BlasInfo}).
 * Same row-major contract as {@link Gemm}: {@code C = alpha op(A) op(B) + beta C}, modifies only
 * {@code c}, and C is not read when beta == 0.
 *
 * <p>BLAS is column-major. A row-major m x n matrix with row stride ld is, byte for byte, its
 * n x m transpose in column-major with leading dimension ld. So row-major C = op(A) op(B) is
 * column-major C^T = op(B)^T op(A)^T: call sgemm with the operands swapped, m and n swapped, and
 * each operand's own transpose flag (row-major B read column-major is already B^T).
 */
public final class BlasGemm {
  private BlasGemm() {}

  /** C = alpha op(A) op(B) + beta C via sgemm (arguments checked first). Modifies {@code c}. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
    Gemm.checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (m == 0 || n == 0) return;
    if (alpha == 0f || k == 0) {  // nothing to multiply; also keeps k == 0 leading dims legal
      VectorGemm.scaleC(m, n, beta, c, cOff, ldc);
      return;
    }
    if (!netlibAccepts(a, aOff, transA ? k : m, lda) || !netlibAccepts(b, bOff, transB ? n : k, ldb)) {
      VectorGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    BLAS.getInstance().sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
        alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
  }

  /**
   * Whether netlib's bounds check passes for a row-major operand of {@code rows} rows with stride
   * {@code ld}: it asks for the whole stride of the last row ({@code off + rows * ld <= length}),
   * so a strided view that ends at the end of its array (the last ELM readout blocks) is refused
   * although every element it reads is there; such calls run on {@link VectorGemm}.
   */
  static boolean netlibAccepts(float[] x, int off, int rows, int ld) {
    return off + (long) rows * ld <= x.length;
  }
}
