package org.taunet.report.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The best cell of a budget against the others: pooled seed sd, Student's t interval and p, roles, tied optima. */
class ContestTest {
  static ParetoFrontier.Point cell(double budget, int units, double loss, double sd, int runs) {
    return new ParetoFrontier.Point("elm", budget, units, 4, 8, budget, loss, sd, 0.5, runs);
  }

  @Test
  void aCellsGapToTheBestHasThePooledSeedSpreadsTInterval() {
    var a = cell(1000, 4, 1.0, 0.1, 3);
    var b = cell(1000, 1, 1.3, 0.2, 3);
    var c = cell(1000, 16, 1.05, Double.NaN, 1);
    Contest.Budget budget = Contest.budget(1000, List.of(b, c, a));
    assertSame(a, budget.best());
    assertEquals(4, budget.df(), "(3 - 1) + (3 - 1); the one-seed cell adds nothing");
    assertEquals(Math.sqrt((2 * 0.01 + 2 * 0.04) / 4), budget.pooledSd(), 1e-12);
    Contest.Row rb = budget.role("smallest-N");
    assertSame(b, rb.cell());
    assertEquals(0.3, rb.diff(), 1e-12);
    // se = s_p sqrt(2/3) = 0.129099, t = 2.32379 on 4 df: F(t) in closed form for 4 df,
    // 1/2 + 3/8 x (1 - t^2 / (12 (1 + t^2/4))) with x = t / sqrt(1 + t^2/4); t_0.975 = 2.776445
    double se = budget.pooledSd() * Math.sqrt(2.0 / 3), t = 0.3 / se, u = 1 + t * t / 4;
    double p = 2 * (0.5 - 0.375 * t / Math.sqrt(u) * (1 - t * t / (12 * u)));
    assertEquals(p, rb.p(), 1e-9);
    assertEquals(0.0808, rb.p(), 1e-4);
    assertEquals(0.3 - 2.776445 * se, rb.lo(), 1e-5);
    assertEquals(0.3 + 2.776445 * se, rb.hi(), 1e-5);
    assertTrue(rb.tied(), "p 0.08: not significantly behind");
    assertEquals("runner-up+smallest-N", rb.role(), "the other three-seed cell");
    assertEquals("largest-N", budget.role("largest-N").role());
    assertEquals("best", budget.role("best").role());
    assertTrue(budget.role("best").tied());
  }

  @Test
  void aCellClearlyBehindIsNotTiedAndABestAtTheEdgeHoldsThatRole() {
    var best = cell(1000, 1, 1.0, 0.01, 3);
    var worse = cell(1000, 8, 1.5, 0.01, 3);
    Contest.Budget budget = Contest.budget(1000, List.of(worse, best));
    assertEquals("best+smallest-N", budget.rows().get(0).role());
    assertEquals("runner-up+largest-N", budget.rows().get(1).role());
    assertTrue(budget.rows().get(1).p() < 1e-6);
    assertFalse(budget.rows().get(1).tied());
    assertTrue(Contest.describe(List.of(budget)).contains("largest-N N=8 +0.500"), Contest.describe(List.of(budget)));
    assertFalse(Contest.describe(List.of(budget)).contains("smallest-N N="), "the best is the smallest-N cell");
  }

  @Test
  void withoutRepeatedSeedsThereIsNoIntervalAndEveryCellCountsAsTied() {
    Contest.Budget budget = Contest.budget(1000, List.of(cell(1000, 1, 1.0, Double.NaN, 1), cell(1000, 2, 2.0,
        Double.NaN, 1)));
    assertTrue(Double.isNaN(budget.pooledSd()));
    Contest.Row r = budget.rows().get(1);
    assertEquals(1.0, r.diff(), 1e-12);
    assertTrue(Double.isNaN(r.p()) && Double.isNaN(r.lo()) && r.tied());
  }

  @Test
  void theBestIsTheCellSelectedOnValidationNotOnTheReportedLoss() {
    var lowTest = new ParetoFrontier.Point("elm", 1000, 1, 4, 8, 1000, 1.0, 0.1, 0.5, 3, 2.0);
    var lowValid = new ParetoFrontier.Point("elm", 1000, 2, 4, 8, 1000, 1.2, 0.1, 0.5, 3, 1.5);
    Contest.Budget budget = Contest.budget(1000, List.of(lowTest, lowValid));
    assertSame(lowValid, budget.best());
    assertEquals(-0.2, budget.rows().get(1).diff(), 1e-12, "the other cell is ahead on test: a negative gap");
    assertEquals(List.of(lowValid), ParetoFrontier.frontier(List.of(lowTest, lowValid)));
  }

