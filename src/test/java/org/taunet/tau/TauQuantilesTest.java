package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Quantiles against closed forms, and the median of the largest draw against simulation. */
class TauQuantilesTest {
  @Test
  void quantilesMatchClosedForms() {
    assertEquals(0.5, TauQuantiles.quantile(TauSpec.of("0.5"), 0.3), 1e-12);
    // the cut below 0.001 (mass Phi(-4.99) = 3e-7) moves the median up by about 3e-7 * 0.1 / (2 phi(0)) = 4e-8
    assertEquals(0.5, TauQuantiles.quantile(TauSpec.of("normal:mean=0.5,sd=0.1,min=0.001"), 0.5), 1e-7);
    assertEquals(0.5, TauQuantiles.quantile(TauSpec.of("normal:mean=0.5,sd=0.1,min=0.001,max=0.999"), 0.5), 1e-12);
    // N(0.5, 0.1^2) at p = 0.975: 0.5 + 0.1 * 1.959963984540054 (the truncation at 0.001 moves it by < 1e-7)
    assertEquals(0.5 + 0.1959963984540054, TauQuantiles.quantile(TauSpec.of("normal:mean=0.5,sd=0.1"), 0.975), 1e-7);
    // gamma with k = 1 is exponential: Q(p) = -theta ln(1 - p)
    assertEquals(-0.7 * Math.log(0.1), TauQuantiles.quantile(TauSpec.of("gamma:mean=0.7,k=1"), 0.9), 1e-9);
    assertEquals(0.2 + 0.25 * 1.6, TauQuantiles.quantile(TauSpec.of("uniform:0.2,1.8"), 0.25), 1e-10);
    // lognormal median e^mu with mu = ln m - sigma^2/2, sigma^2 = ln(1 + cv^2)
    double s2 = Math.log(1 + 0.25);
    assertEquals(Math.exp(Math.log(1.0) - s2 / 2), TauQuantiles.quantile(TauSpec.of("lognormal:mean=1,sd=0.5"), 0.5), 1e-9);
    TauDistribution bi = TauSpec.of("bimodal:0.25,0.75,exact=true");
    assertEquals(0.25, TauQuantiles.quantile(bi, 0.5), 1e-10);
    assertEquals(0.75, TauQuantiles.quantile(bi, 0.51), 1e-10);
    assertEquals(0.75, TauQuantiles.largestOf(bi, 510), 1e-10);
    // truncated normal: the upper bound is the limit of the largest draw
    assertEquals(1.0, TauQuantiles.quantile(TauSpec.of("normal:mean=0.5,sd=0.1,min=0.05,max=1"), 1 - 1e-12), 1e-6);
  }

  @Test
  void largestOfIsTheMedianOfTheSimulatedMaximum() {
    TauDistribution g = TauSpec.of("gamma:mean=0.5,k=4");
    SplittableRandom rng = new SplittableRandom(17);
    double[] max = new double[2001];
    for (int r = 0; r < max.length; r++) {
      float[] dt = g.sample(510, rng);
      double m = 0;
      for (float v : dt) m = Math.max(m, v);
      max[r] = m;
    }
    Arrays.sort(max);
    double simulated = max[max.length / 2];
    assertEquals(simulated, TauQuantiles.largestOf(g, 510), 0.02 * simulated);
  }
}
