package org.taunet.train;

import java.util.List;

/**
 * Global gradient L2 norm and norm clipping (Pascanu et al. 2013): g &lt;- g * min(1, c / ||g||), where ||g|| is the
 * norm over every gradient of the model together.
 *
 * <p>The norm is accumulated in double, in a fixed order (parameters in list order, elements in index order), so it
 * is the same on every run and thread count. The scale is applied in float inside the optimizer's update loop
 * ({@code g[i] * scale}); a scale of exactly 1 leaves every gradient bit unchanged.
 */
public final class GradNorm {
  private GradNorm() {}

  /** sqrt(sum over params, in list order, of sum over i of (double) g_i^2); NaN or infinite if a gradient is. */
  public static double of(List<Param> params) {
    double s = 0;
    for (Param p : params) {
      for (float g : p.grad()) s += (double) g * g;
    }
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
