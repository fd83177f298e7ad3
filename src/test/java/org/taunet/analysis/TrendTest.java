package org.taunet.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spearman's rho and its permutation p against hand-counted and R values. */
class TrendTest {
  @Test
  void midranksShareTiedRanks() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Trend.midranks(new double[] {1, 5, 5, 9}));
  }

  @Test
  void exactPOfFivePairsMatchesR() {
    // R: cor.test(1:5, c(2, 1, 4, 3, 5), method = "spearman"): rho = 0.8, p = 0.1333 (16 of 120 orderings have
    // |rho| >= 0.8: S = sum d^2 <= 4 or >= 36)
    Trend.Spearman s = Trend.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}, 0, 1);
    assertEquals(0.8, s.rho(), 1e-12);
    assertEquals(16 / 120.0, s.p(), 1e-12);
    assertTrue(s.exact());
  }

  @Test
  void randomPermutationsForLargerSamplesWithTies() {
    double[] x = new double[18], y = new double[18], noise = new double[18];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < 18; i++) {
      x[i] = i / 3;   // 6 values, 3 runs each, as a single-axis sweep
      y[i] = -x[i] + 0.3 * r.nextGaussian();
      noise[i] = r.nextGaussian();
    }
    Trend.Spearman down = Trend.spearman(x, y, 20000, 7);
    assertTrue(down.rho() < -0.8 && down.p() < 1e-3 && !down.exact(), down.toString());
    assertEquals(down, Trend.spearman(x, y, 20000, 7), "same seed, same p");
    Trend.Spearman none = Trend.spearman(x, noise, 20000, 7);
    assertTrue(none.p() > 0.05, none.toString());
    assertTrue(Double.isNaN(Trend.spearman(new double[] {1, 2}, new double[] {1, 2}, 10, 1).rho()));
  }
}
