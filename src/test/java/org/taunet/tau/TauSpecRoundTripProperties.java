package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property: parse(d.spec()) gives back an equal distribution, and the same spec, for arbitrary valid
 * parameters. Values span many decades and mix full 17-digit doubles, short decimals and integers,
 * so specs carry exponent forms and integral numbers printed without ".0". Seeded.
 */
class TauSpecRoundTripProperties {
  private static void assertRoundTrip(Supplier<TauDistribution> make) {
    TauDistribution d;
    try {
      d = make.get();
    } catch (IllegalArgumentException invalidCombination) {
      Assume.that(false);
      return;
    }
    TauDistribution back = TauSpec.parse(d.spec());
    assertEquals(d, back, d.spec());
    assertEquals(d.spec(), back.spec());
  }

  /** Positive values from 1e-6 to 1e6: log-uniform doubles, 2-decimal values and integers. */
  @Provide
  Arbitrary<Double> positive() {
    Arbitrary<Double> logUniform = Arbitraries.doubles().between(-6, 6).ofScale(15).map(e -> Math.pow(10, e));
    return Arbitraries.oneOf(logUniform, logUniform.map(v -> Math.max(0.01, Math.rint(v * 100) / 100)),
        Arbitraries.integers().between(1, 1000).map(Integer::doubleValue));
  }

  @Provide
  Arbitrary<Double> maxOrInfinity() {
    return Arbitraries.oneOf(positive(), Arbitraries.just(Double.POSITIVE_INFINITY));
  }

  @Property(tries = 300, seed = "4242")
  void uniformBimodalConstant(@ForAll("positive") double a, @ForAll("positive") double w,
                              @ForAll("positive") double p, @ForAll boolean exact) {
    assertRoundTrip(() -> new ConstantTau(a));
    assertRoundTrip(() -> new UniformTau(a, a + w));
    assertRoundTrip(() -> new BimodalTau(a, w, Math.min(1, p / 1e3), exact));
  }

  @Property(tries = 300, seed = "4243")
  void normal(@ForAll("positive") double min, @ForAll("positive") double sd,
              @ForAll("maxOrInfinity") double width, @ForAll("positive") double z) {
    assertRoundTrip(() -> new NormalTau(min + sd * Math.log(z), sd, min, min + width));
  }

  @Property(tries = 300, seed = "4244")
  void lognormal(@ForAll("positive") double mean, @ForAll("positive") double cv,
                 @ForAll("maxOrInfinity") double max, @ForAll boolean truncateBelow) {
    assertRoundTrip(() -> LogNormalTau.ofMeanSd(mean, Math.min(cv, 10) * mean, truncateBelow ? mean / 2 : 0, max));
    assertRoundTrip(() -> new LogNormalTau(Math.log(mean), Math.min(cv, 3), 0, max));
  }

  @Property(tries = 300, seed = "4245")
  void gamma(@ForAll("positive") double mean, @ForAll("positive") double k, @ForAll("maxOrInfinity") double max) {
    assertRoundTrip(() -> new GammaTau(mean, Math.max(0.05, k % 1e4), 0, max));
  }
}
