package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Java GEMM gives bit-identical results for any thread count. */
class GemmThreadsTest {
  @Test
  void oneAndTwoThreadsAgreeBitwise() {
    long seed = 7;
    for (int t = 0; t < 4; t++) {
      GemmCheck c = new GemmCheck(seed++, (t & 1) != 0, (t & 2) != 0, 150, 230, 300, 1.5f,
          t == 0 ? 0f : 0.5f, true);
      assertTrue((long) c.m * c.n * c.k >= VectorGemm.PARALLEL_MIN_MNK, "must take the parallel path");
      float[] one = c.run((ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc) ->
          VectorGemm.gemm(ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc, 1));
      float[] two = c.run((ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc) ->
          VectorGemm.gemm(ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc, 2));
      float[] three = c.run((ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc) ->
          VectorGemm.gemm(ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc, 3));
      assertArrayEquals(one, two, c.describe());
      assertArrayEquals(one, three, c.describe());
      c.assertClose(c.expected(), two);
    }
  }

  @Test
  void setThreadsDoesNotChangeResults() {
    int saved = Kernels.threads();
    try {
      GemmCheck c = new GemmCheck(3, false, false, 200, 160, 100, 1f, 0f, false);
      Kernels.setThreads(1);
      float[] one = c.run(VectorGemm::gemm);
      Kernels.setThreads(2);
      float[] two = c.run(VectorGemm::gemm);
      assertArrayEquals(one, two);
    } finally {
      Kernels.setThreads(saved);
    }
  }
}
