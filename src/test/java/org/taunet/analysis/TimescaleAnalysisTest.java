package org.taunet.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimescaleAnalysisTest {
  static double[] ar1(int n, double phi, SplittableRandom rng) {
    double[] x = new double[n];
    for (int t = 1; t < n; t++) x[t] = phi * x[t - 1] + rng.nextGaussian();
    return x;
  }

  @Test
  void fftAutocorrelationEqualsTheDirectSum() {
    double[] x = ar1(300, 0.8, new SplittableRandom(1));
    double[] rho = Autocorrelation.acf(x, 20);
    double m = 0;
    for (double v : x) m += v / x.length;
    double c0 = 0;
    for (double v : x) c0 += (v - m) * (v - m) / x.length;
    for (int k = 0; k <= 20; k++) {
      double c = 0;
      for (int t = 0; t + k < x.length; t++) c += (x[t] - m) * (x[t + k] - m);
      assertEquals(c / (x.length - k) / c0, rho[k], 1e-9, "lag " + k);
    }
  }

  @Test
  void recoversTheTimescaleOfAr1SignalsWithinTenPercent() {
    double dt = 0.05;
    for (double tau : new double[] {0.2, 1.0, 3.0}) {
      double phi = Math.exp(-dt / tau);
      // 4 streams of 20k steps, averaged like EffectiveTimescales does for a unit
      int steps = 20_000, streams = 4;
      float[] rates = new float[steps * streams];
      SplittableRandom rng = new SplittableRandom(42);
      for (int s = 0; s < streams; s++) {
        double[] x = ar1(steps, phi, rng);
        for (int t = 0; t < steps; t++) rates[t * streams + s] = (float) x[t];
      }
      ExpFit fit = EffectiveTimescales.of(rates, 0, steps, streams, 1, 100, 400, dt)[0];
      assertEquals(tau, fit.tau(), 0.1 * tau, "tau " + tau + ": " + fit);
    }
  }

  @Test
  void curveReproducesTheFittedAutocorrelation() {
    double dt = 0.05;
    double[] mix = new double[120], single = new double[120];
    for (int k = 0; k < mix.length; k++) {
      mix[k] = 0.5 * Math.exp(-k * dt / 0.1) + 0.5 * Math.exp(-k * dt / 2.0);
      single[k] = 0.9 * Math.exp(-k * dt / 0.7);
    }
    for (double[] rho : new double[][] {mix, single}) {
      ExpFit fit = ExpFit.fit(rho, dt);
      double[] c = fit.curve(rho, rho.length + 10, dt);
      assertEquals(rho.length + 10, c.length);
      for (int k = 0; k < rho.length; k++) assertEquals(rho[k], c[k], 0.02, "model " + fit.model() + ", lag " + k);
    }
    assertTrue(Double.isNaN(ExpFit.failed().curve(single, 3, dt)[0]));
  }

  @Test
  void aicPrefersTwoExponentialsForAMixtureAndFindsBoth() {
    double dt = 0.05;
    double[] rho = new double[120];
    for (int k = 0; k < rho.length; k++) rho[k] = 0.5 * Math.exp(-k * dt / 0.1) + 0.5 * Math.exp(-k * dt / 2.0);
    ExpFit fit = ExpFit.fit(rho, dt);
    assertEquals(2, fit.model(), fit.toString());
    assertEquals(0.1, fit.tau1(), 0.02);
    assertEquals(2.0, fit.tau2(), 0.3);
    assertEquals(0.5 * Math.exp(-fit.tau() / 0.1) + 0.5 * Math.exp(-fit.tau() / 2.0), 1 / Math.E, 0.02);
    // a single exponential is kept as one
    for (int k = 0; k < rho.length; k++) rho[k] = Math.exp(-k * dt / 0.7);
    ExpFit one = ExpFit.fit(rho, dt);
    assertEquals(0.7, one.tauSingle(), 0.01);
    assertEquals(0.7, one.tau(), 0.03);
  }

  @Test
  void weightChangeAndCriterion() {
    assertEquals(Math.sqrt(2) / Math.sqrt(8), WeightChange.relative(new float[] {3, 1}, new float[] {2, 2}), 1e-12);
    assertEquals(150, Criterion.stepsTo(new int[] {50, 100, 150, 200}, new double[] {0.5, 0.89, 0.91, 0.95}, 0.9));
    assertEquals(-1, Criterion.stepsTo(new int[] {50}, new double[] {0.5}, 0.9));
    assertTrue(Double.isNaN(WeightChange.relative(new float[2], new float[2])));
  }
}
