package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The closed-form moments against numerical integration of the unnormalized density written out
 * independently here (composite Simpson, normalization integrated too), so the special functions are
 * not used on both sides.
 */
class ExactMomentsTest {
  private static final int SIMPSON_INTERVALS = 200_000;
  private static final double REL = 1e-8;

  /** {int f, int x f, int x^2 f} over [a, b]. */
  private static double[] moments(DoubleUnaryOperator f, double a, double b) {
    double h = (b - a) / SIMPSON_INTERVALS;
    double[] s = new double[3];
    for (int i = 0; i <= SIMPSON_INTERVALS; i++) {
      double x = a + i * h;
      double w = (i == 0 || i == SIMPSON_INTERVALS) ? 1 : (i % 2 == 1 ? 4 : 2);
      double fx = f.applyAsDouble(x) * w;
      s[0] += fx;
      s[1] += fx * x;
      s[2] += fx * x * x;
    }
    return s;
  }

  private static void assertMoments(TauDistribution d, DoubleUnaryOperator density, double a, double b) {
    double[] s = moments(density, a, b);
    double mean = s[1] / s[0];
    double var = s[2] / s[0] - mean * mean;
    assertEquals(mean, d.mean(), REL * Math.abs(mean), () -> d.spec() + ": mean");
    assertEquals(var, d.variance(), REL * var, () -> d.spec() + ": variance");
  }

  @ParameterizedTest
  @CsvSource({
      "0.5, 0.1, 0.05, 1",
      "0.3, 0.3, 0.05, 1",
      "0.1, 0.05, 0.4, 0.6",
      "2.0, 0.1, 0.001, 1.5",
      "0.5, 0.2, 0.001, 8"})
  void truncatedNormal(double mu, double sigma, double min, double max) {
    NormalTau d = new NormalTau(mu, sigma, min, max);
    assertMoments(d, x -> Math.exp(-0.5 * Math.pow((x - mu) / sigma, 2)), min, max);
  }

  @ParameterizedTest
  @CsvSource({
      "0, 1, 0, 2",
      "-0.2, 0.5, 0.5, 3",
      "-0.11, 0.47, 2, 6",
      "0.7, 0.2, 0.3, 1.5"})
  void truncatedLognormal(double mu, double sigma, double min, double max) {
    LogNormalTau d = new LogNormalTau(mu, sigma, min, max);
    double lo = Math.max(min, 1e-9);
    assertMoments(d, x -> Math.exp(-0.5 * Math.pow((Math.log(x) - mu) / sigma, 2)) / x, lo, max);
  }

  @ParameterizedTest
  @CsvSource({
      "1, 2, 0.5, 1.5",
      "0.5, 3, 0, 0.7",
      "2, 5, 2.5, 9",
      "1, 1, 0.1, 4"})
  void truncatedGamma(double mean, double k, double min, double max) {
    GammaTau d = new GammaTau(mean, k, min, max);
    double theta = mean / k;
    assertMoments(d, x -> Math.pow(x, k - 1) * Math.exp(-x / theta), min, max);
  }

  @Test
  void untruncatedFamiliesHaveTheirTextbookMoments() {
    GammaTau g = new GammaTau(0.5, 0.5);
    assertEquals(0.5, g.mean(), 1e-14);
    assertEquals(0.5, g.variance(), 1e-14); // m^2 / k
    LogNormalTau ln = LogNormalTau.ofMeanSd(0.5, 0.2);
    assertEquals(0.5, ln.mean(), 1e-14);
    assertEquals(0.04, ln.variance(), 1e-14);
    assertEquals(0.5, ln.parentMean(), 1e-14);
    assertEquals(0.2, ln.parentSd(), 1e-14);
    UniformTau u = new UniformTau(0.1, 1.9);
    assertEquals(1.0, u.mean(), 1e-15);
    assertEquals(1.8 * 1.8 / 12, u.variance(), 1e-15);
    BimodalTau b = new BimodalTau(0.5, 1.5, 0.3, false);
    assertEquals(0.3 * 0.5 + 0.7 * 1.5, b.mean(), 1e-15);
    assertEquals(0.3 * 0.7, b.variance(), 1e-15);
  }

  @Test
  void normalFarInTheTailStillHasFiniteMomentsInsideTheBounds() {
    NormalTau d = new NormalTau(0.1, 0.01, 0.4, 0.5); // 30 sd out
    double m = d.mean();
    // the truncated normal far in the tail is close to an exponential with rate alpha / sigma
    double alpha = 30;
    assertEquals(0.4 + 0.01 / alpha, m, 0.01 / alpha * 0.01);
    assertEquals(Math.pow(0.01 / alpha, 2), d.variance(), Math.pow(0.01 / alpha, 2) * 0.02);
  }
}
