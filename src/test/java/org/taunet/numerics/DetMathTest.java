package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** Accuracy of the deterministic functions against double Math, and scalar == vector bit for bit. */
class DetMathTest {
  interface FloatFn {
    float apply(float x);
  }

  /** Every 1001st float of [lo, hi] (by bit pattern, both signs) plus a uniform grid of 200001 points. */
  static float[] grid(float lo, float hi) {
    return grid(lo, hi, 200_000, 1001);
  }

  /** Every stride-th float of [lo, hi] (by bit pattern, both signs) plus a uniform grid of points + 1 points. */
  static float[] grid(float lo, float hi, int points, int stride) {
    float[] xs = new float[1 << 16];
    int n = 0;
    for (int i = 0; i <= points; i++) {
      if (n + 2 > xs.length) xs = java.util.Arrays.copyOf(xs, 2 * xs.length);
      xs[n++] = lo + (float) ((double) i * (hi - lo) / points);
    }
    int top = Float.floatToRawIntBits(Math.max(Math.abs(lo), Math.abs(hi)));
    for (int b = 0; b >= 0 && b <= top; b += stride) {
      if (n + 2 > xs.length) xs = java.util.Arrays.copyOf(xs, 2 * xs.length);
      float x = Float.intBitsToFloat(b);
      if (x <= hi && x >= lo) xs[n++] = x;
      if (-x <= hi && -x >= lo) xs[n++] = -x;
    }
    return java.util.Arrays.copyOf(xs, n);
  }

  /** The largest error in float ulps of the reference (only where the reference is at least {@code minRef}). */
  static double maxUlps(FloatFn f, DoubleUnaryOperator ref, float[] xs, double minRef) {
    double worst = 0;
    for (float x : xs) {
      double want = ref.applyAsDouble(x);
      if (Math.abs(want) < minRef) continue;
      double err = Math.abs(f.apply(x) - want) / Math.ulp((float) want);
      if (!(err <= worst)) worst = err;  // NaN counts as worst
      if (Double.isNaN(err)) return Double.NaN;
    }
    return worst;
  }

  static double softplusRef(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  @Test void tanhIsWithinOneAndAHalfUlpsOfDoubleTanh() {
    double e = maxUlps(DetMath::tanh, Math::tanh, grid(-12f, 12f), Float.MIN_NORMAL);
    assertTrue(e <= 1.5, "tanh max error " + e + " ulp");
    assertEquals(1f, DetMath.tanh(9.5f));
    assertEquals(-1f, DetMath.tanh(Float.NEGATIVE_INFINITY));
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(DetMath.tanh(-0f)));
    assertTrue(Float.isNaN(DetMath.tanh(Float.NaN)));
  }

