package org.taunet.numerics;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Deterministic float32 elementary functions, each as a scalar method and a Vector API method that perform exactly
 * the same IEEE-754 operations in the same order, so the scalar and vector versions, interpreted, C1 and C2 code all
 * return the same bits.
 *
 * <p>Why: {@code FloatVector.lanewise(TANH | EXP | LOG1P | EXPM1)} is computed per lane with {@code Math} in
 * interpreted code and with an intrinsic vector library in C2 code, and the two differ in the last bits, so a kernel's
 * results changed when the JIT compiled it. Only operations that Java rounds exactly on every tier are used here: add,
 * subtract, multiply, divide, fma, min/max, compares with blends, and integer bit operations (2^k from the exponent
 * bits, rounding to an integer by adding 1.5 * 2^23).
 *
 * <p>Algorithms (Cephes-style; coefficients are the published Cephes single-precision minimax ones, or Taylor
 * coefficients where noted):
 * <ul>
 *   <li>e^x: k = round(x log2 e), r = x - k ln 2 (two-part ln 2, fma), e^x = 2^k (1 + p(r)) with
 *       p(r) = r + r^2 P5(r) (Cephes expf), rounded once by an fma.
 *   <li>tanh: |x| &lt; 0.625: x + x^3 P4(x^2) (Cephes tanhf); else 1 - 2 / (e^(2|x|) + 1), |x| capped at 9.5
 *       (where tanh already rounds to 1); the sign is copied from x.
 *   <li>sigmoid: 1 / (1 + e^-x), the exponent bounded to [-87, 88].
 *   <li>softplus log(1 + e^x) = max(x, 0) + log1p(e^-|x|), log1p(y) = 2 atanh(s), s = y / (2 + y) &lt;= 1/3, by its
 *       Taylor series 2s (1 + s^2/3 + ... + s^12/13 + s^14/15).
 *   <li>expm1: 2^k p(r) + (2^k - 1) in one fma, so small arguments keep full relative precision.
 *   <li>exp: e^x as above with x bounded to [-87, 88].
 * </ul>
 * Accuracy against double-precision {@code Math}, rounded to float ulps (tested on dense grids; measured maxima in
 * brackets): tanh within 1.5 ulp (1.3), sigmoid within 2.5 ulp (2.3), expm1 within 1.5 ulp (1.4), softplus within 3
 * ulp (2.8: the errors of e^-|x|, of s and of the series add up) where its result is at least 2^-126; below that, for
 * x &lt; -87, it returns about 1e-38 instead of e^x.
 */
public final class DetMath {
  private static final int SIGN = 0x8000_0000;
  // e^x: 1.5 * 2^23 rounds to an integer when added; ln 2 = LN2_HI + LN2_LO (LN2_HI has 9 bits)
  private static final float MAGIC = 12582912f, LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
  // Cephes expf: e^r = 1 + r + r^2 (E0 + E1 r + ... + E5 r^5) on |r| <= ln2 / 2
  private static final float E0 = 5.0000001201e-1f, E1 = 1.6666665459e-1f, E2 = 4.1665795894e-2f;
  private static final float E3 = 8.3334519073e-3f, E4 = 1.3981999507e-3f, E5 = 1.9875691500e-4f;
  // Cephes tanhf on |x| < 0.625: tanh x = x + x^3 (T0 + T1 x^2 + ... + T4 x^8)
  private static final float T0 = -3.33332819422e-1f, T1 = 1.33314422036e-1f, T2 = -5.37397155531e-2f;
  private static final float T3 = 2.06390887954e-2f, T4 = -5.70498872745e-3f;
  private static final float TANH_SMALL = 0.625f, TANH_CAP = 9.5f;
  // 2 atanh(s) = 2s (1 + s^2 / 3 + s^4 / 5 + ...): Taylor coefficients 1/3 .. 1/15
  private static final float A1 = 1f / 3, A2 = 1f / 5, A3 = 1f / 7, A4 = 1f / 9, A5 = 1f / 11, A6 = 1f / 13,
      A7 = 1f / 15;
  // exponent ranges: 2^k stays a normal float for k in [-126, 127]
  private static final float EXP_MIN = -87f, EXPM1_MIN = -88f, EXPM1_MAX = 88f;

  private DetMath() {}

  // --- tanh ----------------------------------------------------------------------------------------------------

  /** tanh(x), within 1.5 ulp; odd, NaN for NaN, +-1 for |x| &gt;= 9.5. */
  public static float tanh(float x) {
    float a = Math.abs(x), y;
    if (a < TANH_SMALL) {
      float z = a * a;
      float q = Math.fma(T4, z, T3);
      q = Math.fma(q, z, T2);
      q = Math.fma(q, z, T1);
      q = Math.fma(q, z, T0);
      y = Math.fma(q * z, a, a);
    } else {
      float e = expBounded(2f * Math.min(a, TANH_CAP));
      y = 1f - 2f / (e + 1f);
    }
    return Math.copySign(y, x);
  }

