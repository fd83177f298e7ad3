package org.taunet.numerics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** jqwik: random shapes, transposes, alpha/beta and padding; VECTOR and BLAS vs the reference. */
class GemmPropertyTest {
  @Property(tries = 150, seed = "20240611")
  void vectorAndBlasMatchScalar(@ForAll @IntRange(min = 1, max = 70) int m,
                                @ForAll @IntRange(min = 1, max = 70) int n,
                                @ForAll @IntRange(min = 0, max = 300) int k,
                                @ForAll boolean transA, @ForAll boolean transB,
                                @ForAll @IntRange(min = 0, max = 3) int scalars,
                                @ForAll boolean padded, @ForAll long seed) {
    float alpha = new float[] {1f, -2f, 0.75f, 0f}[scalars];
    float beta = new float[] {0f, 1f, -0.5f, 2f}[(scalars + m) % 4];
    GemmCheck c = new GemmCheck(seed, transA, transB, m, n, k, alpha, beta, padded);
    float[] expected = c.expected();
    c.assertClose(expected, c.run(VectorGemm::gemm));
    c.assertClose(expected, c.run(BlasGemm::gemm));
  }
}
