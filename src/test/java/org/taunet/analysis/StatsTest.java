package org.taunet.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void meanAndSampleSdSkipNonFiniteValues() {
    double[] ms = Stats.meanSd(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5});
    assertEquals(3.0, ms[0], 1e-12);
    assertEquals(2.0, ms[1], 1e-12);
    assertTrue(Double.isNaN(Stats.meanSd(new double[] {4})[1]), "sd of one value");
    assertTrue(Double.isNaN(Stats.mean(new double[] {Double.NaN})), "mean of no finite value");
  }

  @Test
  void holmMultipliesTheSortedPByTheTestsLeftAndKeepsThemMonotone() {
    // sorted 0.01, 0.02, 0.04, 0.3 -> 4 x 0.01, 3 x 0.02, max(0.06, 2 x 0.04), max(0.08, 0.3)
    assertArrayEquals(new double[] {0.08, 0.04, Double.NaN, 0.3, 0.06},
        Stats.holm(new double[] {0.04, 0.01, Double.NaN, 0.3, 0.02}), 1e-12);
    assertArrayEquals(new double[] {1.0, 1.0}, Stats.holm(new double[] {0.6, 0.7}), 1e-12, "capped at 1");
  }

  @Test
  void quartilesInterpolateLinearlyBetweenSortedValues() {
    assertArrayEquals(new double[] {1.75, 2.5, 3.25}, Stats.quartiles(new double[] {4, Double.NaN, 1, 3, 2}), 1e-12);
    assertEquals(7.0, Stats.quantile(new double[] {7}, 0.5));
  }
}
