package org.taunet.seq;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.numerics.DetMath;
import org.taunet.numerics.Gemm;
import org.taunet.numerics.PackedB;
import org.taunet.numerics.Vec;

/**
 * Plain leaky (continuous-time) RNN baseline with hand-written BPTT and a linear readout, tau_i dx_i/dt = -x_i +
 * sum_j W_ij tanh(x_j) + (W_in u)_i + b_i, discretised exactly for inputs held over a step (exponential Euler, stable
 * for any dt / tau):
 * <pre>
 *   a_t = W_in u_t + W h_{t-1} + b,   x_t = kappa x_{t-1} + (1 - kappa) a_t,   h_t = tanh(x_t),
 *   kappa_i = exp(-dt / tau_i),       logits_t = W_r h_t + b_r
 * </pre>
 * tau_i is fixed (not trained). Inputs are gathered sparsely (one W_in column per nonzero input). Parameter layout:
 * W_in^T (inputs x H, one row per channel), W (H x H, row i feeds unit i), b (H), W_r (outputs x H), b_r; closed form
 * H (inputs + H + 1) + outputs (H + 1). Weights uniform(+-1/sqrt(H)) as PyTorch's RNN, b_r too.
 */
public final class LeakyRnn implements SeqModel {
  private final int in, hid, out, oW, oB, oWr, oBr;
  private final float[] params, grads, kappa, tau;
  private int t, batch, first, rows = -1;
  private boolean carry;
  private SparseInput x;
  private float[] xPrev, hH, daH, dHr, dh, dx, state = new float[0];
  // op(B) of the per-step products: W^T forward (h_{t-1} W^T), W backward (da W); declared each pass
  private final PackedB wT = new PackedB(), w = new PackedB();

  /**
   * A new leaky RNN with {@code hidden} units of time constants {@code tau} (length hidden, same unit as dt); weights
   * from {@code rng}.
   */
  public LeakyRnn(int inputs, int hidden, int outputs, double[] tau, double dt, SplittableRandom rng) {
    if (inputs < 1 || hidden < 1 || outputs < 1) throw new IllegalArgumentException("leaky RNN sizes must be >= 1");
    if (tau.length != hidden) throw new IllegalArgumentException("need " + hidden + " time constants, got " + tau.length);
    if (!(dt > 0)) throw new IllegalArgumentException("dt must be > 0, got " + dt);
    in = inputs;
    hid = hidden;
    out = outputs;
    oW = in * hid;
    oB = oW + hid * hid;
    oWr = oB + hid;
    oBr = oWr + out * hid;
    params = new float[(int) paramCount(inputs, hidden, outputs)];
    grads = new float[params.length];
    kappa = new float[hid];
    this.tau = new float[hid];
    for (int i = 0; i < hid; i++) {
      this.tau[i] = (float) tau[i];
      if (!(tau[i] > 0)) throw new IllegalArgumentException("tau must be > 0, got " + tau[i]);
      kappa[i] = (float) Math.exp(-dt / tau[i]);
    }
    double bound = 1 / Math.sqrt(hid);
    for (int q = 0; q < params.length; q++) params[q] = (float) ((2 * rng.nextDouble() - 1) * bound);
  }

  /** Trainable parameters: H (inputs + H + 1) + outputs (H + 1). */
  public static long paramCount(int inputs, int hidden, int outputs) {
    return (long) hidden * (inputs + hidden + 1) + (long) outputs * (hidden + 1);
  }

  /** The units' time constants tau_i (fixed, same unit as dt), a copy. */
  public float[] tau() {
    return tau.clone();
  }

  @Override public int inputs() { return in; }

  @Override public int outputs() { return out; }

  @Override public float[] params() { return params; }

  @Override public float[] grads() { return grads; }

  @Override public float[] carriedState() { return state; }

  @Override public String describe() {
    return String.format("leaky RNN: H=%d units, %d parameters", hid, params.length);
  }

