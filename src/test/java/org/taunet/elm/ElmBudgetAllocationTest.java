package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taunet.sweep.Allocations;
import org.taunet.sweep.Expansion;
import org.taunet.sweep.Studies;
import org.taunet.sweep.SweepSpec;

/** The elm-budget allocation function: rows that fit their budget, spread and sized by the args. */
class ElmBudgetAllocationTest {
  @Test
  void everyRowIsWithinTheToleranceOfItsBudget() {
    var rows = Allocations.get("elm-budget").allocate(Map.of("task", List.of("fsdd"), "budget",
        List.of("1000", "1e4", "50000")));
    assertTrue(rows.size() > 10, rows.toString());
    for (Map<String, String> row : rows) {
      long budget = Long.parseLong(row.get("budget"));
      ElmConfig c = ElmConfig.defaults().with("task=fsdd", "units=" + row.get("units"), "ke=" + row.get("ke"));
      long p = c.shape(128, 10, Integer.parseInt(row.get("kc"))).paramCount();
      assertTrue(Math.abs(p - budget) <= 0.1 * budget, row + " has " + p + " parameters");
    }
  }

  @Test
  void pointsAndMaxUnitsLimitTheRowsPerBudget() {
    var rows = Allocations.get("elm-budget").allocate(Map.of("task", List.of("fsdd"), "budget",
        List.of("2000", "50000"), "points", List.of("3"), "max-units", List.of("16")));
    assertEquals(6, rows.size(), rows.toString());
    for (Map<String, String> row : rows) assertTrue(Integer.parseInt(row.get("units")) <= 16, row.toString());
    // first and last of the (N, k_e, k_c) listing: the fewest and the most neurons
    List<ElmBudget.Point> all = ElmAllocations.points(Map.of("task", List.of("fsdd"), "budget", List.of("2000"),
        "max-units", List.of("16")));
    assertEquals(String.valueOf(all.get(0).units()), rows.get(0).get("units"));
    assertEquals(String.valueOf(all.get(all.size() - 1).units()), rows.get(2).get("units"));
    assertEquals("16", rows.get(5).get("units"));
    assertEquals(List.of(1, 3), Allocations.spread(List.of(1, 2, 3), 2));
    assertThrows(IllegalArgumentException.class, () -> Allocations.get("elm-budget").allocate(Map.of("budget",
        List.of("10"))));
    assertThrows(IllegalArgumentException.class, () -> Allocations.get("elm-budget").allocate(Map.of("budget",
        List.of("1000"), "bugdet", List.of("1"))));
  }

  @Test
  void thePaperSizeReplacesTheBudgetsOfTheStudy() throws Exception {
    SweepSpec small = Studies.load("elm-scaling");
    assertEquals(12, Expansion.points(small).size());
    SweepSpec paper = small.withSize("paper");
    assertEquals(List.of("fsdd-adding"), paper.allocation().args().get("task"));
    assertEquals(7, paper.allocation().args().get("budget").size());
    long cells = 0;   // one allocation per (N, k_e) cell of the dense ladders, N <= 256, within 10 % of each budget
    for (String p : paper.allocation().args().get("budget")) {
      cells += ElmAllocations.points(Map.of("budget", List.of(p), "max-units", List.of("256"), "ladder",
          List.of("dense"), "pick", List.of("closest"))).size();
    }
    assertTrue(cells > 7 * 20, cells + " cells");
    assertEquals(cells * 3, Expansion.points(paper).size());
  }

  @Test
  void theSingleAxisSizeSweepsEachAxisThroughTheCentre() throws Exception {
    SweepSpec spec = Studies.load("elm-scaling").withSize("single-axis");
    assertEquals("elm-axes", spec.allocation().function());
    var points = Expansion.points(spec);
    assertEquals(16 * 3, points.size()); // 6 values per axis, the centre shared: 1 + 3 x 5, x 3 seeds
    java.util.Set<String> triples = new java.util.HashSet<>();
    for (var p : points) {
      int n = Integer.parseInt(p.params().get("units")), ke = Integer.parseInt(p.params().get("ke")),
          kc = Integer.parseInt(p.params().get("kc"));
      assertTrue((ke == 8 && kc == 32) || (n == 8 && kc == 32) || (n == 8 && ke == 8), p.params().toString());
      triples.add(n + "/" + ke + "/" + kc);
    }
    assertEquals(16, triples.size());
    assertEquals("fsdd-adding", points.get(0).flags().get("task"));
    assertThrows(IllegalArgumentException.class, () -> Allocations.get("elm-axes").allocate(Map.of("center",
        List.of("8", "8"))));
  }