  @Test void sigmoidIsWithinTwoAndAHalfUlpsWhereItsResultIsNormal() {
    double e = maxUlps(DetMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), grid(-86f, 40f), Float.MIN_NORMAL);
    assertTrue(e <= 2.5, "sigmoid max error " + e + " ulp");
    assertEquals(1f, DetMath.sigmoid(100f));
    assertEquals(0.5f, DetMath.sigmoid(0f));
    assertTrue(DetMath.sigmoid(-200f) >= 0f && DetMath.sigmoid(-200f) < 1e-38f);
    assertTrue(Float.isNaN(DetMath.sigmoid(Float.NaN)));
  }

  @Test void softplusIsWithinThreeUlpsWhereItsResultIsNormal() {
    double e = maxUlps(DetMath::softplus, DetMathTest::softplusRef, grid(-86f, 40f), Float.MIN_NORMAL);
    assertTrue(e <= 3, "softplus max error " + e + " ulp");
    assertTrue(DetMath.softplus(-200f) >= 0f && DetMath.softplus(-200f) < 2e-38f);
    assertEquals(100f, DetMath.softplus(100f));
    assertEquals(Float.POSITIVE_INFINITY, DetMath.softplus(Float.POSITIVE_INFINITY));
    assertTrue(Float.isNaN(DetMath.softplus(Float.NaN)));
  }

  @Test void expm1IsWithinOneAndAHalfUlpsOfDoubleExpm1() {
    double e = maxUlps(DetMath::expm1, Math::expm1, grid(-90f, 88f), Float.MIN_NORMAL);
    assertTrue(e <= 1.5, "expm1 max error " + e + " ulp");
    assertEquals(-1f, DetMath.expm1(-1000f));
    assertEquals(Float.POSITIVE_INFINITY, DetMath.expm1(89f));
    assertEquals(1e-20f, DetMath.expm1(1e-20f));
    assertTrue(Float.isNaN(DetMath.expm1(Float.NaN)));
  }

  @Test void expIsWithinOneUlpOfDoubleExpOnItsRange() {
    double e = maxUlps(DetMath::exp, Math::exp, grid(-87f, 88f), Float.MIN_NORMAL);
    assertTrue(e <= 1, "exp max error " + e + " ulp");
    assertEquals(1f, DetMath.exp(0f));
    assertEquals(DetMath.exp(-87f), DetMath.exp(Float.NEGATIVE_INFINITY));
    assertTrue(DetMath.exp(-1000f) > 0f && DetMath.exp(-1000f) < 2e-38f);
    assertTrue(Float.isNaN(DetMath.exp(Float.NaN)));
  }

  @Test void vectorVersionsGiveTheScalarBits() {
    float[] xs = grid(-100f, 100f, 20_000, 40_009);  // ~76k values: vector code is slow until C2 compiles it
    SplittableRandom rng = new SplittableRandom(3);
    float[] extra = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.625f, -0.625f,
        Math.nextDown(0.625f), 9.5f, 88f, 88.5f, -87f, -88f, -87.5f, Float.MIN_VALUE, -Float.MAX_VALUE};
    float[] all = java.util.Arrays.copyOf(xs, xs.length + extra.length + 4096);
    System.arraycopy(extra, 0, all, xs.length, extra.length);
    for (int i = xs.length + extra.length; i < all.length; i++) all[i] = (float) (rng.nextGaussian() * 3);
    for (int fn = 0; fn < 5; fn++) {
      float[] out = vectorized(fn, all);
      for (int i = 0; i < out.length; i++) {
        float want = fn == 0 ? DetMath.tanh(all[i]) : fn == 1 ? DetMath.softplus(all[i])
            : fn == 2 ? DetMath.expm1(all[i]) : fn == 3 ? DetMath.sigmoid(all[i]) : DetMath.exp(all[i]);
        if (Float.isNaN(want) && Float.isNaN(out[i])) continue;
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[i]),
            "function " + fn + " at " + all[i] + ": scalar " + want + ", vector " + out[i]);
      }
    }
  }

  @Test void tanhOverAnArrayGivesTheScalarBits() {
    float[] xs = grid(-12f, 12f, 5_003, 400_009);
    float[] out = new float[xs.length + 3];
    DetMath.tanh(xs, 0, out, 3, xs.length);
    for (int i = 0; i < xs.length; i++) {
      assertEquals(Float.floatToRawIntBits(DetMath.tanh(xs[i])), Float.floatToRawIntBits(out[3 + i]), "at " + xs[i]);
    }
    DetMath.tanh(xs, 0, xs, 0, xs.length);   // in place
    for (int i = 0; i < xs.length; i++) assertEquals(Float.floatToRawIntBits(out[3 + i]), Float.floatToRawIntBits(xs[i]));
  }

  /** Function fn (0 tanh, 1 softplus, 2 expm1, 3 sigmoid, 4 exp) of xs: vector loop, scalar tail (one loop each, so C2 compiles them). */
  static float[] vectorized(int fn, float[] xs) {
    float[] out = new float[xs.length];
    int l = Lanes.SPECIES.length(), i = 0;
    switch (fn) {
      case 0 -> {
        for (; i + l <= xs.length; i += l) DetMath.tanh(FloatVector.fromArray(Lanes.SPECIES, xs, i)).intoArray(out, i);
        for (; i < xs.length; i++) out[i] = DetMath.tanh(xs[i]);
      }
      case 1 -> {
        for (; i + l <= xs.length; i += l) DetMath.softplus(FloatVector.fromArray(Lanes.SPECIES, xs, i)).intoArray(out, i);
        for (; i < xs.length; i++) out[i] = DetMath.softplus(xs[i]);
      }
      case 3 -> {
        for (; i + l <= xs.length; i += l) DetMath.sigmoid(FloatVector.fromArray(Lanes.SPECIES, xs, i)).intoArray(out, i);
        for (; i < xs.length; i++) out[i] = DetMath.sigmoid(xs[i]);
      }
      case 4 -> {
        for (; i + l <= xs.length; i += l) DetMath.exp(FloatVector.fromArray(Lanes.SPECIES, xs, i)).intoArray(out, i);
        for (; i < xs.length; i++) out[i] = DetMath.exp(xs[i]);
      }
      default -> {
        for (; i + l <= xs.length; i += l) DetMath.expm1(FloatVector.fromArray(Lanes.SPECIES, xs, i)).intoArray(out, i);
        for (; i < xs.length; i++) out[i] = DetMath.expm1(xs[i]);
      }
    }
    return out;
  }
}
