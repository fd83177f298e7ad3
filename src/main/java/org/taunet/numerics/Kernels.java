package org.taunet.numerics;

import java.util.Locale;

/**
 * Chooses the GEMM backend and holds the kernel settings.
 *
 * <ul>
 *   <li>{@code -Dtaunet.kernels=scalar|vector|blas|auto} (default auto), or {@link #setBackend}.
 *   <li>{@code -Dtaunet.threads=N} (default: available processors), or {@link #setThreads}: the
 *       threads the Java GEMM uses, the caller included. BLAS keeps its own threads.
 *   <li>{@code -Dtaunet.vector=false}: never use the Vector API (scalar loops in {@link Vec} and
 *       {@link Gemv}; AUTO picks SCALAR where it would pick VECTOR).
 * </ul>
 *
 * <p>AUTO decides per call (see {@link #choose}): small or skinny products stay in Java, where a
 * JNI call plus BLAS's thread start-up would cost more than the product; large ones go to BLAS
 * when {@link BlasInfo#isFast()}.
 */
public final class Kernels {
  /** GEMM implementations; AUTO picks one per call. */
  public enum Backend { SCALAR, VECTOR, BLAS, AUTO }

  public static final String BACKEND_PROPERTY = "taunet.kernels";
  public static final String THREADS_PROPERTY = "taunet.threads";
  public static final String VECTOR_PROPERTY = "taunet.vector";

  /** False when {@code -Dtaunet.vector=false}; read once (every Vector API loop of taunet reads it here). */
  public static final boolean VECTOR_ENABLED =
      !"false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "true").trim());

  /**
   * AUTO sends a product to BLAS only when m*n*k is at least this (2^23 = 8,388,608) and m, n
   * and k are each at least {@link #AUTO_BLAS_MIN_DIM}; smaller ones stay in Java.
   *
   * <p>Measured 2026-11-23 on this project's dev machine (2-core AMD EPYC, AVX2+FMA, OpenBLAS
   * 0.3.21 pthread via netlib JNIBLAS, 2 threads each, best of 5 interleaved samples while other
   * jobs shared the cores), GFLOP/s VECTOR vs BLAS, shapes m x k x n: 16^3 34 vs 15, 64^3 72 vs 62,
   * 128^3 68 vs 65, 192^3 78 vs 78, 256^3 84 vs 82, 384^3 79 vs 84; 20x784x500 (7.8M) 51 vs 33,
   * 784x20x500 50 vs 45, 64x784x500 (25M) 68 vs 77, 512x784x500 64 vs 77 (on an idle machine BLAS
   * reaches ~130 there). Java wins or ties below ~1.6e7, BLAS from ~2.5e7; the cut sits below that
   * so the batch-20 MNIST products (7.8M) stay in Java and batch 64 and up go to BLAS.
   */
  static final long AUTO_BLAS_MIN_MNK = 1L << 23;

  /** AUTO keeps GEMV-like (m or n of 1) and thin products (tiny k) in Java: any side below 16. */
  static final int AUTO_BLAS_MIN_DIM = 16;

  private static volatile Backend backend = backendFromProperty();
  private static volatile int threads = threadsFromProperty();

  private Kernels() {}

  /** The configured backend (AUTO unless overridden). */
  public static Backend backend() {
    return backend;
  }

  /** Sets the backend for all later calls (all threads). */
  public static void setBackend(Backend b) {
    if (b == null) throw new IllegalArgumentException("backend must not be null");
    backend = b;
  }

  /**
   * Whether a product of these sizes runs on a Java kernel (vector or scalar) under the configured backend. Both
   * Java kernels sum each element of C over k in the same order whichever operand is A, so op(A) op(B) and
   * (op(B)^T op(A)^T)^T are then equal bit for bit (BLAS gives no such promise); callers use it to pick the
   * cheaper orientation without changing results.
   */
  public static boolean runsInJava(int m, int n, int k) {
    Backend b = choose(m, n, k);
    return b == Backend.VECTOR || b == Backend.SCALAR;
  }

  /** Threads the Java GEMM may use, including the calling thread. */
  public static int threads() {
    return threads;
  }

  /** Sets the Java GEMM thread count (at least 1); results do not depend on it. */
  public static void setThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("threads must be >= 1: " + n);
    threads = n;
  }

  /** One line for provenance: backend, threads, vector width and the BLAS in use. */
  public static String describe() {
    String vec = VECTOR_ENABLED ? VectorGemm.S.vectorBitSize() + "-bit vectors" : "vector off";
    return "kernels=" + backend.name().toLowerCase(Locale.ROOT) + ", threads=" + threads + ", " + vec
        + ", BLAS: " + BlasInfo.describe();
  }

  /** The concrete backend (never AUTO) a call with these sizes runs on under the current setting. */
  static Backend choose(int m, int n, int k) {
    Backend b = backend;
    return b == Backend.AUTO ? chooseAuto(m, n, k) : b;
  }

  /** The AUTO rule: Java for small or skinny products, BLAS for large ones if BLAS is fast. */
  static Backend chooseAuto(int m, int n, int k) {
    Backend java = VECTOR_ENABLED ? Backend.VECTOR : Backend.SCALAR;
    int min = Math.min(m, Math.min(n, k));
    if (min < AUTO_BLAS_MIN_DIM || (long) m * n * k < AUTO_BLAS_MIN_MNK) return java;
    return BlasInfo.isFast() ? Backend.BLAS : java;  // BLAS is only looked at for large calls
  }

  /** Runs the GEMM on {@code b} (AUTO resolved by size). Arguments as {@link Gemm}, unchecked. */
  static void gemm(Backend b, boolean transA, boolean transB, int m, int n, int k,
                   float alpha, float[] a, int aOff, int lda, float[] bm, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    Backend run = b == Backend.AUTO ? chooseAuto(m, n, k) : b;
    switch (run) {
      case SCALAR -> ScalarGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, bm, bOff, ldb,
          beta, c, cOff, ldc);
      case VECTOR -> VectorGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, bm, bOff, ldb,
          beta, c, cOff, ldc);
      case BLAS, AUTO -> BlasGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, bm, bOff, ldb,
          beta, c, cOff, ldc);
    }
  }

  static Backend parseBackend(String s) {
    if (s == null || s.isBlank()) return Backend.AUTO;
    try {
      return Backend.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "-D" + BACKEND_PROPERTY + "=" + s + ": expected scalar, vector, blas or auto", e);
    }
  }

  /** The backend property, or AUTO (with one warning line) when it is unset or unreadable. */
  private static Backend backendFromProperty() {
    try {
      return parseBackend(System.getProperty(BACKEND_PROPERTY));
    } catch (IllegalArgumentException e) {
      System.err.println("taunet: warning: " + e.getMessage() + "; using auto");
      return Backend.AUTO;
    }
  }

  /** The threads property, or the available processors (with a warning when unreadable). */
  private static int threadsFromProperty() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    String s = System.getProperty(THREADS_PROPERTY);
    if (s == null || s.isBlank()) return cores;
    try {
      return Math.max(1, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      System.err.println("taunet: warning: -D" + THREADS_PROPERTY + "=" + s
          + ": expected an integer; using " + cores);
      return cores;
    }
  }
}
