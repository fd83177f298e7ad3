package org.taunet.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.taunet.numerics.Kernels;

class GemmBenchTest {
  @Test
  void benchReturnsPositiveThroughput() {
    assertTrue(GemmBench.gflops(Kernels.Backend.VECTOR, 20, 50, 10, 0.02) > 0);
    assertTrue(GemmBench.gflops(Kernels.Backend.AUTO, 3, 5, 7, 0.0) > 0);
  }
}
