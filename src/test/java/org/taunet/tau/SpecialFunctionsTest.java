package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values computed with mpmath at 30 digits. */
class SpecialFunctionsTest {
  private static void assertRel(double expected, double actual, double rel) {
    assertEquals(expected, actual, Math.abs(expected) * rel, () -> "expected " + expected + ", got " + actual);
  }

  @ParameterizedTest
  @CsvSource({
      "0.1, 0.8875370839817151, 0.1124629160182849",
      "0.5, 0.47950012218695346, 0.52049987781304654",
      "1, 0.15729920705028513, 0.84270079294971487",
      "2, 0.0046777349810472658, 0.99532226501895273",
      "1.4999, 0.033906748337704729, 0.96609325166229527",
      "2.4999, 0.00040716990033345138, 0.99959283009966655",
      "2.5, 0.00040695201744495894, 0.99959304798255504",
      "3, 2.2090496998585441e-5, 0.99997790950300141",
      "5, 1.5374597944280349e-12, 0.99999999999846254",
      "10, 2.0884875837625448e-45, 1.0",
      "26, 5.6631924088561428e-296, 1.0"})
  void erfAndErfcMatchReference(double x, double erfc, double erf) {
    assertRel(erfc, SpecialFunctions.erfc(x), 1e-13);
    assertRel(erf, SpecialFunctions.erf(x), 1e-15);
    assertRel(-erf, SpecialFunctions.erf(-x), 1e-15);
    assertRel(2 - erfc, SpecialFunctions.erfc(-x), 1e-15);
  }

  @ParameterizedTest
  @CsvSource({
      "-38, 2.8854283600687843e-316",
      "-10, 7.6198530241605261e-24",
      "-3, 0.0013498980316300945",
      "-1.96, 0.024997895148220436",
      "0, 0.5",
      "1.5, 0.93319279873114193"})
  void normalCdfMatchesReferenceInBothTails(double x, double phi) {
    // Phi(-38) is subnormal, where only about 9 significant digits exist
    assertRel(phi, SpecialFunctions.normalCdf(x), x < -37 ? 1e-8 : 1e-13);
    assertRel(phi, SpecialFunctions.normalUpperTail(-x), x < -37 ? 1e-8 : 1e-13);
  }

  @ParameterizedTest
  @CsvSource({
      "1e-20, -9.2623400897981532",
      "1e-05, -4.2648907939228246",
      "0.025, -1.9599639845400542",
      "0.3, -0.52440051270804082",
      "0.9, 1.2815515655446006",
      "0.999999, 4.7534243088170878"})
  void normalQuantileMatchesReference(double p, double x) {
    assertRel(x, SpecialFunctions.normalQuantile(p), 1e-12);
  }

  @Test
  void normalQuantileInvertsCdfDeepInTheTail() {
    for (double p : new double[] {1e-300, 1e-200, 1e-100, 1e-50, 1e-10, 0.5}) {
      double x = SpecialFunctions.normalQuantile(p);
      assertRel(p, SpecialFunctions.normalCdf(x), 1e-12);
    }
    assertEquals(0.0, SpecialFunctions.normalQuantile(0.5), 1e-16);
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.normalQuantile(0));
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.normalQuantile(1.5));
  }

  @ParameterizedTest
  @CsvSource({
      "1e-08, 18.420680738180209",
      "0.5, 0.57236494292470009",
      "3.7, 1.4280723266653881",
      "15, 25.191221182738682",
      "1000, 5905.2204232091812"})
  void lnGammaMatchesReference(double x, double lnGamma) {
    assertRel(lnGamma, SpecialFunctions.lnGamma(x), 1e-14);
  }

  @Test
  void lnGammaOfOneAndTwoIsZero() {
    assertEquals(0.0, SpecialFunctions.lnGamma(1), 1e-14);
    assertEquals(0.0, SpecialFunctions.lnGamma(2), 1e-14);
  }

  @ParameterizedTest
  @CsvSource({
      "0.5, 0.1, 0.34527915398142298, 0.65472084601857702",
      "3, 2.5, 0.45618688411667048, 0.54381311588332952",
      "3, 10, 0.99723060428448842, 0.0027693957155115759",
      "100, 90, 0.15822098918643017, 0.84177901081356983",
      "100, 130, 0.99724959163269347, 0.0027504083673065263",
      "0.01, 1e-30, 0.50404727285999545, 0.49595272714000455",
      "10000, 10000, 0.5013298083399552, 0.4986701916600448"})
  void incompleteGammaMatchesReference(double a, double x, double p, double q) {
    assertRel(p, SpecialFunctions.regularizedGammaP(a, x), 1e-11);
    assertRel(q, SpecialFunctions.regularizedGammaQ(a, x), 1e-11);
  }
}
