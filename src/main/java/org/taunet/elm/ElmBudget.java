package org.taunet.elm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Allocations (N, k_e, k_c) of an ELM network near a parameter budget P: N, k_e and k_c are three independent axes,
 * each on a value ladder, and an allocation is listed when its exact parameter count ({@link ElmShape#paramCount})
 * is within a relative tolerance of P, |params - P| &lt;= tolerance P.
 */
public final class ElmBudget {
  private ElmBudget() {}

  /** One allocation and its exact parameter count. */
  public record Point(int units, int ke, int kc, long params) {}

  /** A value ladder: powers of two (1, 2, 4, 8, ...), or dense (1, 2, 3, 4, 6, 8, 12, 16, ...: 2^j and 3 2^j). */
  public enum Ladder {
    POW2, DENSE;

    /** The ladder's values in [1, max], ascending. */
    public List<Integer> upTo(int max) {
      TreeSet<Integer> v = new TreeSet<>();
      for (long p = 1; p <= max; p *= 2) {
        v.add((int) p);
        if (this == DENSE && 3 * p <= max) v.add((int) (3 * p));
      }
      return List.copyOf(v);
    }

    /** pow2 or dense, in any case. */
    public static Ladder parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown ladder '" + s + "' (pow2, dense)", e);
      }
    }
  }

  /**
   * The ladders the enumeration walks: N up to {@code maxUnits}, k_e up to {@code maxKe}, k_c up to {@code maxKc}
   * (0: up to the neuron's source pool, inputs + N - 1, so that no synapse reads a source twice).
   */
  public record Ladders(Ladder kind, int maxUnits, int maxKe, int maxKc) {
    /** Powers of two with N &lt;= 1024, k_e &lt;= 512, k_c &lt;= the source pool. */
    public static final Ladders DEFAULT = new Ladders(Ladder.POW2, 1024, 512, 0);

    public Ladders {
      if (kind == null) throw new IllegalArgumentException("ladder kind missing");
      if (maxUnits < 1 || maxKe < 1 || maxKc < 0) {
        throw new IllegalArgumentException("ladder bounds: max-units and max-ke >= 1, max-kc >= 0 (0 = the pool)");
      }
    }
  }

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
   * Every (N, k_e, k_c) on the ladders whose exact parameter count is within {@code tolerance} P of budget P, ordered
   * by N, then k_e, then k_c; other architecture fields (branches, MLP width, version, learned tau) from cfg.
   */
  public static List<Point> enumerate(ElmConfig cfg, int inputs, int outputs, long budget, double tolerance,
      Ladders ladders) {
    if (budget < 1) throw new IllegalArgumentException("budget must be >= 1, got " + budget);
    if (!(tolerance >= 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
    double lo = (1 - tolerance) * budget, hi = (1 + tolerance) * budget;
    List<Point> out = new ArrayList<>();
    for (int n : ladders.kind().upTo(ladders.maxUnits())) {
      int pool = inputs + (n > 1 ? n - 1 : 0);
      int maxKc = ladders.maxKc() == 0 ? pool : Math.min(ladders.maxKc(), pool);
      for (int ke : ladders.kind().upTo(ladders.maxKe())) {
        ElmConfig c = withSize(cfg, n, ke);
        if (c.shape(inputs, outputs, 1).paramCount() > hi) break; // grows with k_e: no larger k_e fits either
        for (int kc : ladders.kind().upTo(maxKc)) {
          if (cfg.branches() > kc) continue;
          long p = c.shape(inputs, outputs, kc).paramCount();
          if (p > hi) break;
          if (p >= lo) out.add(new Point(n, ke, kc, p));
        }
      }
    }
    return out;
  }

  /**
   * One allocation per (N, k_e) cell: of {@code points} (as {@link #enumerate} lists them), the k_c whose count is
   * nearest P (the smaller k_c on a tie), in the listing's order. A budget's (N, k_e) tradeoff map then has one point
   * per cell.
   */
  public static List<Point> closestPerCell(List<Point> points, long budget) {
    java.util.LinkedHashMap<List<Integer>, Point> best = new java.util.LinkedHashMap<>();
    for (Point p : points) {
      best.merge(List.of(p.units(), p.ke()), p,
          (a, b) -> Math.abs(b.params() - budget) < Math.abs(a.params() - budget) ? b : a);
    }
    return List.copyOf(best.values());
  }

  /** cfg with N = units and k_e = ke (k_c is given to {@link ElmConfig#shape(int, int, int)} directly). */
  static ElmConfig withSize(ElmConfig c, int units, int ke) {
    return c.with("units=" + units, "ke=" + ke);
  }
}
