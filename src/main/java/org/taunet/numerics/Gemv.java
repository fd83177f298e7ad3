package org.taunet.numerics;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector product {@code y = alpha * op(A) * x + beta * y}, A row-major m x n (row stride
 * lda), op(A) = A (y has m entries, x has n) or A^T (y has n entries, x has m). Modifies only
 * {@code y}; when beta == 0, y is not read (garbage such as NaN is overwritten).
 *
 * <p>Uses the Vector API unless the backend is {@link Kernels.Backend#SCALAR} or the Vector API is
 * switched off with {@code -Dtaunet.vector=false}; {@link #scalar} is the readable reference.
 *
 * <p><b>Summation order</b> (fixed, so results never depend on the JIT tier or on timing): y = A x takes the rows four
 * at a time and sums each in L float lanes (lane l takes columns l, l + L, ..., one fma each in column order), adds the
 * lanes in the fixed tree of {@link Lanes#sum}, then adds the leftover columns one by one; leftover rows use
 * {@link Vec#dot}. y = A^T x adds the rows of A to y in row order, four per pass (one fma per row; in the leftover
 * columns y + (x0 a0 + x1 a1 + x2 a2 + x3 a3), left to right), leftover rows by {@link Vec#axpy}. The scalar
 * reference accumulates in double, in index order.
 */
public final class Gemv {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Gemv() {}

  /** y = alpha op(A) x + beta y with A dense m x n (lda = n) and no offsets. Modifies {@code y}. */
  public static void gemv(boolean trans, int m, int n, float alpha, float[] a, float[] x, float beta,
                          float[] y) {
    gemv(trans, m, n, alpha, a, 0, n, x, 0, beta, y, 0);
  }

  /** y[yOff..] = alpha op(A) x[xOff..] + beta y[yOff..]; A at aOff with row stride lda. Modifies {@code y}. */
  public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                          float[] x, int xOff, float beta, float[] y, int yOff) {
    Gemm.checkMatrix("A", a, aOff, m, n, lda);
    Objects.checkFromIndexSize(xOff, trans ? m : n, x.length);
    Objects.checkFromIndexSize(yOff, trans ? n : m, y.length);
    if (Kernels.backend() == Kernels.Backend.SCALAR || !Kernels.VECTOR_ENABLED) {
      scalar(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    } else {
      vector(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }
  }

  /** Readable reference (double accumulation); same contract as {@link #gemv}. */
  static void scalar(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                     float[] x, int xOff, float beta, float[] y, int yOff) {
    int rows = trans ? n : m, cols = trans ? m : n;
    for (int i = 0; i < rows; i++) {
      double acc = 0;
      for (int j = 0; j < cols; j++) {
        float av = trans ? a[aOff + j * lda + i] : a[aOff + i * lda + j];
        acc += (double) av * x[xOff + j];
      }
      float old = beta == 0f ? 0f : beta * y[yOff + i];
      y[yOff + i] = (float) (alpha * acc + old);
    }
  }

  /** Vector API version, no argument checks (callers check). */
  static void vector(boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                     float[] x, int xOff, float beta, float[] y, int yOff) {
    if (trans) {
      vectorTrans(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    } else {
      vectorNoTrans(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }
  }

  /** y[i] = alpha dot(A[i,:], x) + beta y[i]: four rows at a time share each load of x (order: see the class). */
  private static void vectorNoTrans(int m, int n, float alpha, float[] a, int aOff, int lda,
                                    float[] x, int xOff, float beta, float[] y, int yOff) {
    int ub = S.loopBound(n);
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
      FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector xv = FloatVector.fromArray(S, x, xOff + j);
        s0 = FloatVector.fromArray(S, a, r0 + j).fma(xv, s0);
        s1 = FloatVector.fromArray(S, a, r1 + j).fma(xv, s1);
        s2 = FloatVector.fromArray(S, a, r2 + j).fma(xv, s2);
        s3 = FloatVector.fromArray(S, a, r3 + j).fma(xv, s3);
      }
      float t0 = Lanes.sum(s0), t1 = Lanes.sum(s1), t2 = Lanes.sum(s2), t3 = Lanes.sum(s3);
      // Scalar tail of the columns, in column order.
      for (; j < n; j++) {
        float xj = x[xOff + j];
        t0 += a[r0 + j] * xj;
        t1 += a[r1 + j] * xj;
        t2 += a[r2 + j] * xj;
        t3 += a[r3 + j] * xj;
      }
      update(y, yOff + i, alpha * t0, beta);
      update(y, yOff + i + 1, alpha * t1, beta);
      update(y, yOff + i + 2, alpha * t2, beta);
      update(y, yOff + i + 3, alpha * t3, beta);
    }
    for (; i < m; i++) {  // leftover rows
      update(y, yOff + i, alpha * Vec.dot(a, aOff + i * lda, x, xOff, n), beta);
    }
  }

  private static void update(float[] y, int idx, float v, float beta) {
    y[idx] = beta == 0f ? v : v + beta * y[idx];
  }

  /** y = alpha A^T x + beta y: y += (alpha x[i]) A[i,:] for four rows of A per pass over y. */
  private static void vectorTrans(int m, int n, float alpha, float[] a, int aOff, int lda,
                                  float[] x, int xOff, float beta, float[] y, int yOff) {
    // Step 1: y = beta y, without reading y when beta == 0.
    if (beta == 0f) {
      Vec.fill(y, yOff, n, 0f);
    } else if (beta != 1f) {
      Vec.scale(beta, y, yOff, n);
    }
    // Step 2: accumulate four scaled rows of A per load/store of y.
    int ub = S.loopBound(n);
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
      float x0 = alpha * x[xOff + i], x1 = alpha * x[xOff + i + 1];
      float x2 = alpha * x[xOff + i + 2], x3 = alpha * x[xOff + i + 3];
      FloatVector v0 = FloatVector.broadcast(S, x0), v1 = FloatVector.broadcast(S, x1);
      FloatVector v2 = FloatVector.broadcast(S, x2), v3 = FloatVector.broadcast(S, x3);
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector yv = FloatVector.fromArray(S, y, yOff + j);
        yv = FloatVector.fromArray(S, a, r0 + j).fma(v0, yv);
        yv = FloatVector.fromArray(S, a, r1 + j).fma(v1, yv);
        yv = FloatVector.fromArray(S, a, r2 + j).fma(v2, yv);
        yv = FloatVector.fromArray(S, a, r3 + j).fma(v3, yv);
        yv.intoArray(y, yOff + j);
      }
      for (; j < n; j++) {  // scalar tail of the columns
        y[yOff + j] += x0 * a[r0 + j] + x1 * a[r1 + j] + x2 * a[r2 + j] + x3 * a[r3 + j];
      }
    }
    for (; i < m; i++) {  // leftover rows
      Vec.axpy(alpha * x[xOff + i], a, aOff + i * lda, y, yOff, n);
    }
  }
}
