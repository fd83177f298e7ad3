package org.taunet.numerics;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two passes of a softmax over one row [off, off + n): its maximum, and e^(x - max) with their sum. The
 * exponential is {@link DetMath#exp}, so a row gives the same bits on every JIT tier (not {@code Math.exp}, whose
 * last bits differ between interpreted and compiled code). Vector loop and scalar tail, as {@link Vec}; with
 * {@code -Dtaunet.vector=false} only the scalar loops run.
 */
public final class Softmax {
  private static final VectorSpecies<Float> S = Lanes.SPECIES;
  private static final int L = S.length();
  private static final boolean VECTOR = Kernels.VECTOR_ENABLED;

  private Softmax() {}

  /** max_i x[off+i] for n &gt;= 1 (NaN if any element is NaN). Reads only. */
  public static float max(float[] x, int off, int n) {
    Objects.checkFromIndexSize(off, n, x.length);
    if (n < 1) throw new IllegalArgumentException("max of an empty row");
    int i = 0;
    float m = Float.NEGATIVE_INFINITY;
    if (VECTOR && n >= L) {
      FloatVector acc = FloatVector.fromArray(S, x, off);
      for (int ub = S.loopBound(n), j = L; j < ub; j += L) acc = acc.max(FloatVector.fromArray(S, x, off + j));
      m = acc.reduceLanes(VectorOperators.MAX);  // max is exact: any order gives the same bits
      i = S.loopBound(n);
    }
    for (; i < n; i++) m = Math.max(m, x[off + i]);
    return m;
  }

  /**
   * out[outOff+i] = e^(x[off+i] - shift) for i &lt; n; returns their float sum, in the fixed order of
   * {@link Vec#sum} (lane l sums elements l, l + L, ... of the vector part, the lanes in the tree of {@link Lanes#sum},
   * then the tail in index order). Modifies {@code out} (which may be {@code x}).
   */
  public static float expShifted(float[] x, int off, int n, float shift, float[] out, int outOff) {
    Objects.checkFromIndexSize(off, n, x.length);
    Objects.checkFromIndexSize(outOff, n, out.length);
    int i = 0;
    float s = 0f;
    if (VECTOR) {
      FloatVector acc = FloatVector.zero(S);
      for (int ub = S.loopBound(n); i < ub; i += L) {
        FloatVector e = DetMath.exp(FloatVector.fromArray(S, x, off + i).sub(shift));
        e.intoArray(out, outOff + i);
        acc = acc.add(e);
      }
      s = Lanes.sum(acc);
    }
    return s + expShiftedScalar(x, off + i, n - i, shift, out, outOff + i);
  }

  static float expShiftedScalar(float[] x, int off, int n, float shift, float[] out, int outOff) {
    float s = 0f;
    for (int i = 0; i < n; i++) {
      float e = DetMath.exp(x[off + i] - shift);
      out[outOff + i] = e;
      s += e;
    }
    return s;
  }
}
