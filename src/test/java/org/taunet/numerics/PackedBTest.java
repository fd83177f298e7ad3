package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pre-packed B gives the same bits as the unpacked call, on every path, and follows {@link PackedB#set}. */
class PackedBTest {
  /**
   * m, n, k: one tile, ragged tiles, several k blocks (k > KC), row blocks (m > MC), column blocks (n > NC), the
   * parallel path with several row blocks and with one (m n k >= PARALLEL_MIN_MNK), skinny and empty products.
   */
  private static final int[][] SHAPES = {
      {32, 128, 128}, {32, 300, 128}, {4, 2 * VectorGemm.NR, 7}, {7, 13, 5}, {33, 131, 129}, {5, 40, 600},
      {70, 50, 300}, {130, 100, 40}, {6, 1100, 9}, {2, 50, 30}, {40, 2, 30}, {1, 1, 1}, {3, 5, 0}};

  @AfterEach
  void restore() {
    Kernels.setBackend(Kernels.Backend.AUTO);
  }

  @Test
  void vectorKernelPackedMatchesUnpackedBitwise() {
    long seed = 11;
    for (int[] s : SHAPES) {
      for (int t = 0; t < 4; t++) {
        boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
        float beta = t == 0 ? 0f : 0.75f;
        GemmCheck c = new GemmCheck(seed++, transA, transB, s[0], s[1], s[2], 1.25f, beta, true);
        for (int threads = 1; threads <= 3; threads++) {
          int th = threads;
          float[] plain = c.run((ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc) ->
              VectorGemm.gemm(ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc, th));
          PackedB pb = new PackedB().set(transB, c.k, c.n, c.b, c.bOff, c.ldb);
          for (int use = 0; use < 2; use++) {  // the second call reuses the panels of the first
            float[] packed = c.run((ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc) ->
                VectorGemm.gemm(ta, m, al, a, ao, lda, pb, be, cc, co, ldc, th));
            assertArrayEquals(plain, packed, c.describe() + " threads=" + th + " use=" + use);
          }
        }
      }
    }
  }

  @Test
  void facadeMatchesUnpackedOnEveryBackend() {
    for (Kernels.Backend backend : new Kernels.Backend[] {
        Kernels.Backend.SCALAR, Kernels.Backend.VECTOR, Kernels.Backend.AUTO}) {
      Kernels.setBackend(backend);
      long seed = 100;
      for (int[] s : SHAPES) {
        for (int t = 0; t < 4; t++) {
          boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
          GemmCheck c = new GemmCheck(seed++, transA, transB, s[0], s[1], s[2], -0.5f, 1f, true);
          float[] plain = c.run(Gemm::gemm);
          PackedB pb = new PackedB().set(transB, c.k, c.n, c.b, c.bOff, c.ldb);
          float[] packed = c.run((ta, tb, m, n, k, al, a, ao, lda, b, bo, ldb, be, cc, co, ldc) ->
              Gemm.gemm(ta, m, al, a, ao, lda, pb, be, cc, co, ldc));
          assertArrayEquals(plain, packed, backend + " " + c.describe());
        }
      }
    }
  }

  @Test
  void setRepacksAfterBChanges() {
    Kernels.setBackend(Kernels.Backend.VECTOR);
    GemmCheck c = new GemmCheck(5, false, true, 32, 64, 48, 1f, 0f, false);
    PackedB pb = new PackedB().set(true, c.k, c.n, c.b, c.bOff, c.ldb);
    float[] before = new float[c.m * c.n];
    Gemm.gemm(false, c.m, 1f, c.a, 0, c.lda, pb, 0f, before, 0, c.n);
    for (int i = 0; i < c.b.length; i++) c.b[i] *= 2f;  // B changes: the caller declares it again
    pb.set(true, c.k, c.n, c.b, c.bOff, c.ldb);
    float[] after = new float[c.m * c.n];
    Gemm.gemm(false, c.m, 1f, c.a, 0, c.lda, pb, 0f, after, 0, c.n);
    float[] expected = new float[c.m * c.n];  // C = A (2B)^T, unpacked
    Gemm.gemm(false, true, c.m, c.n, c.k, 1f, c.a, 0, c.lda, c.b, 0, c.ldb, 0f, expected, 0, c.n);
    assertArrayEquals(expected, after);
    for (int i = 0; i < before.length; i++) before[i] *= 2f;  // exact: scaling by 2 commutes with rounding
    assertArrayEquals(before, after);
  }

  @Test
  void rejectsBadOperands() {
    assertThrows(IllegalStateException.class,
        () -> Gemm.gemm(false, 1, 1f, new float[1], 0, 1, new PackedB(), 0f, new float[1], 0, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> new PackedB().set(false, 4, 4, new float[15], 0, 4));
    PackedB pb = new PackedB().set(false, 4, 3, new float[12], 0, 3);
    assertThrows(IndexOutOfBoundsException.class,
        () -> Gemm.gemm(false, 2, 1f, new float[7], 0, 4, pb, 0f, new float[6], 0, 3));
  }
}
