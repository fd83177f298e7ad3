package org.taunet.numerics;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java GEMM on the Vector API: {@code C = alpha * op(A) * op(B) + beta * C}, row-major,
 * same argument convention as {@link Gemm}. Modifies only {@code c}.
 *
 * <p>Scheme (the usual register-blocked one): for each block of KC steps along k and NC columns
 * of C, op(B) is packed into NR-wide column panels (NR = two vectors), and the MR x NR micro-kernel
 * keeps a whole tile of C in 2*MR vector accumulators, one FMA per accumulator per k step. It reads
 * MR rows of op(A) in place when A is not transposed (a transposed A is first copied row-major),
 * so both operands advance by a constant stride per k step and the JIT drops the bounds checks.
 * Edge tiles run the same kernel on zero-padded data; a masked tail writes their valid part.
 *
 * <p>Work is split into tasks over disjoint blocks of C (row blocks of MC rows, and column chunks
 * when there are too few row blocks). With more than MC rows, the calling thread packs each B
 * block once and all tasks share it; with fewer, each task packs the B columns it needs. The
 * arithmetic for each element of C (k order, KC blocking) never depends on the split or on which
 * thread runs a task, so results are bit-identical for any thread count. Each element of C is
 * summed over k in order, one lanewise fma per k step (no cross-lane reduction), the KC blocks in
 * order (alpha and beta applied by {@code storeTile}/{@code mergeTile} per block), so the result does
 * not depend on the JIT tier either. Products with one or two rows or columns go to {@link Gemv}
 * (fixed lane-tree reductions, see there), for which packing would cost more than the product.
 *
 * <p>A {@link PackedB} holds op(B) packed once for all k blocks and columns, in the same panels; with it no call
 * packs B and the arithmetic is the same as without.
 */
public final class VectorGemm {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  /** Micro-tile rows (4 x 2 vectors = 8 accumulators; 5 or 6 rows made C2 spill, measured). */
  static final int MR = 4;
  /** Micro-tile columns: two vectors. */
  static final int NR = 2 * L;
  /** Most k steps per block: a KC x NR panel of B (16 KiB for NR = 16) stays in L1. */
  static final int KC = 256;
  /** Rows of C per task: the task's MC x KC block of A (64 KiB) stays in L2. */
  static final int MC = 64;
  /** Columns of C per packed B block (a multiple of NR); bounds the packed B buffer at KC x NC. */
  static final int NC = 1024;
  /** Column chunk of a task that packs its own B (few rows of C): 64 KiB of packed B per chunk. */
  static final int LOCAL_NT = 64;
  /** Products with at most this many rows or columns go to {@link Gemv}, row or column wise. */
  static final int SKINNY = 2;
  /** Products with m*n*k below this run on the calling thread only (fan-out costs ~10-50 us). */
  static final long PARALLEL_MIN_MNK = 1L << 20;

  private VectorGemm() {}

