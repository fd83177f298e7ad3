package org.taunet.elm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.sweep.AllocationProvider;
import org.taunet.sweep.Allocations;

/**
 * ELM's sweep allocation functions {@code elm-budget} (issue 4: "given a parameter budget P, a helper lists the
 * (N, k_e, k_c) points that fit it"; issue 14: all three axes free) and {@code elm-axes} (single-axis sweeps through
 * a centre point), registered with {@link Allocations} through
 * {@code META-INF/services/org.taunet.sweep.AllocationProvider}.
 */
public final class ElmAllocations implements AllocationProvider {
  @Override
  public Map<String, Allocations.AllocationFunction> allocations() {
    return Map.of("elm-budget", ElmAllocations::elmBudget, "elm-axes", ElmAllocations::elmAxes);
  }

  /**
   * Input channels and classes of the spike tasks, for {@code elm-budget}'s parameter counts: SHD has 700 channels
   * and 20 classes, FSDD is encoded into 128 cochlea channels (CochleaConfig.DEFAULT) with 10 digits; the adding
   * tasks score 19 sums; the character LMs (text, enwik8) read and predict one of 256 bytes (TextCorpus.VOCAB).
   * Kept here so expanding a sweep never loads a dataset.
   */
  static final Map<String, int[]> TASK_SHAPES = Map.of("fsdd", new int[] {128, 10}, "fsdd-adding", new int[] {128, 19},
      "shd", new int[] {700, 20}, "shd-adding", new int[] {700, 19}, "text", new int[] {256, 256},
      "enwik8", new int[] {256, 256});

  /** The args {@code elm-budget} takes. */
  static final List<String> ARGS = List.of("budget", "task", "inputs", "outputs", "tolerance", "ladder", "max-units",
      "max-ke", "max-kc", "pick", "points", "baseline", "min-units", "baseline-budgets");

