package org.taunet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taunet.sweep.PointState;

class AggregatesTest {
  /** A run whose metrics have columns step, loss, accuracy (as an RNN run would write). */
  static RunData run(String cond, Map<String, String> params, PointState.State state, double... acc) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < acc.length; i++) {
      Map<String, String> r = new LinkedHashMap<>();
      r.put("step", Integer.toString(100 * (i + 1)));
      r.put("loss", Double.toString(1 - acc[i]));
      r.put("accuracy", Double.toString(acc[i]));
      r.put("seconds", "1.0");
      rows.add(r);
    }
    return new RunData(cond, cond, params, new PointState(state, ""), Map.of(), rows, Map.of());
  }

  @Test
  void columnsAreFoundByNameWhateverTheCommand() {
    List<RunData> runs = List.of(run("a", Map.of(), PointState.State.FINISHED, 0.5, 0.6));
    assertEquals("step", Aggregates.xColumn(runs));
    assertEquals(List.of("loss", "accuracy"), Aggregates.curveColumns(runs, "step"));
    assertEquals("accuracy", Aggregates.primaryMetric(List.of("loss", "accuracy")));
    assertEquals("test_acc", Aggregates.accuracyColumn(List.of("train_acc", "test_acc")));
    assertEquals("bpc", Aggregates.primaryMetric(List.of("bpc")));
    assertNull(Aggregates.accuracyColumn(List.of("loss")));
  }

  @Test
  void curvesAverageAcrossRunsAtEachStep() {
    List<RunData> runs = List.of(run("a", Map.of(), PointState.State.FINISHED, 0.2, 0.4),
        run("a", Map.of(), PointState.State.FINISHED, 0.4, 0.8, 0.9));
    Aggregates.Curve c = Aggregates.curve(runs, "step", "accuracy");
    assertArrayEquals(new double[] {100, 200, 300}, c.x());
    assertArrayEquals(new double[] {0.3, 0.6, 0.9}, c.mean(), 1e-12);
    assertEquals(Math.sqrt(0.02), c.sd()[0], 1e-12);
    assertArrayEquals(new int[] {2, 2, 1}, c.n());
    assertTrue(c.hasSpread());
  }

  @Test
  void stabilityCountsStatesAndMeasuresEpochToEpochFluctuation() {
    // second half of 0.5,0.6,0.7,0.6,0.8 (e = 2..4): changes 0.1, -0.1, 0.2, sample variance 0.07/3
    double v = Aggregates.epochToEpochVariance(new double[] {0.5, 0.6, 0.7, 0.6, 0.8});
    assertEquals(0.07 / 3, v, 1e-12);
    assertTrue(Double.isNaN(Aggregates.epochToEpochVariance(new double[] {0.5, 0.6})));
    List<RunData> runs = List.of(run("c", Map.of(), PointState.State.FINISHED, 0.5, 0.7),
        run("c", Map.of(), PointState.State.FINISHED, 0.5, 0.9),
        run("c", Map.of(), PointState.State.DIVERGED, 0.3, Double.NaN));
    Aggregates.ConditionStats s = Aggregates.stats("c", runs, "accuracy");
    assertEquals(2, s.finished());
    assertEquals(1, s.diverged());
    assertEquals(1.0 / 3, s.unstableFraction(), 1e-12);
    assertEquals((0.7 + 0.9 + 0.3) / 3, s.finalMean(), 1e-12);   // the diverged run's last finite value counts
    assertEquals(3, s.finalN());
  }

  @Test
  void plotsAreSplitByTheFirstVaryingAxisWhenThereAreManyConditions() {
    List<RunData> runs = new ArrayList<>();
    for (String d : List.of("mnist", "kmnist")) {
      for (String t : List.of("0.5", "n", "g", "u")) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dataset", d);
        p.put("tau", t);
        p.put("seed", "1");
        runs.add(run("dataset=" + d + " tau=" + t, p, PointState.State.FINISHED, 0.5));
      }
    }
    assertEquals("dataset", Report.facetAxis(runs, "seed"));
    assertEquals("tau=n", Report.label(runs.get(1), "dataset", "seed"));
    assertNull(Report.facetAxis(runs.subList(0, 4), "seed"));
    assertEquals("curve-test_acc-fashion-mnist.png", Report.fileName("curve", "test_acc", "fashion-mnist"));
  }
}
