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
    // 8 allocations for every budget (each has more within 10% of P): 7 x 8 x 3 seeds
    assertEquals(7 * 8 * 3, Expansion.points(paper).size());
  }
}