  @Test
  void theStressSizeTrainsOneAllocationPerCellAtSevenBudgets() throws Exception {
    var points = Expansion.points(Studies.load("elm-scaling").withSize("stress"));
    java.util.Map<String, java.util.Set<String>> cells = new java.util.TreeMap<>();
    java.util.Map<String, Integer> baselines = new java.util.TreeMap<>();
    for (var p : points) {
      if (p.params().containsKey("model")) {
        baselines.merge(p.params().get("model"), 1, Integer::sum);
        continue;
      }
      long budget = Long.parseLong(p.params().get("budget"));
      int n = Integer.parseInt(p.params().get("units")), ke = Integer.parseInt(p.params().get("ke"));
      long count = ElmConfig.defaults().with("units=" + n, "ke=" + ke).shape(128, 19,
          Integer.parseInt(p.params().get("kc"))).paramCount();
      assertTrue(n <= 64 && Math.abs(count - budget) <= 0.2 * budget, p.params() + ": " + count);
      assertTrue(cells.computeIfAbsent(p.params().get("budget"), k -> new java.util.HashSet<>()).add(n + "/" + ke),
          "one allocation per (N, k_e): " + p.params());
    }
    assertEquals(7, cells.size(), cells.keySet().toString());
    assertEquals(78, cells.values().stream().mapToInt(java.util.Set::size).sum());
    assertEquals(java.util.Map.of("leaky-rnn", 7, "lstm", 7), baselines);
  }

  @Test
  void theGcideSizeTrainsEveryModelOnTheSameBytes() throws Exception {
    var points = Expansion.points(Studies.load("elm-scaling").withSize("gcide"));
    java.util.Set<String> budgets = new java.util.TreeSet<>();
    for (var p : points) {
      budgets.add(p.params().get("budget"));
      assertEquals("text", p.flags().get("task"));
      assertEquals("1000", p.flags().get("max-steps"), "a fixed number of training bytes for every model");
      if (p.params().containsKey("model")) continue;
      long count = ElmConfig.defaults().with("units=" + p.params().get("units"), "ke=" + p.params().get("ke"))
          .shape(256, 256, Integer.parseInt(p.params().get("kc"))).paramCount();
      long budget = Long.parseLong(p.params().get("budget"));
      assertTrue(Math.abs(count - budget) <= 0.2 * budget, p.params() + ": " + count);
    }
    assertEquals(java.util.Set.of("3000", "10000", "30000", "100000", "300000"), budgets);
  }

  @Test
  void closestPerCellKeepsTheKcNearestTheBudget() {
    List<ElmBudget.Point> all = List.of(new ElmBudget.Point(1, 2, 1, 90), new ElmBudget.Point(1, 2, 2, 104),
        new ElmBudget.Point(1, 2, 4, 97), new ElmBudget.Point(2, 1, 1, 110), new ElmBudget.Point(2, 1, 2, 90));
    assertEquals(List.of(new ElmBudget.Point(1, 2, 4, 97), new ElmBudget.Point(2, 1, 1, 110)),
        ElmBudget.closestPerCell(all, 100));
    assertThrows(IllegalArgumentException.class, () -> Allocations.get("elm-budget").allocate(Map.of("budget",
        List.of("1000"), "pick", List.of("nearest"))));
  }

  @Test
  void baselineRowsFollowEachBudgetsElmRows() {
    var rows = Allocations.get("elm-budget").allocate(Map.of("budget", List.of("1000", "3000"), "points",
        List.of("2"), "baseline", List.of("lstm forget-bias=3 lr=1e-3", "leaky-rnn")));
    assertEquals(8, rows.size(), rows.toString());
    assertEquals(Map.of("budget", "1000", "model", "lstm", "forget-bias", "3", "lr", "1e-3"), rows.get(2));
    assertEquals(Map.of("budget", "1000", "model", "leaky-rnn"), rows.get(3));
    assertEquals("3000", rows.get(7).get("budget"));
    assertTrue(rows.get(4).containsKey("units") && !rows.get(4).containsKey("model"), rows.get(4).toString());
    for (String bad : List.of("gru", "lstm lr", "lstm units=4")) {
      assertThrows(IllegalArgumentException.class, () -> Allocations.get("elm-budget").allocate(Map.of("budget",
          List.of("1000"), "baseline", List.of(bad))), bad);
    }
  }

  @Test
  void minUnitsPerBudgetAndBaselineBudgetsNarrowTheRows() {
    var all = Allocations.get("elm-budget").allocate(Map.of("budget", List.of("1000", "30000"), "pick",
        List.of("closest"), "max-units", List.of("64"), "tolerance", List.of("0.2")));
    var rows = Allocations.get("elm-budget").allocate(Map.of("budget", List.of("1000", "30000"), "pick",
        List.of("closest"), "max-units", List.of("64"), "tolerance", List.of("0.2"), "min-units", List.of("1", "16"),
        "baseline", List.of("leaky-rnn"), "baseline-budgets", List.of("1e3")));
    var elm1000 = all.stream().filter(r -> r.get("budget").equals("1000")).toList();
    var big = all.stream().filter(r -> r.get("budget").equals("30000") && Integer.parseInt(r.get("units")) >= 16)
        .toList();
    assertTrue(big.size() > 0 && big.size() < all.size() - elm1000.size(), all.toString());
    // 1e3: every cell, then its baseline; 3e4: only the cells with N >= 16, and no baseline
    assertEquals(elm1000, rows.subList(0, elm1000.size()));
    assertEquals(Map.of("budget", "1000", "model", "leaky-rnn"), rows.get(elm1000.size()));
    assertEquals(big, rows.subList(elm1000.size() + 1, rows.size()));
    for (List<String> bad : List.of(List.of("1", "2", "3"), List.of("128"))) {
      assertThrows(IllegalArgumentException.class, () -> Allocations.get("elm-budget").allocate(Map.of("budget",
          List.of("1000", "3000"), "max-units", List.of("64"), "min-units", bad)), bad.toString());
    }
  }
}