  /**
   * {@code elm-budget}: for each {@code budget} P, the allocations of {@link ElmBudget#enumerate} (N, k_e and k_c on
   * a ladder, exact parameter count within tolerance P of P) under the default architecture, as rows
   * {budget, units, ke, kc}. Args (one value each unless noted): {@code budget} (list, required); {@code task}
   * (sets inputs/outputs, default fsdd-adding) or {@code inputs} and {@code outputs}; {@code tolerance} (default
   * 0.1); {@code ladder} (pow2 or dense, default pow2); {@code max-units} (default 1024), {@code max-ke} (512),
   * {@code max-kc} (0: the source pool); {@code points}: at most this many rows per budget, evenly spaced over the
   * listing ordered by (N, k_e, k_c), so they span N from few large neurons to many small ones (default: all);
   * {@code pick}: {@code all} (default) or {@code closest}, one allocation per (N, k_e), the k_c nearest P
   * ({@link ElmBudget#closestPerCell}), applied before {@code points}.
   * The run gets {@code --budget P} too, recorded with it as the point's budget (k_c is set, so P sizes nothing).
   * {@code baseline} (list): after each budget's ELM rows, one row per entry, "MODEL flag=value ..." (e.g.
   * "lstm forget-bias=3 lr=1e-3"): {budget, model, flags}, a baseline that {@code --budget P} sizes;
   * {@code baseline-budgets} (list, default every budget): the budgets that train the baselines.
   * {@code min-units}: one value, or one per budget (parallel to {@code budget}): the budget keeps only the cells
   * with N at least this (e.g. only the frontier candidates at the most expensive budget; default 1).
   */
  static List<Map<String, String>> elmBudget(Map<String, List<String>> args) {
    checkArgs(args);
    List<String> budgets = args.get("budget");
    if (budgets == null || budgets.isEmpty()) throw new IllegalArgumentException("elm-budget: needs budget: [P, ...]");
    int points = Integer.parseInt(single(args, "points", "0"));
    List<Map<String, String>> baselines = new ArrayList<>();
    for (String b : args.getOrDefault("baseline", List.of())) baselines.add(baselineRow(b));
    List<String> minUnits = args.getOrDefault("min-units", List.of("1"));
    if (minUnits.size() != 1 && minUnits.size() != budgets.size()) throw new IllegalArgumentException(
        "elm-budget: min-units takes one value or one per budget (" + budgets.size() + "), got " + minUnits);
    List<Long> baselineBudgets = args.getOrDefault("baseline-budgets", budgets).stream()
        .map(ElmAllocations::parseBudget).toList();
    List<Map<String, String>> rows = new ArrayList<>();
    for (int k = 0; k < budgets.size(); k++) {
      String b = budgets.get(k);
      int min = Integer.parseInt(minUnits.get(minUnits.size() == 1 ? 0 : k).trim());
      Map<String, List<String>> one = new LinkedHashMap<>(args);
      one.put("budget", List.of(b));
      for (String key : List.of("points", "baseline", "min-units", "baseline-budgets")) one.remove(key);
      List<ElmBudget.Point> cells = points(one).stream().filter(a -> a.units() >= min).toList();
      if (cells.isEmpty()) throw new IllegalArgumentException("elm-budget: no allocation of budget " + b
          + " has N >= " + min);
      for (ElmBudget.Point a : Allocations.spread(cells, points)) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("budget", String.valueOf(parseBudget(b)));
        row.put("units", String.valueOf(a.units()));
        row.put("ke", String.valueOf(a.ke()));
        row.put("kc", String.valueOf(a.kc()));
        rows.add(row);
      }
      if (!baselineBudgets.contains(parseBudget(b))) continue;
      for (Map<String, String> base : baselines) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("budget", String.valueOf(parseBudget(b)));
        row.putAll(base);
        rows.add(row);
      }
    }
    return rows;
  }

  /** "lstm forget-bias=3 lr=1e-3" as {model: lstm, forget-bias: 3, lr: 1e-3}. */
  static Map<String, String> baselineRow(String spec) {
    String[] words = spec.trim().split("\\s+");
    if (!List.of("lstm", "leaky-rnn").contains(words[0])) {
      throw new IllegalArgumentException("elm-budget: baseline '" + spec + "' must start with lstm or leaky-rnn");
    }
    Map<String, String> row = new LinkedHashMap<>();
    row.put("model", words[0]);
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      String key = eq > 0 ? words[i].substring(0, eq) : "";
      if (eq <= 0 || eq == words[i].length() - 1 || List.of("budget", "model", "units", "ke", "kc").contains(key)) {
        throw new IllegalArgumentException("elm-budget: baseline '" + spec + "': '" + words[i]
            + "' is not flag=value (budget, model, units, ke and kc are set by the row)");
      }
      row.put(key, words[i].substring(eq + 1));
    }
    return row;
  }

  /**
   * The allocations of one budget (the args of {@code elm-budget} with a single {@code budget} and no
   * {@code points}), with their exact parameter counts: what {@code taunet elm budget} lists.
   *
   * @throws IllegalArgumentException for an unknown arg or task, a malformed value, or no allocation in range
   */
  public static List<ElmBudget.Point> points(Map<String, List<String>> args) {
    checkArgs(args);
    long p = parseBudget(single(args, "budget", "0"));
    String task = single(args, "task", "fsdd-adding");
    int[] shape = TASK_SHAPES.get(task);
    if (shape == null) throw new IllegalArgumentException("elm-budget: unknown task '" + task + "' (known: "
        + String.join(", ", new java.util.TreeSet<>(TASK_SHAPES.keySet())) + "); or give inputs and outputs");
    int inputs = Integer.parseInt(single(args, "inputs", String.valueOf(shape[0])));
    int outputs = Integer.parseInt(single(args, "outputs", String.valueOf(shape[1])));
    double tolerance = Double.parseDouble(single(args, "tolerance", "0.1"));
    ElmBudget.Ladders d = ElmBudget.Ladders.DEFAULT;
    ElmBudget.Ladders ladders = new ElmBudget.Ladders(ElmBudget.Ladder.parse(single(args, "ladder", "pow2")),
        Integer.parseInt(single(args, "max-units", String.valueOf(d.maxUnits()))),
        Integer.parseInt(single(args, "max-ke", String.valueOf(d.maxKe()))),
        Integer.parseInt(single(args, "max-kc", String.valueOf(d.maxKc()))));
    List<ElmBudget.Point> fit = ElmBudget.enumerate(ElmConfig.defaults(), inputs, outputs, p, tolerance, ladders);
    String pick = single(args, "pick", "all");
    if (pick.equals("closest")) fit = ElmBudget.closestPerCell(fit, p);
    else if (!pick.equals("all")) throw new IllegalArgumentException("elm-budget: pick must be all or closest, got '" + pick + "'");
    if (fit.isEmpty()) throw new IllegalArgumentException("elm-budget: no allocation of " + inputs + " inputs, "
        + outputs + " outputs is within " + tolerance + " P of budget " + p + " (" + ladders + ")");
    return fit;
  }

  /**
   * {@code elm-axes}: single-axis sweeps through a centre (N, k_e, k_c): the centre, then each axis over its values
   * with the other two at the centre, as rows {units, ke, kc} (the centre once). Args: {@code center} (three values:
   * N, k_e, k_c) and {@code units}, {@code ke}, {@code kc} (each axis' values; an axis left out is not swept).
   */
  static List<Map<String, String>> elmAxes(Map<String, List<String>> args) {
    for (String k : args.keySet()) {
      if (!List.of("center", "units", "ke", "kc").contains(k)) {
        throw new IllegalArgumentException("elm-axes: unknown arg '" + k + "' (center, units, ke, kc)");
      }
    }
    List<String> center = args.get("center");
    if (center == null || center.size() != 3) throw new IllegalArgumentException("elm-axes: needs center: [N, k_e, k_c]");
    List<String> axes = List.of("units", "ke", "kc");
    java.util.LinkedHashSet<List<Integer>> points = new java.util.LinkedHashSet<>();
    List<Integer> mid = center.stream().map(v -> positive(v, "center")).toList();
    points.add(mid);
    for (int a = 0; a < 3; a++) {
      for (String v : args.getOrDefault(axes.get(a), List.of())) {
        List<Integer> p = new ArrayList<>(mid);
        p.set(a, positive(v, axes.get(a)));
        points.add(List.copyOf(p));
      }
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<Integer> p : points) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int a = 0; a < 3; a++) row.put(axes.get(a), String.valueOf(p.get(a)));
      rows.add(row);
    }
    return rows;
  }

  private static int positive(String v, String arg) {
    int x = Integer.parseInt(v.trim());
    if (x < 1) throw new IllegalArgumentException("elm-axes: " + arg + " values must be >= 1, got " + v);
    return x;
  }

  private static void checkArgs(Map<String, List<String>> args) {
    for (String k : args.keySet()) {
      if (!ARGS.contains(k)) {
        throw new IllegalArgumentException("elm-budget: unknown arg '" + k + "' (" + String.join(", ", ARGS) + ")");
      }
    }
  }

  private static long parseBudget(String b) {
    double v = Double.parseDouble(b);   // 1e4 and 10000 both work
    if (!(v >= 1)) throw new IllegalArgumentException("elm-budget: budget must be >= 1, got " + b);
    return (long) v;
  }

  private static String single(Map<String, List<String>> args, String key, String def) {
    List<String> v = args.get(key);
    if (v == null || v.isEmpty()) return def;
    if (v.size() != 1) throw new IllegalArgumentException("elm-budget: arg '" + key + "' takes one value, got " + v);
    return v.get(0);
  }
}
