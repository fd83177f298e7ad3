package org.taunet.numerics;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise float kernels over array ranges {@code [off, off + n)}. Each has a Vector API loop
 * and a scalar tail; with {@code -Dtaunet.vector=false} only the scalar loop runs (the package-
 * private {@code *Scalar} methods, which are also the test references). The caller owns every
 * buffer; each method's Javadoc says which argument it modifies. Whole-array overloads require
 * equal lengths.
 */
public final class Vec {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final boolean VECTOR = Kernels.VECTOR_ENABLED;

  private Vec() {}

  /** y += a x. Modifies {@code y}. */
  public static void axpy(float a, float[] x, float[] y) {
    axpy(a, x, 0, y, 0, sameLength(x, y));
  }

  /** y[yOff+i] += a x[xOff+i] for i &lt; n. Modifies {@code y}. */
  public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    int i = 0;
    if (VECTOR) {
      FloatVector av = FloatVector.broadcast(S, a);
      for (int ub = S.loopBound(n); i < ub; i += L) {
        FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
        FloatVector.fromArray(S, x, xOff + i).fma(av, yv).intoArray(y, yOff + i);
      }
    }
    axpyScalar(a, x, xOff + i, y, yOff + i, n - i);
  }

  static void axpyScalar(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) y[yOff + i] += a * x[xOff + i];
  }

  /** x *= a. Modifies {@code x}. */
  public static void scale(float a, float[] x) {
    scale(a, x, 0, x.length);
  }

  /** x[off+i] *= a for i &lt; n. Modifies {@code x}. */
  public static void scale(float a, float[] x, int off, int n) {
    Objects.checkFromIndexSize(off, n, x.length);
    int i = 0;
    if (VECTOR) {
      for (int ub = S.loopBound(n); i < ub; i += L) {
        FloatVector.fromArray(S, x, off + i).mul(a).intoArray(x, off + i);
      }
    }
    scaleScalar(a, x, off + i, n - i);
  }

  static void scaleScalar(float a, float[] x, int off, int n) {
    for (int i = 0; i < n; i++) x[off + i] *= a;
  }

  /** Elementwise binary operations shared by add, sub and mul. */
  private enum Op { ADD, SUB, MUL }

  /** out = x + y (out may be x or y). Modifies {@code out}. */
  public static void add(float[] x, float[] y, float[] out) {
    add(x, 0, y, 0, out, 0, sameLength(x, y, out));
  }

  /** out[outOff+i] = x[xOff+i] + y[yOff+i] for i &lt; n. Modifies {@code out}. */
  public static void add(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
    binary(Op.ADD, x, xOff, y, yOff, out, outOff, n);
  }

  /** out = x - y (out may be x or y). Modifies {@code out}. */
  public static void sub(float[] x, float[] y, float[] out) {
    sub(x, 0, y, 0, out, 0, sameLength(x, y, out));
  }

  /** out[outOff+i] = x[xOff+i] - y[yOff+i] for i &lt; n. Modifies {@code out}. */
  public static void sub(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
    binary(Op.SUB, x, xOff, y, yOff, out, outOff, n);
  }

  /** out = x * y elementwise (out may be x or y). Modifies {@code out}. */
  public static void mul(float[] x, float[] y, float[] out) {
    mul(x, 0, y, 0, out, 0, sameLength(x, y, out));
  }

  /** out[outOff+i] = x[xOff+i] * y[yOff+i] for i &lt; n. Modifies {@code out}. */
  public static void mul(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
    binary(Op.MUL, x, xOff, y, yOff, out, outOff, n);
  }

  private static void binary(Op op, float[] x, int xOff, float[] y, int yOff, float[] out,
                             int outOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    Objects.checkFromIndexSize(outOff, n, out.length);
    int i = 0;
    if (VECTOR) {
      // One loop per operation, so each loop body is a single vector instruction.
      int ub = S.loopBound(n);
      switch (op) {
        case ADD -> {
          for (; i < ub; i += L) {
            FloatVector.fromArray(S, x, xOff + i).add(FloatVector.fromArray(S, y, yOff + i))
                .intoArray(out, outOff + i);
          }
        }
        case SUB -> {
          for (; i < ub; i += L) {
            FloatVector.fromArray(S, x, xOff + i).sub(FloatVector.fromArray(S, y, yOff + i))
                .intoArray(out, outOff + i);
          }
        }
        case MUL -> {
          for (; i < ub; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i))
                .intoArray(out, outOff + i);
          }
        }
      }
    }
    binaryScalar(op.ordinal(), x, xOff + i, y, yOff + i, out, outOff + i, n - i);
  }

  /** Scalar reference for add (op 0), sub (op 1) and mul (op 2). */
  static void binaryScalar(int op, float[] x, int xOff, float[] y, int yOff, float[] out,
                           int outOff, int n) {
    for (int i = 0; i < n; i++) {
      float a = x[xOff + i], b = y[yOff + i];
      out[outOff + i] = op == 0 ? a + b : op == 1 ? a - b : a * b;
    }
  }

  /**
   * Returns the dot product of x and y. Reads only. The vector loop accumulates in float vector
   * lanes (two vectors of partial sums, reduced at the end), so the rounding differs from a
   * sequential float sum; it is typically more accurate, not less.
   *
   * <p>Fixed order (the same bits on every JIT tier): with L lanes, accumulator s0 takes the
   * products of elements i = 2 L j + l and s1 those of i = 2 L j + L + l (fma, in j order), a last
   * single block of L goes to s0; then s0 + s1 lanewise, the lanes added in the tree of
   * {@link Lanes#sum}, and finally the leftover elements one by one in index order.
   */
  public static float dot(float[] x, float[] y) {
    return dot(x, 0, y, 0, sameLength(x, y));
  }

  /** Returns sum of x[xOff+i] y[yOff+i] for i &lt; n (float vector accumulation). Reads only. */
  public static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    int i = 0;
    float s = 0f;
    if (VECTOR && n >= L) {  // below one vector the lane sum would be 0: the same bits without it
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
      for (int ub = n - 2 * L + 1; i < ub; i += 2 * L) {  // two accumulators hide FMA latency
        s0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s0);
        s1 = FloatVector.fromArray(S, x, xOff + i + L)
            .fma(FloatVector.fromArray(S, y, yOff + i + L), s1);
      }
      for (int ub = S.loopBound(n); i < ub; i += L) {
        s0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s0);
      }
      s = Lanes.sum(s0.add(s1));
    }
    return s + dotScalar(x, xOff + i, y, yOff + i, n - i);
  }

  static float dotScalar(float[] x, int xOff, float[] y, int yOff, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s += x[xOff + i] * y[yOff + i];
    return s;
  }

  /** Returns the sum of x (float vector accumulation, as {@link #dot}). Reads only. */
  public static float sum(float[] x) {
    return sum(x, 0, x.length);
  }

  /**
   * Returns the sum of x[off+i] for i &lt; n (float vector accumulation). Reads only. Fixed order: lane l
   * sums elements l, l + L, ... in order, the lanes are added in the tree of {@link Lanes#sum}, then
   * the leftover elements in index order.
   */
  public static float sum(float[] x, int off, int n) {
    Objects.checkFromIndexSize(off, n, x.length);
    int i = 0;
    float s = 0f;
    if (VECTOR) {
      FloatVector acc = FloatVector.zero(S);
      for (int ub = S.loopBound(n); i < ub; i += L) acc = acc.add(FloatVector.fromArray(S, x, off + i));
      s = Lanes.sum(acc);
    }
    return s + sumScalar(x, off + i, n - i);
  }

  static float sumScalar(float[] x, int off, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s += x[off + i];
    return s;
  }

  /** x[i] = v for all i. Modifies {@code x}. */
  public static void fill(float[] x, float v) {
    fill(x, 0, x.length, v);
  }

  /** x[off+i] = v for i &lt; n. Modifies {@code x}. */
  public static void fill(float[] x, int off, int n, float v) {
    Objects.checkFromIndexSize(off, n, x.length);
    int i = 0;
    if (VECTOR) {
      FloatVector vv = FloatVector.broadcast(S, v);
      for (int ub = S.loopBound(n); i < ub; i += L) vv.intoArray(x, off + i);
    }
    for (; i < n; i++) x[off + i] = v;
  }

  /** x = min(max(x, lo), hi) in place (NaN stays NaN). Modifies {@code x}. */
  public static void clip(float[] x, float lo, float hi) {
    clip(x, 0, x.length, lo, hi);
  }

  /** x[off+i] = min(max(x[off+i], lo), hi) for i &lt; n. Modifies {@code x}. */
  public static void clip(float[] x, int off, int n, float lo, float hi) {
    Objects.checkFromIndexSize(off, n, x.length);
    if (!(lo <= hi)) throw new IllegalArgumentException("clip: lo > hi: " + lo + " > " + hi);
    int i = 0;
    if (VECTOR) {
      for (int ub = S.loopBound(n); i < ub; i += L) {
        FloatVector.fromArray(S, x, off + i).max(lo).min(hi).intoArray(x, off + i);
      }
    }
    clipScalar(x, off + i, n - i, lo, hi);
  }

  static void clipScalar(float[] x, int off, int n, float lo, float hi) {
    for (int i = 0; i < n; i++) x[off + i] = Math.min(Math.max(x[off + i], lo), hi);
  }

  /** dst = src. Modifies {@code dst}. */
  public static void copy(float[] src, float[] dst) {
    copy(src, 0, dst, 0, sameLength(src, dst));
  }

  /**
   * dst[dstOff+i] = src[srcOff+i] for i &lt; n. Modifies {@code dst}. Uses System.arraycopy, which the
   * JIT already turns into vector moves (and which handles overlapping ranges).
   */
  public static void copy(float[] src, int srcOff, float[] dst, int dstOff, int n) {
    System.arraycopy(src, srcOff, dst, dstOff, n);
  }

  private static int sameLength(float[] x, float[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("length mismatch: " + x.length + " vs " + y.length);
    }
    return x.length;
  }

  private static int sameLength(float[] x, float[] y, float[] out) {
    sameLength(x, out);
    return sameLength(x, y);
  }
}