  /** C = alpha op(A) op(B) + beta C on up to {@link Kernels#threads()} threads. Modifies {@code c}. */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                          float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
    Gemm.checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
        Kernels.threads());
  }

  /** As {@link #gemm} with an explicit thread count (tests compare 1, 2 and 3). */
  static void gemm(boolean transA, boolean transB, int m, int n, int k,
                   float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc, int threads) {
    if (m == 0 || n == 0) return;
    if (alpha == 0f || k == 0) {
      scaleC(m, n, beta, c, cOff, ldc);
    } else if (m <= SKINNY) {
      for (int i = 0; i < m; i++) {  // row i of op(A) starts at column i of A when transposed
        rowTimesMatrix(transA, transB, n, k, alpha, a, aOff + (transA ? i : i * lda), lda,
            b, bOff, ldb, beta, c, cOff + i * ldc);
      }
    } else if (n <= SKINNY) {
      for (int j = 0; j < n; j++) {  // column j of op(B) starts at row j of B when transposed
        matrixTimesColumn(transA, transB, m, k, alpha, a, aOff, lda,
            b, bOff + (transB ? j * ldb : j), ldb, beta, c, cOff + j, ldc);
      }
    } else {
      Call call = new Call(transA, transB, m, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
      boolean parallel = threads > 1 && (long) m * n * k >= PARALLEL_MIN_MNK;
      blocked(call, n, k, beta, parallel ? threads : 1, null);
    }
  }

  /**
   * C = alpha op(A) op(B) + beta C with op(B) taken from {@code pb} (packed on first use, then reused), on up to
   * {@link Kernels#threads()} threads; bit-identical to the unpacked call. Skinny products (m or n of at most
   * {@link #SKINNY}) and alpha == 0 or k == 0 read B in place as there. Modifies {@code c}, and {@code pb}'s
   * packed buffer when it was stale. Arguments unchecked (see {@link Gemm}).
   */
  static void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB pb,
                   float beta, float[] c, int cOff, int ldc, int threads) {
    int n = pb.n, k = pb.k;
    if (m <= SKINNY || n <= SKINNY || alpha == 0f || k == 0) {
      gemm(transA, pb.transB, m, n, k, alpha, a, aOff, lda, pb.b, pb.bOff, pb.ldb, beta, c, cOff, ldc,
          threads);
      return;
    }
    Call call = new Call(transA, pb.transB, m, alpha, a, aOff, lda, pb.b, pb.bOff, pb.ldb, c, cOff, ldc);
    boolean parallel = threads > 1 && (long) m * n * k >= PARALLEL_MIN_MNK;
    blocked(call, n, k, beta, parallel ? threads : 1, pb);
  }

  /** The arguments of one blocked call that every task shares. */
  private record Call(boolean transA, boolean transB, int m, float alpha, float[] a, int aOff,
                      int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {}

  /** Equal k blocks of at most KC steps: no short last block (784 = 4 x 196). */
  static int kStep(int k) {
    return ceilDiv(k, ceilDiv(k, KC));
  }

  /** The blocked product; op(B) from {@code pb} when non-null (packed already), else packed per k block. */
  private static void blocked(Call call, int n, int k, float beta, int threads, PackedB pb) {
    Workspace ws = Workspace.get();
    int rowTasks = ceilDiv(call.m, MC);
    boolean sharedB = rowTasks > 1;
    float[] pre = pb == null ? null : pb.panels();
    int kStep = kStep(k);
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      // Shared (or pre-packed) B: tasks may split columns freely; otherwise each packs LOCAL_NT of them.
      int nt = sharedB || pre != null ? chunkWidth(rowTasks, nc, threads) : Math.min(nc, LOCAL_NT);
      int tasks = rowTasks * ceilDiv(nc, nt);
      for (int pc = 0; pc < k; pc += kStep) {
        int kc = Math.min(kStep, k - pc);
        // Step 1: B[pc:pc+kc, jc:jc+nc] pre-packed, or with several row blocks packed once here;
        // workers only read it.
        float[] bp = null;
        int bpOff = 0;
        if (pre != null) {
          bp = pre;
          bpOff = pb.offset(pc, kc, jc);
        } else if (sharedB) {
          bp = ws.buffer(Workspace.PACK_B, kc * roundUp(nc, NR));
          packB(call.transB, call.b, call.bOff, call.ldb, pc, kc, jc, nc, bp);
        }
        // Step 2: every (row block, column chunk) of C; beta applies on the first k block only.
        float betaK = pc == 0 ? beta : 1f;
        if (threads <= 1) {
          for (int t = 0; t < tasks; t++) block(call, t, nt, bp, bpOff, pc, kc, jc, nc, betaK, ws);
        } else {
          parallelBlocks(call, tasks, threads, nt, bp, bpOff, pc, kc, jc, nc, betaK);
        }
      }
    }
  }

  /** Task width in columns: whole rows of C when there are enough row blocks to share out. */
  private static int chunkWidth(int rowTasks, int nc, int threads) {
    int want = 4 * threads;  // a few tasks per thread keeps the last one from running alone
    if (threads <= 1 || rowTasks >= want) return nc;
    return roundUp(ceilDiv(nc, ceilDiv(want, rowTasks)), NR);
  }

  // The tasks of one (jc, pc) block on the pool, each with its thread's workspace; a method of its own, so the
  // one-thread path of blocked() compiles without the lambda
  private static void parallelBlocks(Call call, int tasks, int threads, int nt, float[] bp, int bpOff, int pc, int kc,
                                     int jc, int nc, float beta) {
    Parallel.forEach(tasks, threads, t -> block(call, t, nt, bp, bpOff, pc, kc, jc, nc, beta, Workspace.get()));
  }

  /**
   * Task t: rows [rb*MC, +MC) x columns [cb*nt, +nt) of the current C block, for one k block.
   * {@code bp} holds the shared packed B block (columns from jc) at {@code bpOff}, or is null if the task
   * packs its own columns; {@code ws} is the running thread's workspace (looked up once per call on one thread: a
   * {@code ThreadLocal} read per task was 10 % of a 64-unit ELM's small products).
   */
  private static void block(Call call, int t, int nt, float[] bp, int bpOff, int pc, int kc, int jc,
                            int nc, float beta, Workspace ws) {
    int chunks = ceilDiv(nc, nt);
    int i0 = (t / chunks) * MC, mc = Math.min(MC, call.m - i0);
    int j0 = (t % chunks) * nt, jEnd = Math.min(j0 + nt, nc);
    // Step 1: rows of op(A): read in place when untransposed (only a ragged last panel is copied,
    // zero-padded), otherwise transposed into a row-major copy. Row r sits at aRow + r*ars.
    float[] ap = call.a, edgeA = null;
    int aRow = call.aOff + i0 * call.lda + pc, ars = call.lda, full = mc - mc % MR;
    if (call.transA) {
      ap = ws.buffer(Workspace.PACK_A, roundUp(mc, MR) * kc);
      packA(true, call.a, call.aOff, call.lda, i0, mc, pc, kc, ap);
      aRow = 0;
      ars = kc;
      full = roundUp(mc, MR);
    } else if (full < mc) {
      edgeA = ws.buffer(Workspace.EDGE_A, MR * kc);
      packA(false, call.a, call.aOff, call.lda, i0 + full, mc - full, pc, kc, edgeA);
    }
    // Step 2: columns of op(B): the shared packed block, or this task's columns packed now.
    float[] panels = bp;
    int panel0 = bpOff + (j0 / NR) * kc * NR;
    if (panels == null) {
      panels = ws.buffer(Workspace.PACK_B, kc * roundUp(jEnd - j0, NR));
      packB(call.transB, call.b, call.bOff, call.ldb, pc, kc, jc + j0, jEnd - j0, panels);
      panel0 = 0;
    }
    float[] tile = ws.buffer(Workspace.TILE, MR * NR);
    float[] c = call.c;
    int ldc = call.ldc;
    // Step 3: B panel outer, A panels inner: the KC x NR panel of B is reused from L1 across rows.
    for (int jr = j0; jr < jEnd; jr += NR) {
      int w = Math.min(NR, nc - jr);
      int bi = panel0 + ((jr - j0) / NR) * kc * NR;
      for (int ir = 0; ir < mc; ir += MR) {
        int h = Math.min(MR, mc - ir);
        int ci = call.cOff + (i0 + ir) * ldc + jc + jr;
        if (ir < full) {
          kernel(kc, ap, aRow + ir * ars, ars, panels, bi, tile);
        } else {
          kernel(kc, edgeA, 0, kc, panels, bi, tile);
        }
        if (h == MR && w == NR) {
          storeTile(tile, c, ci, ldc, call.alpha, beta);
        } else {
          mergeTile(tile, h, w, c, ci, ldc, call.alpha, beta);
        }
      }
    }
  }

  /**
   * The MR x NR micro-kernel: tile[r*NR + j] = sum over p < kc of a[ai + r*ars + p] *
   * bp[bi + p*NR + j]. Modifies {@code tile} only; C is updated by {@link #storeTile}, which keeps
   * this loop free of anything but loads and FMAs. Both operands advance by a constant stride per
   * k step (1 and NR), which lets the JIT drop the bounds checks; a variable stride cost ~40%.
   */
  static void kernel(int kc, float[] a, int ai, int ars, float[] bp, int bi, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    int a0 = ai, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
    for (int p = 0; p < kc; p++) {
      int pb = bi + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
      c00 = av.fma(b0, c00);
      c01 = av.fma(b1, c01);
      av = FloatVector.broadcast(S, a[a1 + p]);
      c10 = av.fma(b0, c10);
      c11 = av.fma(b1, c11);
      av = FloatVector.broadcast(S, a[a2 + p]);
      c20 = av.fma(b0, c20);
      c21 = av.fma(b1, c21);
      av = FloatVector.broadcast(S, a[a3 + p]);
      c30 = av.fma(b0, c30);
      c31 = av.fma(b1, c31);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
  }

  /** A full tile into C: c = alpha * tile + beta * c, without reading C when beta == 0. */
  private static void storeTile(float[] tile, float[] c, int ci, int ldc, float alpha, float beta) {
    FloatVector av = FloatVector.broadcast(S, alpha);
    for (int r = 0; r < MR; r++, ci += ldc) {
      for (int j = 0; j < NR; j += L) {
        FloatVector t = FloatVector.fromArray(S, tile, r * NR + j);
        if (beta == 0f) {
          t.mul(av).intoArray(c, ci + j);
        } else {
          t.fma(av, FloatVector.fromArray(S, c, ci + j).mul(beta)).intoArray(c, ci + j);
        }
      }
    }
  }

  /**
   * Edge tile: only the top-left h x w part of the tile goes into C (c = alpha * tile + beta * c),
   * through lane masks so nothing past column w is read or written.
   */
  private static void mergeTile(float[] tile, int h, int w, float[] c, int ci, int ldc, float alpha,
                                float beta) {
    FloatVector av = FloatVector.broadcast(S, alpha);
    for (int j = 0; j < w; j += L) {
      VectorMask<Float> mask = S.indexInRange(j, w);
      for (int r = 0; r < h; r++) {
        int idx = ci + r * ldc + j;
        FloatVector t = FloatVector.fromArray(S, tile, r * NR + j).mul(av);
        if (beta != 0f) t = t.add(FloatVector.fromArray(S, c, idx, mask).mul(beta));
        t.intoArray(c, idx, mask);
      }
    }
  }

  /**
   * Packs op(B)[pc:pc+kc, jc:jc+nc] into {@code bp}: panel q holds columns [q*NR, q*NR+NR) as kc
   * consecutive rows of NR floats; columns past nc are zero.
   */
  static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                    float[] bp) {
    packBInto(transB, b, bOff, ldb, pc, kc, jc, nc, bp, 0);
  }

  /** As {@link #packB}, the panels starting at {@code bp[bpOff]}. Modifies {@code bp} only. */
  static void packBInto(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                        float[] bp, int bpOff) {
    for (int jr = 0; jr < nc; jr += NR) {
      int w = Math.min(NR, nc - jr);
      int dst = bpOff + (jr / NR) * kc * NR;
      int j0 = jc + jr;
      if (!transB) {
        // op(B)(p, j) = b[bOff + p*ldb + j]: each panel row is a slice of one row of B.
        // A ragged last panel loads through lane masks, so lanes past w come out as zeros.
        VectorMask<Float> lo = S.indexInRange(0, w), hi = S.indexInRange(L, w);
        for (int p = 0; p < kc; p++) {
          int src = bOff + (pc + p) * ldb + j0, d = dst + p * NR;
          if (w == NR) {
            FloatVector.fromArray(S, b, src).intoArray(bp, d);
            FloatVector.fromArray(S, b, src + L).intoArray(bp, d + L);
          } else {
            FloatVector.fromArray(S, b, src, lo).intoArray(bp, d);
            FloatVector.fromArray(S, b, src + L, hi).intoArray(bp, d + L);
          }
        }
      } else {
        // op(B)(p, j) = b[bOff + j*ldb + p]: read each stored row once, write it down a column.
        for (int j = 0; j < w; j++) {
          int src = bOff + (j0 + j) * ldb + pc;
          for (int p = 0; p < kc; p++) bp[dst + p * NR + j] = b[src + p];
        }
        for (int j = w; j < NR; j++) {
          for (int p = 0; p < kc; p++) bp[dst + p * NR + j] = 0f;
        }
      }
    }
  }

  /**
   * Copies op(A)[i0:i0+mc, pc:pc+kc] into {@code ap} row-major with row stride kc, zero rows up to
   * a multiple of MR.
   */
  static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int pc, int kc,
                    float[] ap) {
    if (!transA) {
      // op(A)(i, p) = a[aOff + i*lda + p]: rows are already contiguous.
      for (int r = 0; r < mc; r++) System.arraycopy(a, aOff + (i0 + r) * lda + pc, ap, r * kc, kc);
    } else {
      // op(A)(i, p) = a[aOff + p*lda + i]: a transpose; read along rows of A, write down columns.
      for (int p = 0; p < kc; p++) {
        int src = aOff + (pc + p) * lda + i0;
        for (int r = 0; r < mc; r++) ap[r * kc + p] = a[src + r];
      }
    }
    java.util.Arrays.fill(ap, mc * kc, roundUp(mc, MR) * kc, 0f);
  }

  /** m == 1: c(1 x n) = alpha a(1 x k) op(B) + beta c, i.e. y = alpha op(B)^T x + beta y. */
  private static void rowTimesMatrix(boolean transA, boolean transB, int n, int k, float alpha,
                                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     float beta, float[] c, int cOff) {
    float[] x = a;
    int xOff = aOff;
    if (transA && lda != 1) {  // the row of op(A) is a strided column of A: gather it
      x = Workspace.get().buffer(Workspace.VEC_X, k);
      xOff = 0;
      for (int p = 0; p < k; p++) x[p] = a[aOff + p * lda];
    }
    if (!transB) {
      Gemv.vector(true, k, n, alpha, b, bOff, ldb, x, xOff, beta, c, cOff);
    } else {
      Gemv.vector(false, n, k, alpha, b, bOff, ldb, x, xOff, beta, c, cOff);
    }
  }

  /** n == 1: c(m x 1) = alpha op(A) b(k x 1) + beta c, with C's column strided by ldc. */
  private static void matrixTimesColumn(boolean transA, boolean transB, int m, int k, float alpha,
                                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                        float beta, float[] c, int cOff, int ldc) {
    Workspace ws = Workspace.get();
    float[] x = b;
    int xOff = bOff;
    if (!transB && ldb != 1) {  // the column of op(B) is strided in B: gather it
      x = ws.buffer(Workspace.VEC_X, k);
      xOff = 0;
      for (int p = 0; p < k; p++) x[p] = b[bOff + p * ldb];
    }
    boolean strided = ldc != 1;
    float[] y = c;
    int yOff = cOff;
    if (strided) {  // compute into a contiguous copy of C's column
      y = ws.buffer(Workspace.VEC_Y, m);
      yOff = 0;
      if (beta != 0f) {
        for (int i = 0; i < m; i++) y[i] = c[cOff + i * ldc];
      }
    }
    if (!transA) {
      Gemv.vector(false, m, k, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    } else {
      Gemv.vector(true, k, m, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }
    if (strided) {
      for (int i = 0; i < m; i++) c[cOff + i * ldc] = y[i];
    }
  }

  /** C = beta C (alpha == 0 or k == 0); C is not read when beta == 0, as in BLAS. */
  static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
    if (beta == 1f) return;
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      if (beta == 0f) {
        Vec.fill(c, row, n, 0f);
      } else {
        Vec.scale(beta, c, row, n);
      }
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  static int roundUp(int x, int multiple) {
    return ceilDiv(x, multiple) * multiple;
  }
}
