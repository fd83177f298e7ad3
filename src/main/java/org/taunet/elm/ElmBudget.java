package org.taunet.elm;

import java.util.ArrayList;
import java.util.List;

/** Allocations (N, k_e, k_c) of an ELM network that fit a parameter budget P (closed form {@link ElmShape#paramCount}). */
public final class ElmBudget {
  private ElmBudget() {}

  /** One allocation and its exact parameter count. */
  public record Point(int units, int ke, int kc, long params) {}

  /** Largest k_c in [1, source pool] whose network fits the budget (other fields from cfg); 0 if none. */
  static int maxSynapses(ElmConfig cfg, int inputs, int outputs, long budget) {
    int pool = inputs + (cfg.units() > 1 ? cfg.units() - 1 : 0);
    int lo = 0, hi = pool; // parameters grow with k_c: binary search the last one that fits
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (cfg.shape(inputs, outputs, mid).paramCount() <= budget) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * For N and k_e on powers of two (N up to 1024, k_e up to 512), the largest k_c that fits budget P, listed when
   * the allocation uses at least (1 - slack) P; other architecture fields (branches, MLP width, version) from cfg.
   */
  public static List<Point> fit(ElmConfig cfg, int inputs, int outputs, long budget, double slack) {
    List<Point> out = new ArrayList<>();
    for (int n = 1; n <= 1024; n *= 2) {
      for (int ke = 1; ke <= 512; ke *= 2) {
        ElmConfig c = withSize(cfg, n, ke);
        int kc = maxSynapses(c, inputs, outputs, budget);
        if (kc < 1) continue;
        long p = c.shape(inputs, outputs, kc).paramCount();
        if (p >= (1 - slack) * budget) out.add(new Point(n, ke, kc, p));
      }
    }
    return out;
  }

  static ElmConfig withSize(ElmConfig c, int units, int ke) {
    return new ElmConfig(c.task(), c.model(), units, ke, c.kc(), c.branches(), c.mlpHidden(), c.version(),
        c.activation(), c.tauMin(), c.tauMax(), c.tau(), c.learnTau(), c.tauS(), c.lambda(), c.wsInit(), c.hidden(),
        c.budget(), c.binMs(), c.epochs(), c.batchSize(), c.lr(), c.gradClip(), c.segment(), c.evalEvery(),
        c.evalBytes(), c.minutes(), c.checkpointEvery(), c.checkpointMinutes(), c.seed(), c.initFrom());
  }
}
