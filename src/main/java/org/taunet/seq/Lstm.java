package org.taunet.seq;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.numerics.DetMath;
import org.taunet.numerics.Gemm;
import org.taunet.numerics.PackedB;
import org.taunet.numerics.Vec;

/**
 * LSTM baseline (Hochreiter &amp; Schmidhuber 1997, with forget gate) with hand-written BPTT and a linear readout:
 * <pre>
 *   [i f g o]_t = [sig sig tanh sig](W_x x_t + W_h h_{t-1} + b)
 *   c_t = f c_{t-1} + i g,   h_t = o tanh(c_t),   logits_t = W_r h_t + b_r
 * </pre>
 * Inputs are gathered sparsely (one W_x column per nonzero input: spikes, one-hot bytes). Parameter layout: W_x^T
 * (inputs x 4H, one row per channel), W_h (4H x H), b (4H), W_r (outputs x H), b_r; closed form
 * 4H (inputs + H + 1) + outputs (H + 1). Weights uniform(+-1/sqrt(H)) as PyTorch, the forget-gate biases shifted by
 * a forget bias (1 by default, Gers et al. 2000, so the cell starts out remembering). The gate functions are
 * {@link DetMath}'s sigma and tanh over whole gate blocks (the same bits on every JIT tier); W_h is packed for the
 * per-step products once per pass.
 */
public final class Lstm implements SeqModel {
  private final int in, hid, out, g4, oWh, oB, oWr, oBr;
  private final float[] params, grads;
  private int t, batch, first, rows = -1;
  private boolean carry;
  private SparseInput x;
  private float[] gates, cH, hH, tcH, dHr, dh, dc, state = new float[0];
  // op(B) of the per-step products: W_h^T forward (h_{t-1} W_h^T), W_h backward (dz W_h); declared each pass
  private final PackedB whT = new PackedB(), wh = new PackedB();

  /** A new LSTM with {@code hidden} units and forget bias 1; weights from {@code rng}. */
  public Lstm(int inputs, int hidden, int outputs, SplittableRandom rng) {
    this(inputs, hidden, outputs, 1.0, rng);
  }

  /** A new LSTM with {@code hidden} units, {@code forgetBias} added to the forget-gate biases; weights from {@code rng}. */
  public Lstm(int inputs, int hidden, int outputs, double forgetBias, SplittableRandom rng) {
    if (inputs < 1 || hidden < 1 || outputs < 1) throw new IllegalArgumentException("LSTM sizes must be >= 1");
    in = inputs;
    hid = hidden;
    out = outputs;
    g4 = 4 * hidden;
    oWh = in * g4;
    oB = oWh + g4 * hid;
    oWr = oB + g4;
    oBr = oWr + out * hid;
    params = new float[(int) paramCount(inputs, hidden, outputs)];
    grads = new float[params.length];
    double bound = 1 / Math.sqrt(hid);
    for (int q = 0; q < params.length; q++) params[q] = (float) ((2 * rng.nextDouble() - 1) * bound);
    for (int q = 0; q < hid; q++) params[oB + hid + q] += (float) forgetBias;
  }

  /** Trainable parameters: 4H (inputs + H + 1) + outputs (H + 1). */
  public static long paramCount(int inputs, int hidden, int outputs) {
    return 4L * hidden * (inputs + hidden + 1) + (long) outputs * (hidden + 1);
  }

  @Override public int inputs() { return in; }

  @Override public int outputs() { return out; }

  @Override public float[] params() { return params; }

  @Override public float[] grads() { return grads; }

  @Override public float[] carriedState() { return state; }

  @Override public String describe() {
    return String.format("LSTM: H=%d hidden units, %d parameters", hid, params.length);
  }

  @Override public void resetState(int b) {
    if (state.length != 2 * b * hid) state = new float[2 * b * hid];
    Arrays.fill(state, 0f);
  }

  private void ensure(int steps, int b) {
    if (steps * b <= rows && b == batch) return;
    rows = steps * b;
    gates = new float[rows * g4];
    cH = new float[(rows + b) * hid];
    hH = new float[(rows + b) * hid];
    dHr = new float[rows * hid];
    dh = new float[b * hid];
    dc = new float[b * hid];
    tcH = new float[rows * hid];
  }