  @Override public void resetState(int b) {
    if (state.length != b * hid) state = new float[b * hid];
    Arrays.fill(state, 0f);
  }

  private void ensure(int steps, int b) {
    if (steps * b <= rows && b == batch) return;
    rows = steps * b;
    hH = new float[(rows + b) * hid];
    daH = new float[rows * hid];
    dHr = new float[rows * hid];
    xPrev = new float[b * hid];
    dh = new float[b * hid];
    dx = new float[b * hid];
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
    if (carry && state.length != bh) resetState(batch);
    if (carry) System.arraycopy(state, 0, xPrev, 0, bh);
    else Arrays.fill(xPrev, 0, bh, 0f);
    DetMath.tanh(xPrev, 0, hH, 0, bh);
    wT.set(true, hid, hid, params, oW, hid);
    for (int s = 0; s < t; s++) {
      // a = b + W_in u_t (sparse) + W h_{t-1}, kept in daH until the backward pass overwrites it
      int ao = s * bh;
      for (int b = 0; b < batch; b++) {
        System.arraycopy(params, oB, daH, ao + b * hid, hid);
        int row = s * batch + b;
        for (int e = x.start[row]; e < x.start[row + 1]; e++) Vec.axpy(x.value[e], params, x.index[e] * hid, daH, ao + b * hid, hid);
      }
      Gemm.gemm(false, batch, 1f, hH, s * bh, hid, wT, 1f, daH, ao, hid);
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < hid; i++) {
          int q = b * hid + i;
          xPrev[q] = kappa[i] * xPrev[q] + (1 - kappa[i]) * daH[ao + q];
        }
      }
      DetMath.tanh(xPrev, 0, hH, (s + 1) * bh, bh);
    }
    int r = (t - first) * batch;
    for (int row = 0; row < r; row++) System.arraycopy(params, oBr, logits, row * out, out);
    Gemm.gemm(false, true, r, out, hid, 1f, hH, (first + 1) * bh, hid, params, oWr, hid, 1f, logits, 0, out);
    if (carry) System.arraycopy(xPrev, 0, state, 0, bh);
  }

  @Override public void backward(float[] dLogits) {
    int r = (t - first) * batch, bh = batch * hid;
    // readout
    for (int row = 0; row < r; row++) Vec.axpy(1f, dLogits, row * out, grads, oBr, out);
    Gemm.gemm(true, false, out, hid, r, 1f, dLogits, 0, out, hH, (first + 1) * bh, hid, 1f, grads, oWr, hid);
    Gemm.gemm(false, false, r, hid, out, 1f, dLogits, 0, out, params, oWr, hid, 0f, dHr, 0, hid);
    Arrays.fill(dh, 0f);  // dL/dh_s through a_{s+1}
    Arrays.fill(dx, 0f);  // dL/dx_{s+1}
    w.set(false, hid, hid, params, oW, hid);
    for (int s = t - 1; s >= 0; s--) {
      if (s >= first) Vec.axpy(1f, dHr, (s - first) * bh, dh, 0, bh);
      int ao = s * bh;
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < hid; i++) {
          int q = b * hid + i;
          float h = hH[(s + 1) * bh + q];
          float dxq = dh[q] * (1 - h * h) + kappa[i] * dx[q];
          dx[q] = dxq;
          daH[ao + q] = (1 - kappa[i]) * dxq;
        }
        int row = s * batch + b;
        for (int e = x.start[row]; e < x.start[row + 1]; e++) Vec.axpy(x.value[e], daH, ao + b * hid, grads, x.index[e] * hid, hid);
      }
      // dL/dh_{s-1} = da_s W
      Gemm.gemm(false, batch, 1f, daH, ao, hid, w, 0f, dh, 0, hid);
    }
    int tb = t * batch;
    Gemm.gemm(true, false, hid, hid, tb, 1f, daH, 0, hid, hH, 0, hid, 1f, grads, oW, hid);
    for (int row = 0; row < tb; row++) Vec.axpy(1f, daH, row * hid, grads, oB, hid);
  }
}
