package org.taunet.elm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.sweep.AllocationProvider;
import org.taunet.sweep.Allocations;

/**
 * ELM's sweep allocation function {@code elm-budget} (issue 4: "given a parameter budget P, a helper lists the
 * (N, k_e, k_c) points that fit it"), registered with {@link Allocations} through
 * {@code META-INF/services/org.taunet.sweep.AllocationProvider}.
 */
public final class ElmAllocations implements AllocationProvider {
  @Override
  public Map<String, Allocations.AllocationFunction> allocations() {
    return Map.of("elm-budget", ElmAllocations::elmBudget);
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
      for (ElmBudget.Point a : Allocations.spread(fit, points)) {
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

  private static String single(Map<String, List<String>> args, String key, String def) {
    List<String> v = args.get(key);
    if (v == null || v.isEmpty()) return def;
    if (v.size() != 1) throw new IllegalArgumentException("elm-budget: arg '" + key + "' takes one value, got " + v);
    return v.get(0);
  }
}
