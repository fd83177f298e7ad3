package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 200k seeded draws per distribution against the theoretical mean and variance.
 *
 * <p>Tolerances: the sample mean has standard error sqrt(Var/n); the sample variance has standard
 * error sqrt((mu4 - sigma^4)/n), mu4 the fourth central moment (estimated from the same sample).
 * Each check allows 5 standard errors (a two-sided normal tail of 6e-7, and the draws are seeded, so
 * the test is deterministic) plus the float rounding of the samples, at most 2^-24 relative per value.
 */
class DistributionMomentsTest {
  private static final int N = 200_000;
  private static final double Z = 5.0;
  private static final double FLOAT_EPS = 0x1p-24;

  static Stream<String> specs() {
    return Stream.of(
        "constant:0.3",
        "normal:mean=0.5,sd=0.1",                      // barely truncated (min 0.001)
        "normal:mean=0.3,sd=0.3,min=0.05,max=1",       // truncated on both sides, rejection
        "normal:mean=0.1,sd=0.05,min=0.4,max=0.6",     // 6 sd into the tail: inverse CDF
        "lognormal:mean=0.5,sd=0.2",
        "lognormal:mu=0,sigma=1,max=2",                 // truncated above
        "lognormal:mean=1,sd=0.5,min=2",                // upper tail, mass 0.045: inverse CDF
        "gamma:mean=0.5,k=3",
        "gamma:mean=0.5,k=0.5",                         // k < 1 boost
        "gamma:mean=1,k=2,min=0.5,max=1.5",
        "uniform:0.1,1.9",
        "bimodal:0.25,0.75",
        "bimodal:0.5,1.5,p=0.3");
  }

  /** Mean, variance and fourth central moment of a sample (two passes). */
  record Stats(double mean, double var, double m4, double min, double max) {
    static Stats of(double[] x) {
      double s = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : x) {
        s += v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      double m = s / x.length;
      double s2 = 0;
      double s4 = 0;
      for (double v : x) {
        double d = (v - m) * (v - m);
        s2 += d;
        s4 += d * d;
      }
      return new Stats(m, s2 / x.length, s4 / x.length, lo, hi);
    }
  }

  static void assertMoments(TauDistribution d, double[] x) {
    Stats s = Stats.of(x);
    int n = x.length;
    double meanTol = Z * Math.sqrt(d.variance() / n) + 2 * FLOAT_EPS * Math.abs(d.mean());
    assertEquals(d.mean(), s.mean(), meanTol, () -> d.spec() + ": sample mean");
    double varTol = Z * Math.sqrt(Math.max(0, s.m4() - s.var() * s.var()) / n) + 4 * FLOAT_EPS * s.mean() * s.mean();
    assertEquals(d.variance(), s.var(), varTol, () -> d.spec() + ": sample variance");
  }

  static double[] toDouble(float[] f) {
    double[] x = new double[f.length];
    for (int i = 0; i < f.length; i++) x[i] = f[i];
    return x;
  }

  @ParameterizedTest
  @MethodSource("specs")
  void floatSamplesMatchTheoreticalMomentsAndStayInBounds(String spec) {
    TauDistribution d = TauSpec.parse(spec);
    float[] f = d.sample(N, new SplittableRandom(spec.hashCode()));
    assertMoments(d, toDouble(f));
    Bounds b = Bounds.of(d);
    for (float v : f) {
      assertTrue(Float.isFinite(v) && v > 0, () -> spec + ": non-positive or non-finite " + v);
      assertTrue(v >= (float) b.lo() && v <= (float) b.hi(), () -> spec + ": " + v + " outside " + b);
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void singleDrawsMatchTheoreticalMomentsAndStayInBounds(String spec) {
    TauDistribution d = TauSpec.parse(spec);
    SplittableRandom rng = new SplittableRandom(~spec.hashCode());
    Bounds b = Bounds.of(d);
    double[] x = new double[N / 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = d.sample(rng);
      double v = x[i];
      assertTrue(v >= b.lo() && v <= b.hi(), () -> spec + ": " + v + " outside " + b);
    }
    assertMoments(d, x);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void specRoundTrips(String spec) {
    TauDistribution d = TauSpec.parse(spec);
    assertEquals(d, TauSpec.parse(d.spec()));
    assertEquals(d.spec(), TauSpec.parse(d.spec()).spec());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void samplingIsReproducibleForASeed(String spec) {
    TauDistribution d = TauSpec.parse(spec);
    float[] a = d.sample(1000, new SplittableRandom(7));
    float[] b = d.sample(1000, new SplittableRandom(7));
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
  }

  /** The interval a distribution promises to stay in (closed). */
  record Bounds(double lo, double hi) {
    static Bounds of(TauDistribution d) {
      return switch (d) {
        case ConstantTau c -> new Bounds(c.value(), c.value());
        case NormalTau t -> new Bounds(t.min(), Math.min(t.max(), TauDistribution.SUPPORT_MAX));
        case LogNormalTau t -> new Bounds(Math.max(t.min(), TauDistribution.SUPPORT_MIN),
            Math.min(t.max(), TauDistribution.SUPPORT_MAX));
        case GammaTau t -> new Bounds(Math.max(t.min(), TauDistribution.SUPPORT_MIN),
            Math.min(t.max(), TauDistribution.SUPPORT_MAX));
        case UniformTau u -> new Bounds(u.min(), u.max());
        case BimodalTau m -> new Bounds(Math.min(m.a(), m.b()), Math.max(m.a(), m.b()));
        default -> new Bounds(TauDistribution.SUPPORT_MIN, TauDistribution.SUPPORT_MAX);
      };
    }
  }
}