  @Override public void forward(SparseInput input, int firstScored, float[] logits, boolean carryState) {
    if (input.channels() != in) throw new IllegalArgumentException("input has " + input.channels() + " channels, model " + in);
    x = input;
    t = input.steps();
    ensure(t, input.batch());
    batch = input.batch();
    first = firstScored;
    carry = carryState;
    int bh = batch * hid;
    if (carry && state.length != 2 * bh) resetState(batch);
    if (carry) { System.arraycopy(state, 0, hH, 0, bh); System.arraycopy(state, bh, cH, 0, bh); }
    else { Arrays.fill(hH, 0, bh, 0f); Arrays.fill(cH, 0, bh, 0f); }
    whT.set(true, hid, g4, params, oWh, hid);
    for (int s = 0; s < t; s++) {
      // z = b + W_x x_t (sparse) + W_h h_{t-1}
      int zo = s * batch * g4;
      for (int b = 0; b < batch; b++) {
        System.arraycopy(params, oB, gates, zo + b * g4, g4);
        int row = s * batch + b;
        for (int e = x.start[row]; e < x.start[row + 1]; e++) Vec.axpy(x.value[e], params, x.index[e] * g4, gates, zo + b * g4, g4);
      }
      Gemm.gemm(false, batch, 1f, hH, s * bh, hid, whT, 1f, gates, zo, g4);
      // gate nonlinearities over each row's blocks [i f | g | o], c_t = f c + i g, h_t = o tanh(c_t)
      for (int b = 0; b < batch; b++) {
        // c_{t-1} at prev, c_t and h_t at cur (cH and hH start with the initial state); tanh(c_t) at tc (tcH does not)
        int go = zo + b * g4, prev = s * bh + b * hid, cur = prev + bh, tc = prev;
        DetMath.sigmoid(gates, go, gates, go, 2 * hid);
        DetMath.tanh(gates, go + 2 * hid, gates, go + 2 * hid, hid);
        DetMath.sigmoid(gates, go + 3 * hid, gates, go + 3 * hid, hid);
        Vec.mul(gates, go + hid, cH, prev, cH, cur, hid);          // f c_{t-1}
        Vec.mul(gates, go, gates, go + 2 * hid, tcH, tc, hid);     // i g (tcH as scratch)
        Vec.add(cH, cur, tcH, tc, cH, cur, hid);
        DetMath.tanh(cH, cur, tcH, tc, hid);                       // tanh(c_t), kept for the backward pass
        Vec.mul(gates, go + 3 * hid, tcH, tc, hH, cur, hid);
      }
    }
    int r = (t - first) * batch;
    for (int row = 0; row < r; row++) System.arraycopy(params, oBr, logits, row * out, out);
    Gemm.gemm(false, true, r, out, hid, 1f, hH, (first + 1) * bh, hid, params, oWr, hid, 1f, logits, 0, out);
    if (carry) { System.arraycopy(hH, t * bh, state, 0, bh); System.arraycopy(cH, t * bh, state, bh, bh); }
  }

  @Override public void backward(float[] dLogits) {
    int r = (t - first) * batch, bh = batch * hid;
    // readout
    for (int row = 0; row < r; row++) Vec.axpy(1f, dLogits, row * out, grads, oBr, out);
    Gemm.gemm(true, false, out, hid, r, 1f, dLogits, 0, out, hH, (first + 1) * bh, hid, 1f, grads, oWr, hid);
    Gemm.gemm(false, false, r, hid, out, 1f, dLogits, 0, out, params, oWr, hid, 0f, dHr, 0, hid);
    Arrays.fill(dh, 0f);
    Arrays.fill(dc, 0f);
    wh.set(false, g4, hid, params, oWh, hid);
    for (int s = t - 1; s >= 0; s--) {
      if (s >= first) Vec.axpy(1f, dHr, (s - first) * bh, dh, 0, bh);
      int zo = s * batch * g4;
      for (int b = 0; b < batch; b++) {
        int go = zo + b * g4;
        for (int j = 0; j < hid; j++) {
          int q = b * hid + j;
          float ig = gates[go + j], fg = gates[go + hid + j], gg = gates[go + 2 * hid + j], og = gates[go + 3 * hid + j];
          float tc = tcH[s * bh + q];
          float dcq = dc[q] + dh[q] * og * (1 - tc * tc);
          gates[go + j] = dcq * gg * ig * (1 - ig);
          gates[go + hid + j] = dcq * cH[s * bh + q] * fg * (1 - fg);
          gates[go + 2 * hid + j] = dcq * ig * (1 - gg * gg);
          gates[go + 3 * hid + j] = dh[q] * tc * og * (1 - og);
          dc[q] = dcq * fg;
        }
        int row = s * batch + b;
        for (int e = x.start[row]; e < x.start[row + 1]; e++) Vec.axpy(x.value[e], gates, go, grads, x.index[e] * g4, g4);
      }
      // dL/dh_{t-1} = dz W_h
      Gemm.gemm(false, batch, 1f, gates, zo, g4, wh, 0f, dh, 0, hid);
    }
    int tb = t * batch;
    Gemm.gemm(true, false, g4, hid, tb, 1f, gates, 0, g4, hH, 0, hid, 1f, grads, oWh, hid);
    for (int row = 0; row < tb; row++) Vec.axpy(1f, gates, row * g4, grads, oB, g4);
  }
}
