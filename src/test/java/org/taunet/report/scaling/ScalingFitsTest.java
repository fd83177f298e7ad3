package org.taunet.report.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pareto frontier, power-law fit and information-model fit on data with known answers. */
class ScalingFitsTest {
  static ParetoFrontier.Point pt(double budget, int n, int ke, double loss) {
    return new ParetoFrontier.Point(budget, n, ke, 1, budget, loss, Double.NaN, 1);
  }

  @Test
  void frontierKeepsTheLowestFiniteLossPerBudgetInBudgetOrder() {
    List<ParetoFrontier.Point> pts = List.of(pt(1e4, 1, 8, 0.9), pt(1e3, 4, 2, 1.5), pt(1e3, 1, 8, 1.2),
        pt(1e4, 8, 2, 0.7), pt(1e4, 16, 1, Double.NaN), pt(1e5, 2, 2, Double.NaN), pt(1e3, 2, 4, 1.3));
    List<ParetoFrontier.Point> f = ParetoFrontier.frontier(pts);
    assertEquals(2, f.size());
    assertEquals(pts.get(2), f.get(0));
    assertEquals(pts.get(3), f.get(1));
    assertEquals(List.of(1, 2, 4, 1, 8, 16, 2), ParetoFrontier.sorted(pts).stream().map(ParetoFrontier.Point::units).toList());
  }

  @Test
  void powerLawFitRecoversKnownParametersWithin5Percent() {
    double a = 40, alpha = 0.35, lInf = 0.2;
    double[] p = {1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6};
    double[] y = new double[p.length];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < p.length; i++) y[i] = (a * Math.pow(p[i], -alpha) + lInf) * (1 + 1e-4 * rng.nextGaussian());
    PowerLawFit f = PowerLawFit.fit(p, y);
    assertEquals(a, f.a(), 0.05 * a);
    assertEquals(alpha, f.alpha(), 0.05 * alpha);
    assertEquals(lInf, f.lInf(), 0.05 * lInf);
    assertEquals(0.5, PowerLawFit.fit(new double[] {1, 10, 100}, new double[] {0.5, 0.5, 0.5}).at(1e3), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1, 2}));
  }

  @Test
  void infoModelFitRecoversTheParametersOfDataItGenerated() {
    InfoModel truth = new InfoModel(0.6, 0.04, 0.03, 2.0, 0.15, 0);
    int[] ns = {1, 2, 4, 8, 16, 32, 64, 128};
    int[] kes = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    double[] n = new double[ns.length * kes.length];
    double[] ke = new double[n.length];
    double[] loss = new double[n.length];
    int i = 0;
    for (int a : ns) {
      for (int b : kes) {
        n[i] = a;
        ke[i] = b;
        loss[i++] = truth.loss(a, b);
      }
    }
    InfoModel f = InfoModel.fit(n, ke, loss);
    assertEquals(truth.s(), f.s(), 0.05 * truth.s(), f.toString());
    assertEquals(truth.r(), f.r(), 0.05 * truth.r(), f.toString());
    assertEquals(truth.rho(), f.rho(), 0.05 * truth.rho(), f.toString());
    assertEquals(truth.a(), f.a(), 0.05 * truth.a(), f.toString());
    assertEquals(truth.lInf(), f.lInf(), 0.05 * truth.lInf(), f.toString());
    // the closed form: one neuron with SNR s k_e / (1 + r k_e) carries 1/2 log2(1 + SNR) bits
    assertEquals(0.5 * Math.log(1 + 0.6 * 10 / 1.4) / Math.log(2), truth.bitsPerNeuron(10), 1e-12);
    assertEquals(4 * truth.bitsPerNeuron(10) / (1 + 0.03 * 3), truth.bits(4, 10), 1e-12);
  }

  @Test
  void nelderMeadFindsTheMinimumOfTheRosenbrockFunction() {
    NelderMead.Result r = NelderMead.minimize(x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2),
        new double[] {-1.2, 1}, new double[] {0.5, 0.5}, 1e-20, 10_000);
    assertEquals(1, r.x()[0], 1e-4);
    assertEquals(1, r.x()[1], 1e-4);
  }
}