  @Test
  void theBestIsPickedAmongTheReMeasuredCells() {
    var finalist = new ParetoFrontier.Point("elm", 1000, 4, 4, 8, 1000, 1.1, 0.1, 0.5, 3, 1.5);
    var luckySeed = new ParetoFrontier.Point("elm", 1000, 8, 4, 8, 1000, 1.0, Double.NaN, 0.5, 1, 1.2);
    var otherFinalist = new ParetoFrontier.Point("elm", 1000, 2, 4, 8, 1000, 1.3, 0.1, 0.5, 3, 1.6);
    Contest.Budget budget = Contest.budget(1000, List.of(luckySeed, otherFinalist, finalist));
    assertSame(finalist, budget.best());
    assertEquals("runner-up+smallest-N", budget.rows().get(1).role(), "the other finalist");
    assertSame(luckySeed, budget.rows().get(2).cell());
    assertEquals(List.of(finalist), ParetoFrontier.frontier(List.of(luckySeed, otherFinalist, finalist)));
    assertSame(finalist, Optimum.rows(List.of(luckySeed, otherFinalist, finalist), null, null).get(0).best());
    // a finalist whose last seed has not ended yet still competes, on its validation loss
    var twoSeeds = new ParetoFrontier.Point("elm", 1000, 2, 4, 8, 1000, 1.3, 0.1, 0.5, 2, 1.4);
    assertSame(twoSeeds, Contest.budget(1000, List.of(luckySeed, twoSeeds, finalist)).best());
  }

  @Test
  void theEdgeRowsOfEveryBudgetAreOneHolmFamily() {
    List<ParetoFrontier.Point> points = List.of(cell(1000, 1, 1.2, 0.1, 3), cell(1000, 4, 1.0, 0.1, 3),
        cell(1000, 16, 1.1, 0.1, 3), cell(1000, 2, 1.05, 0.1, 3),
        cell(3000, 1, 0.8, 0.1, 3), cell(3000, 8, 1.3, 0.1, 3));
    List<Contest.Budget> budgets = Contest.of(points);
    List<Contest.Row> edges = budgets.stream().flatMap(b -> b.rows().stream()).filter(Contest.Row::edge).toList();
    assertEquals(3, edges.size(), "N 1 and 16 at 1e3; N 8 at 3e3, whose best is the smallest N");
    double[] holm = org.taunet.analysis.Stats.holm(edges.stream().mapToDouble(Contest.Row::p).toArray());
    for (int i = 0; i < 3; i++) assertEquals(holm[i], edges.get(i).holm(), 1e-15);
    assertEquals(3 * edges.get(2).p(), edges.get(2).holm(), 1e-15, "the smallest of 3 p values, times 3");
    assertTrue(budgets.get(0).rows().stream().filter(r -> !r.edge()).allMatch(r -> Double.isNaN(r.holm())));
  }

  @Test
  void theOptimumsTrendRangesOverEveryChoiceAmongTiedCells() {
    Contest.Budget b1 = budget(1e3, tied(1), behind(16));   // N = 16 is behind: choosing it would give rho -0.5
    Contest.Budget b2 = budget(1e4, tied(2), tied(8));
    Contest.Budget b3 = budget(1e5, tied(4));
    // choices (1, 2, 4): rho 1; (1, 8, 4): rho 0.5
    assertArrayEquals(new double[] {0.5, 1.0}, Contest.rhoRange(List.of(b1, b2, b3), 0), 1e-12);
    assertArrayEquals(new double[] {0.0, 0.0}, Contest.rhoRange(List.of(b1, b3, budget(1e6, tied(1))), 1),
        "one k_e everywhere: no trend");
    assertTrue(Double.isNaN(Contest.rhoRange(List.of(b1, b2), 0)[0]), "fewer than 3 budgets");
  }

  static Contest.Row tied(int units) {
    return new Contest.Row(cell(0, units, 1, 0.1, 3), "other", 0.01, -0.1, 0.1, 0.5, Double.NaN);
  }

  static Contest.Row behind(int units) {
    return new Contest.Row(cell(0, units, 1, 0.1, 3), "other", 0.5, 0.3, 0.7, 0.001, Double.NaN);
  }

  static Contest.Budget budget(double p, Contest.Row... rows) {
    return new Contest.Budget(p, rows[0].cell(), 0.1, 4, List.of(rows));
  }
}
