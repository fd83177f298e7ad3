package org.taunet.ep;

import org.taunet.numerics.Kernels;
import org.taunet.numerics.Parallel;

/**
 * Relaxes a minibatch as two independent halves of its rows, on two threads when {@link Kernels#threads()} &gt; 1.
 * Examples never interact during relaxation (every product is row-wise), and the row-split products are
 * bit-identical to the whole-batch ones at these sizes, so the result is the same as one {@link Relaxer} over the
 * whole batch, whatever the thread count (tested). Batches below {@link #MIN_ROWS} rows, or whose relaxation
 * products are too small to pay for the split ({@link #MIN_WORK}: net1's), are relaxed whole.
 *
 * <p>Owns its workspaces; not thread-safe. Same contract as {@link Relaxer}.
 */
final class SplitRelaxer {
  /** Smallest batch that is split. */
  static final int MIN_ROWS = 16;
  /**
   * Least multiply-adds of one relaxation step's products, rows x sum over l &gt;= 1 of n_l n_{l+1} (the input drive is
   * computed once), for which a batch is split. Measured on the 2-core VM of issue 16 (2026-12-02, idle, `bench
   * --workload ep`, 2 threads): net1 at batch 20 (20 x 5,000 = 1e5) ran 16.3-16.7k samples/s split and 19.4-21.5k
   * relaxed whole, while net2 (20 x 255,000 = 5.1e6) ran 897-1,052 split and 610-665 whole.
   */
  static final long MIN_WORK = 1L << 20;

  private final int minRows;
  private final long minWork;
  /** Multiply-adds of one relaxation step's products per row: sum over l &gt;= 1 of n_l n_{l+1}. */
  private final long stepWork;

  private final EpNetwork net;
  private final Relaxer whole;
  private final Relaxer[] half = new Relaxer[2];
  private final EpState[] part = new EpState[2];
  private final float[][] yPart = new float[2][];
  private final int[] notConverged = new int[2];
  private int rows;
  private int split; // rows in part 0; 0 = relax whole
  private boolean inputPending;

  SplitRelaxer(EpNetwork net, int capacity) {
    this(net, capacity, MIN_ROWS, MIN_WORK);
  }

  /** As {@link #SplitRelaxer(EpNetwork, int)} with other thresholds (tests: 0 work, to split small networks). */
  SplitRelaxer(EpNetwork net, int capacity, int minRows, long minWork) {
    this.minRows = minRows;
    this.minWork = minWork;
    this.net = net;
    long work = 0;
    for (int l = 1; l + 1 < net.sizes.length; l++) work += (long) net.sizes[l] * net.sizes[l + 1];
    stepWork = work;
    whole = new Relaxer(net, capacity);
    int h = (capacity + 1) / 2;
    for (int i = 0; i < 2; i++) {
      half[i] = new Relaxer(net, h);
      part[i] = new EpState(net.sizes, h);
      yPart[i] = new float[h * net.sizes[net.sizes.length - 1]];
    }
  }

  /** As {@link Relaxer#setInput}: the input rows of {@code state}; each half computes its input drive lazily. */
  void setInput(EpState state, int rows) {
    this.rows = rows;
    if (rows < minRows || rows * stepWork < minWork) {
      split = 0;
      whole.setInput(state, rows);
      return;
    }
    split = (rows + 1) / 2;
    copyRows(state.s[0], net.sizes[0], 0, split, part[0].s[0], 0);
    copyRows(state.s[0], net.sizes[0], split, rows - split, part[1].s[0], 0);
    inputPending = true;
  }

  /** As {@link Relaxer#relax}; modifies {@code state} (layers 1..L) for its first rows. */
  int relax(EpState state, float[] y, float beta, int steps, double tol) {
    if (split == 0) return whole.relax(state, y, beta, steps, tol);
    int layers = net.sizes.length;
    int nOut = net.sizes[layers - 1];
    // 1. scatter the two row blocks of every layer (and the targets) into the half states
    for (int i = 0; i < 2; i++) {
      int from = i == 0 ? 0 : split, count = i == 0 ? split : rows - split;
      for (int l = 1; l < layers; l++) copyRows(state.s[l], net.sizes[l], from, count, part[i].s[l], 0);
      copyRows(y, nOut, from, count, yPart[i], 0);
    }
    // 2. relax both halves (the input drive first, once per setInput)
    boolean computeInput = inputPending;
    inputPending = false;
    Parallel.forEach(2, Math.min(2, Kernels.threads()), i -> {
      int count = i == 0 ? split : rows - split;
      if (computeInput) half[i].setInput(part[i], count);
      notConverged[i] = half[i].relax(part[i], yPart[i], beta, steps, tol);
    });
    // 3. gather the relaxed rows back
    for (int i = 0; i < 2; i++) {
      int from = i == 0 ? 0 : split, count = i == 0 ? split : rows - split;
      for (int l = 1; l < layers; l++) copyRows(part[i].s[l], net.sizes[l], 0, count, state.s[l], from);
    }
    return notConverged[0] + notConverged[1];
  }

  // dst[(dstRow + r) * n ..] = src[(srcRow + r) * n ..] for r in [0, count)
  private static void copyRows(float[] src, int n, int srcRow, int count, float[] dst, int dstRow) {
    System.arraycopy(src, srcRow * n, dst, dstRow * n, count * n);
  }
}
