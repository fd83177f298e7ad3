package org.taunet.numerics;

/**
 * Row-major single-precision matrix multiply, the one entry point every model uses:
 * {@code C = alpha * op(A) * op(B) + beta * C}, with op(X) = X or X^T.
 *
 * <p>Shapes: op(A) is m x k, op(B) is k x n, C is m x n. Leading dimensions are row strides of the
 * arrays as stored (for A stored k x m when transposed, lda >= m). Modifies only {@code c}; when
 * beta == 0, C is not read (NaN garbage is overwritten), and when alpha == 0 or k == 0, A and B are
 * not read (BLAS semantics). Dispatches by size to the scalar reference, the Vector API kernel or
 * BLAS (see {@link Kernels}).
 */
public final class Gemm {
  private Gemm() {}

  /** C[m x n] = alpha op(A) op(B) + beta C, all arrays dense with natural leading dimensions. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, float[] b, float beta, float[] c) {
    gemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, c, 0, n);
  }

  /**
   * As the dense form, on the given backend instead of the configured one (AUTO resolved by size); for benchmarks
   * that compare kernels. Modifies {@code c} only.
   */
  public static void gemm(Kernels.Backend backend, boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, float[] b, float beta, float[] c) {
    int lda = transA ? m : k, ldb = transB ? k : n;
    checkArgs(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n);
    Kernels.gemm(backend, transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, n);
  }

  /** Full form with offsets and leading dimensions (row strides). Modifies {@code c} only. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
    checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    Kernels.gemm(Kernels.backend(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
        beta, c, cOff, ldc);
  }

  /**
   * C[m x n] = alpha op(A) op(B) + beta C with op(B) [k x n] from a {@link PackedB} that the caller keeps across
   * calls (k = {@code b.rows()}, n = {@code b.cols()}), e.g. the recurrent weights of every time step. Same
   * dispatch and bit-identical results as the unpacked form with the operands given to {@link PackedB#set}: on
   * the Vector kernel op(B) is packed on the first call after {@code set} and reused, on the scalar and BLAS
   * kernels B is read in place. Modifies {@code c}, and {@code b}'s packed buffer when it was stale.
   */
  public static void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
                          float beta, float[] c, int cOff, int ldc) {
    if (b.b == null) throw new IllegalStateException("PackedB used before set");
    int n = b.n, k = b.k;
    checkArgs(transA, b.transB, m, n, k, a, aOff, lda, b.b, b.bOff, b.ldb, c, cOff, ldc);
    Kernels.Backend run = Kernels.choose(m, n, k);
    if (run == Kernels.Backend.VECTOR) {
      VectorGemm.gemm(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc, Kernels.threads());
    } else {
      Kernels.gemm(run, transA, b.transB, m, n, k, alpha, a, aOff, lda, b.b, b.bOff, b.ldb, beta, c, cOff, ldc);
    }
  }

  /** Checks sizes, leading dimensions and that every operand fits its array (O(1)). */
  static void checkArgs(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                        int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("negative size: m=" + m + " n=" + n + " k=" + k);
    }
    checkMatrix("A", a, aOff, transA ? k : m, transA ? m : k, lda);
    checkMatrix("B", b, bOff, transB ? n : k, transB ? k : n, ldb);
    checkMatrix("C", c, cOff, m, n, ldc);
  }

  /** Checks that a rows x cols matrix with row stride ld at offset off fits in x. */
  static void checkMatrix(String name, float[] x, int off, int rows, int cols, int ld) {
    if (ld < cols || ld < 0 || off < 0) {
      throw new IllegalArgumentException(name + ": leading dimension " + ld + " < columns " + cols
          + " or negative offset " + off);
    }
    if (rows == 0 || cols == 0) return;
    long last = off + (long) (rows - 1) * ld + cols;
    if (last > x.length) {
      throw new IndexOutOfBoundsException(name + ": " + rows + " x " + cols + " with stride " + ld
          + " at offset " + off + " needs " + last + " elements, array has " + x.length);
    }
  }
}
