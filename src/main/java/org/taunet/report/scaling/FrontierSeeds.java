package org.taunet.report.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.taunet.report.RunData;
import org.taunet.sweep.SweepSpec;

/**
 * The follow-up of a budget sweep: a sweep spec that trains the {@link #TOP} best ELM cells of each budget again at
 * {@link #SEEDS} more seeds, so the frontier's losses get a seed spread and a winner picked out of many cells at one
 * seed is re-measured at fresh ones. Cells are ranked in {@link ParetoFrontier#SELECTION} order: by their lowest
 * validation loss (valid_loss, or valid_bpc for text), not by the test loss that the report shows. The spec keeps
 * the sweep's command, flags, args and resources; its allocation lists the cells explicitly (budget, units, ke, kc)
 * and its only grid axis is the seed:
 * {@code taunet sweep run frontier-seeds.yaml --out SWEEP2}, then {@code taunet report DIR --with SWEEP2}.
 */
final class FrontierSeeds {
  static final int TOP = 2, SEEDS = 2;

  private FrontierSeeds() {}

  /** The spec, or null where the sweep has grid axes besides its seed or no ended ELM run with a validation loss. */
  static SweepSpec spec(SweepSpec sweep, List<RunData> runs) {
    String seedAxis = sweep.seedAxis();
    if (sweep.grid().keySet().stream().anyMatch(k -> !k.equals(seedAxis))) return null;
    Map<Double, List<ParetoFrontier.Point>> byBudget = new TreeMap<>();
    String loss = ScalingReport.firstColumn(runs, ScalingReport.LOSS);
    for (ParetoFrontier.Point p : ScalingReport.points(runs, seedAxis, loss)) {
      if (p.elm() && Double.isFinite(p.select())) byBudget.computeIfAbsent(p.budget(), b -> new ArrayList<>()).add(p);
    }
    if (byBudget.isEmpty()) return null;
    Map<String, List<String>> cells = new LinkedHashMap<>();
    for (String col : List.of("budget", "units", "ke", "kc")) cells.put(col, new ArrayList<>());
    for (List<ParetoFrontier.Point> g : byBudget.values()) {
      g.sort(ParetoFrontier.SELECTION);
      for (ParetoFrontier.Point p : g.subList(0, Math.min(TOP, g.size()))) {
        cells.get("budget").add(String.valueOf((long) p.budget()));
        cells.get("units").add(String.valueOf(p.units()));
        cells.get("ke").add(String.valueOf(p.ke()));
        cells.get("kc").add(String.valueOf(p.kc()));
      }
    }
    long last = sweep.grid().getOrDefault(seedAxis, List.of("0")).stream().mapToLong(Long::parseLong).max().orElse(0);
    List<String> seeds = new ArrayList<>();
    for (int s = 1; s <= SEEDS; s++) seeds.add(String.valueOf(last + s));
    return new SweepSpec(sweep.name() + "-frontier-seeds", sweep.study(), "the " + TOP + " best ELM cells of each "
        + "budget of " + sweep.name() + " (by validation loss) at " + SEEDS + " more seeds", sweep.command(),
        sweep.flags(), sweep.args(), Map.of(seedAxis, seeds), new SweepSpec.Allocation("explicit", cells), null,
        seedAxis, sweep.resources(), Map.of());
  }
}
