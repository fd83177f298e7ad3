package org.taunet.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.taunet.elm.ElmBudget;
import org.taunet.elm.ElmConfig;

/**
 * Named allocation functions: each turns a spec's {@code allocation.args} into rows of flags, one sweep point
 * per row (e.g. every (units, ke, kc) that fits each parameter budget). Built in:
 * <ul>
 *   <li>{@code explicit}: the args are parallel columns (equal lengths), row i takes element i of each.
 *   <li>{@code elm-budget}: the ELM package's budget listing ({@link ElmBudget#fit}; issue 4: "given a parameter
 *       budget P, a helper lists the (N, k_e, k_c) points that fit it"), see {@link #elmBudget}.
 * </ul>
 */
public final class Allocations {
  private Allocations() {}

  /** Flag rows from allocation args (each arg a list of values). */
  @FunctionalInterface
  public interface AllocationFunction {
    /** The rows of flags (flag name without "--" to value), in a stable order. */
    List<Map<String, String>> allocate(Map<String, List<String>> args);
  }

  private static final Map<String, AllocationFunction> BUILT_IN = new ConcurrentHashMap<>();

  static {
    BUILT_IN.put("explicit", Allocations::explicit);
    BUILT_IN.put("elm-budget", Allocations::elmBudget);
  }

  /** Registers (or replaces) the function called {@code name}. */
  public static void register(String name, AllocationFunction f) {
    BUILT_IN.put(name, f);
  }

  /** The function called {@code name}. */
  public static AllocationFunction get(String name) {
    AllocationFunction f = BUILT_IN.get(name);
    if (f == null) throw new IllegalArgumentException("unknown allocation function '" + name + "' (known: "
        + String.join(", ", new java.util.TreeSet<>(BUILT_IN.keySet())) + ")");
    return f;
  }

  /** Zips parallel columns into rows. */
  static List<Map<String, String>> explicit(Map<String, List<String>> args) {
    int n = -1;
    for (var e : args.entrySet()) {
      if (n >= 0 && e.getValue().size() != n) throw new IllegalArgumentException("explicit allocation: column '"
          + e.getKey() + "' has " + e.getValue().size() + " values, the others " + n);
      n = e.getValue().size();
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(n, 0); i++) {
      Map<String, String> row = new LinkedHashMap<>();
      for (var e : args.entrySet()) row.put(e.getKey(), e.getValue().get(i));
      rows.add(row);
    }
    return rows;
  }

  /**
   * Input channels and classes of the spike tasks, for {@code elm-budget}'s parameter counts: SHD has 700 channels
   * and 20 classes, FSDD is encoded into 128 cochlea channels (CochleaConfig.DEFAULT) with 10 digits; the adding
   * tasks score 19 sums. Kept here so expanding a sweep never loads a dataset.
   */
  static final Map<String, int[]> TASK_SHAPES = Map.of("fsdd", new int[] {128, 10}, "fsdd-adding", new int[] {128, 19},
      "shd", new int[] {700, 20}, "shd-adding", new int[] {700, 19});

  /**
   * {@code elm-budget}: for each {@code budget} P, the allocations of {@link ElmBudget#fit} (N and k_e on powers of
   * two, the largest k_c that fits, using at least (1 - slack) P) under the default architecture, as rows
   * {budget, units, ke, kc}. Args (one value each unless noted): {@code budget} (list, required); {@code task}
   * (sets inputs/outputs, default fsdd-adding) or {@code inputs} and {@code outputs}; {@code slack} (default 0.1);
   * {@code max-units} (default 1024); {@code points}: at most this many rows per budget, evenly spaced over the
   * listing ordered by (N, k_e), so they span N from few large neurons to many small ones (default: all).
   * The run gets {@code --budget P} too, so {@code elm train} recomputes the same k_c and checks the fit.
   */
  static List<Map<String, String>> elmBudget(Map<String, List<String>> args) {
    for (String k : args.keySet()) {
      if (!List.of("budget", "task", "inputs", "outputs", "slack", "max-units", "points").contains(k)) {
        throw new IllegalArgumentException("elm-budget: unknown arg '" + k + "' (budget, task, inputs, outputs, "
            + "slack, max-units, points)");
      }
    }
    List<String> budgets = args.get("budget");
    if (budgets == null || budgets.isEmpty()) throw new IllegalArgumentException("elm-budget: needs budget: [P, ...]");
    String task = single(args, "task", "fsdd-adding");
    int[] shape = TASK_SHAPES.get(task);
    if (shape == null) throw new IllegalArgumentException("elm-budget: unknown task '" + task + "' (known: "
        + String.join(", ", new java.util.TreeSet<>(TASK_SHAPES.keySet())) + "); or give inputs and outputs");
    int inputs = Integer.parseInt(single(args, "inputs", String.valueOf(shape[0])));
    int outputs = Integer.parseInt(single(args, "outputs", String.valueOf(shape[1])));
    double slack = Double.parseDouble(single(args, "slack", "0.1"));
    int maxUnits = Integer.parseInt(single(args, "max-units", "1024"));
    int points = Integer.parseInt(single(args, "points", "0"));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String b : budgets) {
      long p = (long) Double.parseDouble(b);   // 1e4 and 10000 both work
      List<ElmBudget.Point> fit = ElmBudget.fit(ElmConfig.defaults(), inputs, outputs, p, slack).stream()
          .filter(a -> a.units() <= maxUnits).toList();
      if (fit.isEmpty()) throw new IllegalArgumentException("elm-budget: no allocation of " + inputs + " inputs, "
          + outputs + " outputs fits budget " + p + " (slack " + slack + ", max-units " + maxUnits + ")");
      for (ElmBudget.Point a : spread(fit, points)) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("budget", String.valueOf(p));
        row.put("units", String.valueOf(a.units()));
        row.put("ke", String.valueOf(a.ke()));
        row.put("kc", String.valueOf(a.kc()));
        rows.add(row);
      }
    }
    return rows;
  }

  /** At most {@code k} elements of {@code all} at evenly spaced indices, first and last included (k <= 0: all). */
  static <T> List<T> spread(List<T> all, int k) {
    if (k <= 0 || k >= all.size()) return all;
    if (k == 1) return List.of(all.get(all.size() / 2));
    List<T> out = new ArrayList<>();
    for (int j = 0; j < k; j++) out.add(all.get((int) Math.round(j * (all.size() - 1) / (double) (k - 1))));
    return out;
  }

  private static String single(Map<String, List<String>> args, String key, String def) {
    List<String> v = args.get(key);
    if (v == null || v.isEmpty()) return def;
    if (v.size() != 1) throw new IllegalArgumentException("elm-budget: arg '" + key + "' takes one value, got " + v);
    return v.get(0);
  }
}
