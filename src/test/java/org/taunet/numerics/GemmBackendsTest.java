package org.taunet.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** VECTOR and BLAS (and AUTO, through the Gemm facade) against the scalar reference. */
class GemmBackendsTest {
  private static final int[] ODD = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 65};
  /** Shapes that cross the blocking: several MC row blocks, NT column chunks, KC and NC blocks. */
  private static final int[][] LARGE = {{130, 70, 300}, {67, 300, 520}, {5, 1100, 20}, {1, 300, 70},
      {300, 1, 70}, {20, 500, 10}, {64, 128, 256}};
  private static final float[][] ALPHA_BETA = {{1f, 0f}, {-0.5f, 1f}, {2.5f, -1.5f}, {0f, 0.5f}};

  @AfterEach
  void restore() {
    Kernels.setBackend(Kernels.Backend.AUTO);
  }

  @TestFactory
  Stream<DynamicTest> vectorMatchesScalar() {
    return cases(1).stream().map(c -> DynamicTest.dynamicTest(c.describe(),
        () -> c.assertClose(c.expected(), c.run(VectorGemm::gemm))));
  }

  @TestFactory
  Stream<DynamicTest> blasMatchesScalar() {
    return cases(2).stream().map(c -> DynamicTest.dynamicTest(c.describe(),
        () -> c.assertClose(c.expected(), c.run(BlasGemm::gemm))));
  }

  @TestFactory
  Stream<DynamicTest> facadeMatchesScalarOnEveryBackend() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Kernels.Backend backend : Kernels.Backend.values()) {
      for (GemmCheck c : cases(3).subList(0, 40)) {
        tests.add(DynamicTest.dynamicTest(backend + " " + c.describe(), () -> {
          Kernels.setBackend(backend);
          c.assertClose(c.expected(), c.run(Gemm::gemm));
        }));
      }
    }
    return tests.stream();
  }

  /**
   * B^T read as a strided view whose last row ends where its array ends, as the ELM readout
   * block of unit 17 of 64 (k = 16 of a 1024 stride): every element is there, but netlib's own
   * check asks for the last row's whole stride and threw; BlasGemm must still compute it.
   */
  @Test
  void blasTakesAStridedViewThatEndsItsArray() {
    int m = 40, n = 256, k = 16, ld = 64 * k, off = 17 * k;
    java.util.Random rnd = new java.util.Random(4);
    float[] a = new float[m * k];
    float[] b = new float[off + (n - 1) * ld + k];
    for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
    for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian();
    float[] c = new float[m * n], expected = new float[m * n];
    ScalarGemm.gemm(false, true, m, n, k, 1f, a, 0, k, b, off, ld, 0f, expected, 0, n);
    BlasGemm.gemm(false, true, m, n, k, 1f, a, 0, k, b, off, ld, 0f, c, 0, n);
    assertArrayEquals(expected, c, 1e-4f);
  }

  /** Odd sizes x all transposes x alpha/beta (incl. beta = 0 with NaN C), padded and not. */
  private static List<GemmCheck> cases(long seed) {
    List<GemmCheck> cases = new ArrayList<>();
    java.util.Random rnd = new java.util.Random(seed);
    for (int t = 0; t < 4; t++) {
      boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
      for (int i = 0; i < 12; i++) {
        int m = ODD[rnd.nextInt(ODD.length)], n = ODD[rnd.nextInt(ODD.length)];
        int k = ODD[rnd.nextInt(ODD.length)];
        float[] ab = ALPHA_BETA[i % ALPHA_BETA.length];
        cases.add(new GemmCheck(rnd.nextLong(), ta, tb, m, n, k, ab[0], ab[1], i % 3 != 0));
      }
      for (int[] s : LARGE) {
        float[] ab = ALPHA_BETA[rnd.nextInt(3)];
        cases.add(new GemmCheck(rnd.nextLong(), ta, tb, s[0], s[1], s[2], ab[0], ab[1], true));
      }
    }
    java.util.Collections.shuffle(cases, rnd);
    return cases;
  }
}
