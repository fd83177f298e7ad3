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
  void quartilesInterpolateLinearlyBetweenSortedValues() {
    assertArrayEquals(new double[] {1.75, 2.5, 3.25}, Stats.quartiles(new double[] {4, Double.NaN, 1, 3, 2}), 1e-12);
    assertEquals(7.0, Stats.quantile(new double[] {7}, 0.5));
  }
}