  /** Lanewise {@link #tanh(float)}, the same operations and bits. */
  public static FloatVector tanh(FloatVector x) {
    FloatVector a = x.abs();
    FloatVector z = a.mul(a);
    FloatVector q = z.fma(T4, T3);
    q = q.fma(z, x.broadcast(T2));
    q = q.fma(z, x.broadcast(T1));
    q = q.fma(z, x.broadcast(T0));
    FloatVector small = q.mul(z).fma(a, a);
    FloatVector e = expBounded(a.min(TANH_CAP).mul(2f));
    FloatVector big = x.broadcast(1f).sub(x.broadcast(2f).div(e.add(1f)));
    FloatVector y = big.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
    return copySign(y, x);
  }

  /**
   * out[outOff + i] = tanh(x[xOff + i]) for i &lt; n, the bits of {@link #tanh(float)} (Vector API loop, scalar tail).
   * The loop lives here, beside the vector tanh, so C2 inlines the tanh into it; a kernel that calls the vector
   * method itself may get it out of line, with its vectors boxed (2026-12-02: {@code failed to inline: callee is too
   * large} in ElmKernels and RnnKernels). Modifies {@code out} (which may be {@code x}).
   */
  public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
    java.util.Objects.checkFromIndexSize(xOff, n, x.length);
    java.util.Objects.checkFromIndexSize(outOff, n, out.length);
    int i = 0;
    if (Kernels.VECTOR_ENABLED) {
      for (int ub = Lanes.SPECIES.loopBound(n); i < ub; i += Lanes.SPECIES.length()) {
        tanh(FloatVector.fromArray(Lanes.SPECIES, x, xOff + i)).intoArray(out, outOff + i);
      }
    }
    for (; i < n; i++) out[outOff + i] = tanh(x[xOff + i]);
  }

  // --- sigmoid -------------------------------------------------------------------------------------------------

  /** sigma(x) = 1 / (1 + e^-x), within 2.5 ulp where the result is at least 2^-126; e^-x is bounded to [-87, 88]. */
  public static float sigmoid(float x) {
    return 1f / (1f + expBounded(Math.min(Math.max(-x, EXP_MIN), EXPM1_MAX)));
  }

  /** out[outOff + i] = sigma(x[xOff + i]) for i &lt; n, as {@link #tanh(float[], int, float[], int, int)}. Modifies {@code out}. */
  public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
    java.util.Objects.checkFromIndexSize(xOff, n, x.length);
    java.util.Objects.checkFromIndexSize(outOff, n, out.length);
    int i = 0;
    if (Kernels.VECTOR_ENABLED) {
      for (int ub = Lanes.SPECIES.loopBound(n); i < ub; i += Lanes.SPECIES.length()) {
        sigmoid(FloatVector.fromArray(Lanes.SPECIES, x, xOff + i)).intoArray(out, outOff + i);
      }
    }
    for (; i < n; i++) out[outOff + i] = sigmoid(x[xOff + i]);
  }

  /** Lanewise {@link #sigmoid(float)}, the same operations and bits. */
  public static FloatVector sigmoid(FloatVector x) {
    FloatVector one = x.broadcast(1f);
    return one.div(one.add(expBounded(x.neg().max(EXP_MIN).min(EXPM1_MAX))));
  }

  // --- softplus ------------------------------------------------------------------------------------------------

  /** log(1 + e^x), within 3 ulp where the result is at least 2^-126 (about 1e-38 for x &lt; -87). */
  public static float softplus(float x) {
    float y = expBounded(Math.max(-Math.abs(x), EXP_MIN));
    float s = y / (2f + y);
    float w = s * s;
    float q = Math.fma(A7, w, A6);
    q = Math.fma(q, w, A5);
    q = Math.fma(q, w, A4);
    q = Math.fma(q, w, A3);
    q = Math.fma(q, w, A2);
    q = Math.fma(q, w, A1);
    float s2 = 2f * s;
    return Math.max(x, 0f) + Math.fma(s2 * w, q, s2);
  }

  /** Lanewise {@link #softplus(float)}, the same operations and bits. */
  public static FloatVector softplus(FloatVector x) {
    FloatVector y = expBounded(x.abs().neg().max(EXP_MIN));
    FloatVector s = y.div(y.add(2f));
    FloatVector w = s.mul(s);
    FloatVector q = w.fma(A7, A6);
    q = q.fma(w, x.broadcast(A5));
    q = q.fma(w, x.broadcast(A4));
    q = q.fma(w, x.broadcast(A3));
    q = q.fma(w, x.broadcast(A2));
    q = q.fma(w, x.broadcast(A1));
    FloatVector s2 = s.mul(2f);
    return x.max(0f).add(s2.mul(w).fma(q, s2));
  }

  // --- exp -----------------------------------------------------------------------------------------------------

  /**
   * e^x, within 1 ulp for x in [-87, 88] (the softmax's e^(l - max), whose argument is at most 0); x is bounded to
   * that range first, so e^-87 (about 1.6e-38, not 0) for smaller x and e^88 for larger; NaN for NaN.
   */
  public static float exp(float x) {
    return expBounded(Math.min(Math.max(x, EXP_MIN), EXPM1_MAX));
  }

  /** Lanewise {@link #exp(float)}, the same operations and bits. */
  public static FloatVector exp(FloatVector x) {
    return expBounded(x.max(EXP_MIN).min(EXPM1_MAX));
  }

  // --- expm1 ---------------------------------------------------------------------------------------------------

  /** e^x - 1, within 1.5 ulp; -1 for x &lt;= -88, +Inf for x &gt; 88 (slightly early: the float limit is 88.72). */
  public static float expm1(float x) {
    float c = Math.min(Math.max(x, EXPM1_MIN), EXPM1_MAX);
    float t = Math.fma(c, LOG2E, MAGIC), k = t - MAGIC;
    float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, c));
    float s = pow2(t);
    float y = Math.fma(expm1Poly(r), s, s - 1f);
    return x > EXPM1_MAX ? Float.POSITIVE_INFINITY : y;
  }

  /** Lanewise {@link #expm1(float)}, the same operations and bits. */
  public static FloatVector expm1(FloatVector x) {
    FloatVector c = x.max(EXPM1_MIN).min(EXPM1_MAX);
    FloatVector t = c.fma(LOG2E, MAGIC), k = t.sub(MAGIC);
    FloatVector r = k.fma(x.broadcast(-LN2_LO), k.fma(x.broadcast(-LN2_HI), c));
    FloatVector s = pow2(t);
    FloatVector y = expm1Poly(r).fma(s, s.sub(1f));
    return y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXPM1_MAX));
  }

  // --- shared pieces -------------------------------------------------------------------------------------------

  /** e^x for x in [-87, 88] (callers bound it): 2^k (1 + p(r)), rounded once. */
  static float expBounded(float x) {
    float t = Math.fma(x, LOG2E, MAGIC), k = t - MAGIC;
    float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
    float s = pow2(t);
    return Math.fma(expm1Poly(r), s, s);
  }

  static FloatVector expBounded(FloatVector x) {
    FloatVector t = x.fma(LOG2E, MAGIC), k = t.sub(MAGIC);
    FloatVector r = k.fma(x.broadcast(-LN2_LO), k.fma(x.broadcast(-LN2_HI), x));
    FloatVector s = pow2(t);
    return expm1Poly(r).fma(s, s);
  }

  /** e^r - 1 = r + r^2 P5(r) for |r| &lt;= ln2 / 2 (Cephes expf). */
  private static float expm1Poly(float r) {
    float q = Math.fma(E5, r, E4);
    q = Math.fma(q, r, E3);
    q = Math.fma(q, r, E2);
    q = Math.fma(q, r, E1);
    q = Math.fma(q, r, E0);
    return Math.fma(q, r * r, r);
  }

  private static FloatVector expm1Poly(FloatVector r) {
    FloatVector q = r.fma(E5, E4);
    q = q.fma(r, r.broadcast(E3));
    q = q.fma(r, r.broadcast(E2));
    q = q.fma(r, r.broadcast(E1));
    q = q.fma(r, r.broadcast(E0));
    return q.fma(r.mul(r), r);
  }

  /**
   * 2^k where t = k + 1.5 * 2^23 (k integer in [-127, 127]): the low mantissa bits of t hold k, so (bits(t) + 127)
   * shifted to the exponent field is 2^k (0 for k = -127).
   */
  private static float pow2(float t) {
    return Float.intBitsToFloat((Float.floatToRawIntBits(t) + 127) << 23);
  }

  private static FloatVector pow2(FloatVector t) {
    return t.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  /** |y| with the sign of x, as {@link Math#copySign(float, float)}. */
  private static FloatVector copySign(FloatVector y, FloatVector x) {
    IntVector yb = y.reinterpretAsInts().and(~SIGN), xb = x.reinterpretAsInts().and(SIGN);
    return yb.or(xb).reinterpretAsFloats();
  }
}
