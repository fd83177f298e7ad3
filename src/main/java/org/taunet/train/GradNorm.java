package org.taunet.train;

import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.taunet.numerics.Kernels;

/**
 * Global gradient L2 norm and norm clipping (Pascanu et al. 2013): g &lt;- g * min(1, c / ||g||), where ||g|| is the
 * norm over every gradient of the model together.
 *
 * <p>The norm is accumulated in double, in a fixed order ({@link #of}), so it is the same on every run and thread
 * count. The scale is applied in float inside the optimizer's update loop
 * ({@code g[i] * scale}); a scale of exactly 1 leaves every gradient bit unchanged.
 */
public final class GradNorm {
  private GradNorm() {}

  /** Independent partial sums of {@link #of}: breaks the add-latency chain of one double accumulator. */
  static final int LANES = 8;
  private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
  private static final VectorSpecies<Double> D8 = DoubleVector.SPECIES_512;
  /**
   * The block loop on the Vector API: 8 floats widened to 8 doubles, lane j being partial sum j, where the machine
   * has 512-bit vectors (elsewhere the 8-double species would be emulated, slower than the scalar loop).
   */
  static final boolean VECTOR = Kernels.VECTOR_ENABLED && DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

  /**
   * sqrt of the sum of (double) g_i^2 over every gradient; NaN or infinite if a gradient is. Element i of the
   * concatenation of the gradients (list order) goes to partial sum i mod {@link #LANES}; the partial sums are added
   * in lane order at the end. The order is fixed, so the norm is the same on every run and thread count.
   */
  public static double of(List<Param> params) {
    double[] acc = new double[LANES];
    int lane = 0;
    for (Param p : params) {
      float[] g = p.grad();
      int i = 0, n = g.length;
      for (; lane != 0 && i < n; i++) { // finish the block of LANES the previous gradient started
        acc[lane] += (double) g[i] * g[i];
        lane = (lane + 1) % LANES;
      }
      if (VECTOR && i + LANES <= n) {
        // (double) g * g is exact in double (24-bit significands), so a lane's fma adds exactly what the scalar
        // loop's multiply and add do: the same bits
        DoubleVector a = DoubleVector.fromArray(D8, acc, 0);
        for (; i + LANES <= n; i += LANES) {
          DoubleVector d = (DoubleVector) FloatVector.fromArray(F8, g, i).convertShape(VectorOperators.F2D, D8, 0);
          a = d.fma(d, a);
        }
        a.intoArray(acc, 0);
      }
      double a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3], a4 = acc[4], a5 = acc[5], a6 = acc[6], a7 = acc[7];
      for (; i + LANES <= n; i += LANES) {
        a0 += (double) g[i] * g[i];
        a1 += (double) g[i + 1] * g[i + 1];
        a2 += (double) g[i + 2] * g[i + 2];
        a3 += (double) g[i + 3] * g[i + 3];
        a4 += (double) g[i + 4] * g[i + 4];
        a5 += (double) g[i + 5] * g[i + 5];
        a6 += (double) g[i + 6] * g[i + 6];
        a7 += (double) g[i + 7] * g[i + 7];
      }
      acc[0] = a0; acc[1] = a1; acc[2] = a2; acc[3] = a3; acc[4] = a4; acc[5] = a5; acc[6] = a6; acc[7] = a7;
      for (; i < n; i++) { // tail: starts a block at lane 0
        acc[lane] += (double) g[i] * g[i];
        lane = (lane + 1) % LANES;
      }
    }
    double s = 0;
    for (double a : acc) s += a;
    return Math.sqrt(s);
  }

  /** The reference of {@link #of}: one lane at a time, element i of the concatenation to lane i mod LANES. */
  static double reference(List<Param> params) {
    double[] acc = new double[LANES];
    long i = 0;
    for (Param p : params) for (float g : p.grad()) acc[(int) (i++ % LANES)] += (double) g * g;
    double s = 0;
    for (double a : acc) s += a;
    return Math.sqrt(s);
  }

  /**
   * The factor that brings a gradient of norm {@code norm} down to {@code maxNorm}: {@code (float) (maxNorm / norm)}
   * if {@code maxNorm > 0} and {@code norm > maxNorm}, else exactly 1 (clipping off, gradient within bounds, or a
   * NaN norm, which the optimizer's non-finite policy handles).
   */
  public static float clipScale(double norm, double maxNorm) {
    return maxNorm > 0 && norm > maxNorm ? (float) (maxNorm / norm) : 1f;
  }
}
