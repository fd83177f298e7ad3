package org.taunet.report.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pareto frontier, power-law fit and information-model fit on data with known answers. */
class ScalingFitsTest {
  static ParetoFrontier.Point pt(double budget, int n, int ke, double loss) {
    return new ParetoFrontier.Point("elm", budget, n, ke, 1, budget, loss, Double.NaN, Double.NaN, 1);
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
    double lnC = Math.log(19);
    InfoModel truth = new InfoModel(0.6, 0.04, 20, 0.03, 0.15, lnC, 0);
    int[] ns = {1, 4, 16, 64};
    int[] kes = {1, 4, 16, 64, 256};
    int[] kcs = {2, 8, 32, 128, 512};
    int m = ns.length * kes.length * kcs.length, i = 0;
    double[] n = new double[m], ke = new double[m], kc = new double[m], loss = new double[m];
    for (int a : ns) {
      for (int b : kes) {
        for (int c : kcs) {
          n[i] = a;
          ke[i] = b;
          kc[i] = c;
          loss[i++] = truth.loss(a, b, c);
        }
      }
    }
    InfoModel f = InfoModel.fit(n, ke, kc, loss, lnC);
    assertEquals(truth.s(), f.s(), 0.05 * truth.s(), f.toString());
    assertEquals(truth.r(), f.r(), 0.05 * truth.r(), f.toString());
    assertEquals(truth.kappa(), f.kappa(), 0.05 * truth.kappa(), f.toString());
    assertEquals(truth.rho(), f.rho(), 0.05 * truth.rho(), f.toString());
    assertEquals(truth.lInf(), f.lInf(), 0.05 * truth.lInf(), f.toString());
    // the closed form: SNR s k_e / (1 + r k_e) * k_c / (k_c + kappa), 1/2 log2(1 + SNR) bits per neuron
    double snr = 0.6 * 10 / 1.4 * 30 / 50.0;
    assertEquals(0.5 * Math.log(1 + snr) / Math.log(2), truth.bitsPerNeuron(10, 30), 1e-12);
    assertEquals(4 / (1 + 0.03 * 3) * truth.bitsPerNeuron(10, 30), truth.bits(4, 10, 30), 1e-12);
    // bounded: no information -> ln C, unlimited information -> L_inf
    assertEquals(lnC, truth.loss(1, 1e-12, 1), 1e-9);
    assertEquals(0.15, truth.loss(1e9, 1e9, 1e9), 1e-6);
    assertArrayEquals(new double[] {4, 4, 8}, truth.optimum(List.of(new double[] {1, 4, 8}, new double[] {4, 4, 8},
        new double[] {2, 2, 2})), "more neurons of the same kind carry more bits");
  }

  /** Losses far above chance cannot push the fitted floor above ln C, nor below 0. */
  @Test
  void infoModelFloorStaysWithinZeroAndChance() {
    double[] n = {1, 2, 4, 8, 16}, ke = {1, 2, 4, 8, 16}, kc = {4, 4, 4, 4, 4};
    InfoModel above = InfoModel.fit(n, ke, kc, new double[] {5, 5, 5, 5, 5}, Math.log(10));
    assertEquals(Math.log(10), above.lInf(), 1e-12);
    InfoModel below = InfoModel.fit(n, ke, kc, new double[] {-1, -1, -1, -1, -1}, Math.log(10));
    assertEquals(0, below.lInf(), 1e-12);
  }

  /** The bootstrap interval of the exponent covers the truth for noisy data and is narrower with less noise. */
  @Test
  void powerLawBootstrapIntervalsCoverTheTruthAndShrinkWithNoise() {
    double[] p = {1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6};
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    double[] noisy = new double[p.length], quiet = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double truth = 40 * Math.pow(p[i], -0.5) + 0.3;
      double e = rng.nextGaussian();
      noisy[i] = truth + 0.02 * e;
      quiet[i] = truth + 0.002 * e;
    }
    PowerLawFit.Bootstrap b = PowerLawFit.bootstrap(p, noisy, 1000, 1, new double[] {1e3, 1e6});
    assertTrue(b.alphaCi()[0] < 0.5 && 0.5 < b.alphaCi()[1], java.util.Arrays.toString(b.alphaCi()));
    PowerLawFit.Bootstrap q = PowerLawFit.bootstrap(p, quiet, 1000, 1, new double[] {1e3, 1e6});
    assertTrue(q.alphaCi()[1] - q.alphaCi()[0] < b.alphaCi()[1] - b.alphaCi()[0]);
    assertEquals(2, b.band().length);
    assertTrue(b.band()[0][1] <= b.fit().at(1e3) && b.fit().at(1e3) <= b.band()[0][2]);
    assertEquals(b.alphaCi()[0], PowerLawFit.bootstrap(p, noisy, 1000, 1, new double[] {1e3}).alphaCi()[0],
        "same seed, same interval");
  }

  @Test
  void nelderMeadFindsTheMinimumOfTheRosenbrockFunction() {
    NelderMead.Result r = NelderMead.minimize(x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2),
        new double[] {-1.2, 1}, new double[] {0.5, 0.5}, 1e-20, 10_000);
    assertEquals(1, r.x()[0], 1e-4);
    assertEquals(1, r.x()[1], 1e-4);
  }
}
