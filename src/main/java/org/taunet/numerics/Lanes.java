package org.taunet.numerics;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fixed-order lane reductions for the Vector API kernels.
 *
 * <p>{@code FloatVector.reduceLanes(VectorOperators.ADD)} leaves the order of the float additions unspecified, and
 * HotSpot does use different orders in interpreted, C1 and C2 code, so a sum could change bits when the JIT compiled
 * the method in the middle of a run. {@link #sum} always adds in one fixed pairwise tree: with L lanes it adds lane i
 * and lane i + L/2, then the results L/4 apart, and so on, i.e. for L = 8
 * {@code ((v0 + v4) + (v2 + v6)) + ((v1 + v5) + (v3 + v7))}. Every step is a lanewise add and a lane permutation,
 * which are exact on every execution tier, so the result depends only on the lane values (and on L, the preferred
 * vector width of the machine).
 */
public final class Lanes {
  /** The species every kernel uses; {@link #sum} takes vectors of this species only. */
  public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();
  // lane i <-> lane i ^ d; null where d >= L. Constant fields, so C2 sees constant shuffles.
  private static final VectorShuffle<Float> X1 = swap(1), X2 = swap(2), X4 = swap(4), X8 = swap(8);

  private Lanes() {}

  private static VectorShuffle<Float> swap(int d) {
    return d < L ? VectorShuffle.fromOp(SPECIES, i -> i ^ d) : null;
  }

  /**
   * The sum of the lanes of {@code v} (species {@link #SPECIES}) in the fixed pairwise order described above. Same bits
   * on every execution tier; reads only.
   */
  public static float sum(FloatVector v) {
    if (L > 16) return sumWide(v);
    if (L > 8) v = v.add(v.rearrange(X8));
    if (L > 4) v = v.add(v.rearrange(X4));
    if (L > 2) v = v.add(v.rearrange(X2));
    if (L > 1) v = v.add(v.rearrange(X1));
    return v.lane(0);
  }

  /** Vectors wider than 16 floats (e.g. long SVE): the same tree, on the lanes copied out. */
  private static float sumWide(FloatVector v) {
    float[] x = v.toArray();
    for (int d = x.length / 2; d >= 1; d /= 2) {
      for (int i = 0; i < d; i++) x[i] = x[i] + x[i + d];
    }
    return x[0];
  }
}
