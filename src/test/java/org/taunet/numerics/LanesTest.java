package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The documented summation orders, bit for bit: {@link Lanes#sum}'s pairwise tree, and {@link Vec#dot},
 * {@link Vec#sum} and the vector {@link Gemv} built on it, repeated until the JIT has compiled them (the result must
 * not change when it does).
 */
class LanesTest {
  private static final int L = Lanes.SPECIES.length();
  private final Random rnd = new Random(11);

  /** Lane i + d added to lane i for d = L/2, L/4, ..., 1; the sum ends in lane 0. */
  static float tree(float[] lanes) {
    float[] x = lanes.clone();
    for (int d = x.length / 2; d >= 1; d /= 2) {
      for (int i = 0; i < d; i++) x[i] = x[i] + x[i + d];
    }
    return x[0];
  }

  /** Vec.dot's documented order: two lane accumulators over 2L blocks, one more L block, tree, sequential tail. */
  static float dotReference(float[] x, float[] y, int n) {
    float[] s0 = new float[L], s1 = new float[L];
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      for (int l = 0; l < L; l++) {
        s0[l] = Math.fma(x[i + l], y[i + l], s0[l]);
        s1[l] = Math.fma(x[i + L + l], y[i + L + l], s1[l]);
      }
    }
    for (; i + L <= n; i += L) for (int l = 0; l < L; l++) s0[l] = Math.fma(x[i + l], y[i + l], s0[l]);
    for (int l = 0; l < L; l++) s0[l] += s1[l];
    float s = tree(s0), tail = 0f;
    for (; i < n; i++) tail += x[i] * y[i];
    return s + tail;
  }

  @Test void sumAddsTheLanesInTheFixedTree() {
    float[] lanes = new float[L];
    for (int rep = 0; rep < 20_000; rep++) {
      for (int l = 0; l < L; l++) lanes[l] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(8) - 4));
      float got = Lanes.sum(FloatVector.fromArray(Lanes.SPECIES, lanes, 0));
      assertEquals(Float.floatToRawIntBits(tree(lanes)), Float.floatToRawIntBits(got), "rep " + rep);
    }
  }

  @Test void dotSumAndGemvFollowTheirDocumentedOrder() {
    int[] lengths = {1, L - 1, L, L + 3, 2 * L, 2 * L + 5, 3 * L + 1, 100};
    for (int rep = 0; rep < 3_000; rep++) {
      int n = lengths[rep % lengths.length];
      float[] x = GemmCheck.random(rnd, n), y = GemmCheck.random(rnd, n);
      if (!Kernels.VECTOR_ENABLED) return;
      assertEquals(Float.floatToRawIntBits(dotReference(x, y, n)), Float.floatToRawIntBits(Vec.dot(x, y)), "dot " + n);
      float[] sumLanes = new float[L];
      int i = 0;
      for (; i + L <= n; i += L) for (int l = 0; l < L; l++) sumLanes[l] += x[i + l];
      float tail = 0f;
      for (; i < n; i++) tail += x[i];
      float sum = tree(sumLanes) + tail;
      assertEquals(Float.floatToRawIntBits(sum), Float.floatToRawIntBits(Vec.sum(x)), "sum " + n);
      // one row of A (the leftover-row path) and a block of four rows (the four-accumulator path) agree with dot
      float[] a = new float[5 * n], out = new float[5];
      for (int r = 0; r < 5; r++) System.arraycopy(x, 0, a, r * n, n);
      Gemv.vector(false, 5, n, 1f, a, 0, n, y, 0, 0f, out, 0);
      for (int r = 0; r < 4; r++) assertEquals(dotBlocks(x, y, n), out[r], 0f, "gemv row " + r + ", n " + n);
      assertEquals(dotReference(x, y, n), out[4], 0f, "gemv leftover row, n " + n);
    }
  }

  /** Gemv's four-row blocks: one lane accumulator per row over L blocks, tree, then the tail added in order. */
  static float dotBlocks(float[] x, float[] y, int n) {
    float[] s = new float[L];
    int i = 0;
    for (; i + L <= n; i += L) for (int l = 0; l < L; l++) s[l] = Math.fma(x[i + l], y[i + l], s[l]);
    float t = tree(s);
    for (; i < n; i++) t += x[i] * y[i];
    return t;
  }
}
