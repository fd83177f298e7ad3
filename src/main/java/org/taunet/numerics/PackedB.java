package org.taunet.numerics;

/**
 * The right operand op(B) [k x n] of repeated GEMMs, packed once into the Vector kernel's panel layout and reused by
 * every {@link Gemm#gemm(boolean, int, float, float[], int, int, PackedB, float, float[], int, int)} call until the
 * next {@link #set}. For loops that multiply many different A by the same B, such as the per-step recurrent
 * products of an RNN ([B x N] x [N x N], W fixed for a whole minibatch), where re-packing W at every call took
 * 9-13% of the 128-unit RNN's training time (JFR).
 *
 * <p>The caller owns this object and B. {@link #set} names B (the array is kept by reference, not copied); the
 * contents of B must not change until the next {@code set}, which the caller calls whenever B has changed (e.g.
 * once per optimizer step). Packing is lazy: the first call that runs on the Vector kernel packs (k x n floats,
 * written into a buffer this object owns and reuses); calls that run on the scalar or BLAS kernel read B in place,
 * so no packing is done for them. The packed panels hold the same values the unpacked call would pack, in the same
 * k blocks, so results are bit-identical to {@link Gemm#gemm} with the same operands. Not thread-safe: one thread
 * uses an instance at a time (the kernel itself may still fan out over {@link Kernels#threads()}), except after
 * {@link #pack()}, when calls from several threads at once only read it.
 *
 * <p>Layout: for the k block starting at row pc (blocks of {@link VectorGemm#kStep}), panel q (columns [q NR,
 * q NR + NR) of op(B), zero past n) is kc rows of NR floats at {@code pc * roundUp(n, NR) + q * kc * NR}.
 */
public final class PackedB {
  boolean transB;
  int k;
  int n;
  float[] b;
  int bOff;
  int ldb;
  private float[] panels = new float[0];
  private boolean packed;

  /** An empty operand; {@link #set} it before use. */
  public PackedB() {}

  /**
   * Declares op(B) (k x n; B stored n x k with row stride ldb when {@code transB}, else k x n) for the following
   * calls and marks the packed copy stale. Modifies only this object; reads nothing of B yet.
   */
  public PackedB set(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
    if (k < 0 || n < 0) throw new IllegalArgumentException("negative size: k=" + k + " n=" + n);
    Gemm.checkMatrix("B", b, bOff, transB ? n : k, transB ? k : n, ldb);
    this.transB = transB;
    this.k = k;
    this.n = n;
    this.b = b;
    this.bOff = bOff;
    this.ldb = ldb;
    packed = false;
    return this;
  }

  /** Packs op(B) now if it is stale, so that calls from several threads at once only read the panels. */
  public void pack() {
    panels();
  }

  /** Rows of op(B). */
  public int rows() {
    return k;
  }

  /** Columns of op(B). */
  public int cols() {
    return n;
  }

  /** The packed panels, packing op(B) now if it is stale. Modifies this object's buffer. */
  float[] panels() {
    if (!packed) {
      int width = VectorGemm.roundUp(n, VectorGemm.NR), kStep = VectorGemm.kStep(k);
      if (panels.length < k * width) panels = new float[k * width];
      for (int pc = 0; pc < k; pc += kStep) {
        int kc = Math.min(kStep, k - pc);
        VectorGemm.packBInto(transB, b, bOff, ldb, pc, kc, 0, n, panels, pc * width);
      }
      packed = true;
    }
    return panels;
  }

  /** Offset in {@link #panels()} of the panels of k block pc, columns from jc (a multiple of NR). */
  int offset(int pc, int kc, int jc) {
    return pc * VectorGemm.roundUp(n, VectorGemm.NR) + (jc / VectorGemm.NR) * kc * VectorGemm.NR;
  }
}
