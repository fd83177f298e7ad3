package org.taunet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backend selection, BLAS detection and the bench helper. */
class KernelsTest {
  @AfterEach
  void restore() {
    Kernels.setBackend(Kernels.Backend.AUTO);
  }

  @Test
  void autoKeepsTinyAndSkinnyCallsInJava() {
    Kernels.setBackend(Kernels.Backend.AUTO);
    Kernels.Backend java = Kernels.VECTOR_ENABLED ? Kernels.Backend.VECTOR : Kernels.Backend.SCALAR;
    assertEquals(java, Kernels.choose(1, 500, 784));     // GEMV-like
    assertEquals(java, Kernels.choose(512, 1, 784));
    assertEquals(java, Kernels.choose(512, 784, 2));     // tiny k
    assertEquals(java, Kernels.choose(20, 10, 500));     // 20x500x10: m x k x n, MNIST output layer
    assertEquals(java, Kernels.choose(20, 500, 784));    // batch-20 hidden layer, below the cut
    Kernels.Backend large = BlasInfo.isFast() ? Kernels.Backend.BLAS : java;
    assertEquals(large, Kernels.choose(64, 500, 784));
    assertEquals(large, Kernels.choose(1024, 1024, 1024));
  }

  /**
   * Where {@link Kernels#runsInJava} says so, G^T U and (U^T G)^T are equal bit for bit on both Java kernels (the RNN
   * backward pass relies on it to pick the cheaper orientation), including the skinny shapes of an RNN's input
   * weights and sizes that straddle the vector width and the k blocks.
   */
  @Test
  void javaKernelsGiveTheSameBitsInEitherOrientation() {
    java.util.Random r = new java.util.Random(3);
    int[][] shapes = {{128, 4, 6400}, {37, 3, 1000}, {20, 4, 777}, {64, 15, 300}, {5, 9, 17}};
    for (Kernels.Backend b : List.of(Kernels.Backend.SCALAR, Kernels.Backend.VECTOR, Kernels.Backend.AUTO)) {
      Kernels.setBackend(b);
      for (int[] s : shapes) {
        int n = s[0], nIn = s[1], rows = s[2];
        assertTrue(Kernels.runsInJava(n, nIn, rows) && Kernels.runsInJava(nIn, n, rows), b + " " + n + "x" + nIn);
        float[] g = new float[rows * n], u = new float[rows * nIn], c1 = new float[n * nIn], c2 = new float[nIn * n];
        for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
        for (int i = 0; i < u.length; i++) u[i] = r.nextFloat() < 0.3f ? (float) r.nextGaussian() : 0f;
        Gemm.gemm(true, false, n, nIn, rows, 1f, g, 0, n, u, 0, nIn, 0f, c1, 0, nIn);
        Gemm.gemm(true, false, nIn, n, rows, 1f, u, 0, nIn, g, 0, n, 0f, c2, 0, n);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < nIn; j++) {
            assertEquals(Float.floatToIntBits(c1[i * nIn + j]), Float.floatToIntBits(c2[j * n + i]),
                b + " " + java.util.Arrays.toString(s) + " at " + i + "," + j);
          }
        }
      }
    }
    Kernels.setBackend(Kernels.Backend.BLAS);
    assertFalse(Kernels.runsInJava(5, 9, 17));
  }

  @Test
  void explicitBackendIsUsedAsIs() {
    for (Kernels.Backend b : List.of(Kernels.Backend.SCALAR, Kernels.Backend.VECTOR, Kernels.Backend.BLAS)) {
      Kernels.setBackend(b);
      assertEquals(b, Kernels.backend());
      assertEquals(b, Kernels.choose(1, 1, 1));
    }
    assertThrows(IllegalArgumentException.class, () -> Kernels.setBackend(null));
    assertThrows(IllegalArgumentException.class, () -> Kernels.setThreads(0));
  }

  @Test
  void parsesBackendProperty() {
    assertEquals(Kernels.Backend.AUTO, Kernels.parseBackend(null));
    assertEquals(Kernels.Backend.BLAS, Kernels.parseBackend(" blas"));
    assertEquals(Kernels.Backend.SCALAR, Kernels.parseBackend("Scalar"));
    assertThrows(IllegalArgumentException.class, () -> Kernels.parseBackend("fast"));
  }

  @Test
  void describesBlas() {
    String d = BlasInfo.describe();
    assertFalse(d.isBlank());
    assertTrue(d.startsWith("netlib "), d);
    assertTrue(Kernels.describe().contains(d));
  }

  @Test
  void classifiesMappedLibraries() {
    String jni = "7f00-7f01 r-xp 00000000 fe:00 1  /tmp/libnetlibblasjni.so123";
    var openblas = BlasInfo.classify("JNIBLAS", List.of(jni,
        "7f02-7f03 r-xp 00000000 fe:00 2  /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3",
        "7f04-7f05 r-xp 00000000 fe:00 3  /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"));
    assertEquals(BlasInfo.Kind.OPENBLAS, openblas.kind());
    assertTrue(openblas.fast());
    assertEquals("netlib JNIBLAS -> /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"
        + " (OpenBLAS: libopenblasp-r0.3.21.so)", openblas.describe());

    var reference = BlasInfo.classify("JNIBLAS", List.of(jni,
        "7f02-7f03 r-xp 00000000 fe:00 2  /usr/lib/x86_64-linux-gnu/blas/libblas.so.3"));
    assertEquals(BlasInfo.Kind.REFERENCE, reference.kind());
    assertFalse(reference.fast());

    var mkl = BlasInfo.classify("JNIBLAS", List.of(
        "7f02-7f03 r-xp 00000000 fe:00 2  /opt/intel/mkl/lib/libmkl_rt.so.2"));
    assertEquals(BlasInfo.Kind.MKL, mkl.kind());

    var java = BlasInfo.classify("VectorBLAS", List.of());
    assertEquals(BlasInfo.Kind.JAVA, java.kind());
    assertFalse(java.fast());
    assertNotEquals("", java.describe());
  }

  @Test
  void facadeChecksArguments() {
    float[] a = new float[6], b = new float[6], c = new float[4];
    assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
    assertThrows(IndexOutOfBoundsException.class,
        () -> Gemm.gemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2));
    assertThrows(IllegalArgumentException.class,
        () -> Gemm.gemm(false, false, -1, 2, 3, 1f, a, b, 0f, c));
  }
}
