package org.taunet.rnn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taunet.numerics.Gemm;
import org.taunet.numerics.Kernels;
import org.taunet.numerics.PackedB;
import org.taunet.numerics.Parallel;

/**
 * Forward pass, masked loss and backpropagation through time for a batch of B trials of T steps, in the time-major
 * batched layout: every per-step tensor is [B x N] row-major and the T steps are stacked, so the input drive, the
 * readout and the weight gradients are each ONE GEMM over all T*B rows, and only the recurrent products
 * [B x N] x [N x N] run per step. All buffers are allocated here once; no step allocates.
 *
 * <p>Buffers (index t = 1..T, state 0 is the initial x_0 = 0): Z [T x B x N] drive z_t = W r_{t-1} + Win u_t + b
 * (+ noise), X and R [(T+1) x B x N] states and rates, Y [T x B x nOut] readout. The backward pass reuses one
 * [T x B x N] buffer for dL/dr_t and, in place, dL/dz_t. The per-step products take W from a {@link PackedB}
 * declared at the start of each pass (W^T forward, W backward), so W is packed once per pass, not once per step;
 * W must not change during a pass.
 *
 * <p>Two threads: trials never interact inside the recurrences, so with {@link Kernels#threads()} &gt; 1 both time
 * loops run as two row blocks of the batch on two threads ({@link #split}); the Java kernels give each row the
 * same bits whatever the row count, and every sum over trials (the weight gradients) stays one GEMM over all rows
 * after the loop, so the results are bit-identical to the one-thread run ({@code BpttSplitTest}).
 */
public final class Bptt {
  /** Loss and accuracy of one forward pass. */
  public record Result(double loss, int correct, int trials) {
    public double accuracy() {
      return trials == 0 ? Double.NaN : (double) correct / trials;
    }
  }

  private final RnnNetwork net;
  public final int steps;
  public final int batch;
  private final int n;
  private final int bn;
  private float[] u;
  final float[] z;
  final float[] x;
  final float[] r;
  final float[] y;
  private float[] dy;
  private float[] g;
  private float[] carry;
  private float[] da;
  private float[] dWinT; // dWin^T, nIn x n, when it is computed transposed
  private final PackedB wT = new PackedB();
  private final PackedB wPlain = new PackedB();
  /** Smallest batch whose time loops are split over two threads: below it the hand-off costs more than it saves. */
  static final int MIN_SPLIT_ROWS = 16;

  public Bptt(RnnNetwork net, int steps, int batch) {
    this.net = net;
    this.steps = steps;
    this.batch = batch;
    this.n = net.n;
    this.bn = batch * n;
    z = new float[steps * bn];
    x = new float[(steps + 1) * bn];
    r = new float[(steps + 1) * bn];
    y = new float[steps * batch * net.nOut];
  }

  /** The rates r_t, t = 0..T, as [(T+1) x B x N] (read-only view of the workspace). */
  public float[] rates() {
    return r;
  }

  /** The readout y_t, t = 1..T, as [T x B x nOut] (read-only view). */
  public float[] outputs() {
    return y;
  }

  /**
   * Runs the network on inputs {@code u} ([T x B x nIn], kept by reference for the backward pass) from x_0 = 0.
   * With {@code noiseSd} &gt; 0, N(0, noiseSd^2) is added to every unit's drive at every step, drawn from {@code rng}
   * in (t, b, i) order.
   */
  public void forward(float[] u, double noiseSd, RandomGenerator rng) {
    int nIn = net.nIn, rows = steps * batch;
    if (u.length != rows * nIn) throw new IllegalArgumentException("u has " + u.length + " values, expected " + rows * nIn);
    this.u = u;
    // 1. input drive for all steps at once: Z = U Win^T + b (+ noise)
    Gemm.gemm(false, true, rows, n, nIn, 1f, u, 0, nIn, net.win, 0, nIn, 0f, z, 0, n);
    for (int row = 0; row < rows; row++) {
      int base = row * n;
      for (int j = 0; j < n; j++) z[base + j] += net.b[j];
    }
    if (noiseSd > 0) for (int i = 0; i < z.length; i++) z[i] += (float) (noiseSd * rng.nextGaussian());
    // 2. x_0 = 0, r_0 = phi(0)
    Arrays.fill(x, 0, bn, 0f);
    Arrays.fill(r, 0, bn, net.phi.apply(0f));
    boolean zeroRate0 = net.phi.apply(0f) == 0f;
    // 3. recurrence: z_t += W r_{t-1}; x_t = x_{t-1} + a (z_t - x_{t-1}); r_t = phi(x_t); W^T packed once
    wT.set(true, n, n, net.w, 0, n);
    int h = split(net.theta != null);
    if (h == 0) {
      forwardRows(0, batch, zeroRate0);
    } else {
      wT.pack();   // the two threads then only read the panels
      Parallel.forEach(2, 2, part -> forwardRows(part == 0 ? 0 : h, part == 0 ? h : batch - h, zeroRate0));
    }
    // 4. readout for all steps at once: Y = R[1..T] Wout^T + bout
    int nOut = net.nOut;
    Gemm.gemm(false, true, rows, nOut, n, 1f, r, bn, n, net.wout, 0, n, 0f, y, 0, nOut);
    for (int row = 0; row < rows; row++) for (int o = 0; o < nOut; o++) y[row * nOut + o] += net.bout[o];
  }

  /** The forward recurrence of trials [from, from + count) over all steps. Modifies z, x and r of those rows. */
  private void forwardRows(int from, int count, boolean zeroRate0) {
    for (int t = 1; t <= steps; t++) {
      int prev = (t - 1) * bn + from * n, cur = t * bn + from * n;
      if (t > 1 || !zeroRate0) Gemm.gemm(false, count, 1f, r, prev, n, wT, 1f, z, prev, n);
      RnnKernels.forward(net.phi, net.a, count, n, x, prev, z, prev, x, cur, r, cur);
    }
  }

  /**
   * Rows of the first block when the time loops run as two row blocks on two threads, else 0: with more than one
   * kernel thread, a batch of at least {@link #MIN_SPLIT_ROWS}, the per-step products on a Java kernel for the whole
   * batch and both blocks (BLAS gives no row-for-row promise), and no learned tau (its gradient sums over trials
   * inside the loop).
   */
  int split(boolean learnedTau) {
    if (Kernels.threads() < 2 || batch < MIN_SPLIT_ROWS || learnedTau) return 0;
    int h = (batch + 1) / 2;
    return Kernels.runsInJava(batch, n, n) && Kernels.runsInJava(h, n, n) && Kernels.runsInJava(batch - h, n, n) ? h : 0;
  }

  /**
   * The masked loss of the last {@link #forward} against {@code target} ([T x B x nOut]) with weights {@code mask}
   * ([T x B]), and the choice accuracy: trial b is correct when the largest of outputs 1.. at step
   * {@code readStep[b]} is output {@code label[b]}. Also stores dL/dy for {@link #backward}.
   */
  public Result loss(Loss kind, float[] target, float[] mask, int[] label, int[] readStep) {
    int nOut = net.nOut, rows = steps * batch;
    if (dy == null) dy = new float[rows * nOut];
    double m = 0;
    for (int i = 0; i < rows; i++) m += mask[i];
    double invM = m > 0 ? 1 / m : 0, total = 0;
    for (int row = 0; row < rows; row++) {
      int o0 = row * nOut;
      float w = mask[row];
      if (w == 0) {
        Arrays.fill(dy, o0, o0 + nOut, 0f);
        continue;
      }
      if (kind == Loss.MSE) {
        for (int o = 0; o < nOut; o++) {
          double d = y[o0 + o] - target[o0 + o];
          total += w * 0.5 * d * d;
          dy[o0 + o] = (float) (w * d * invM);
        }
      } else {
        // softmax cross-entropy: dL/dy_o = w (p_o sum(target) - target_o) / M
        double max = Double.NEGATIVE_INFINITY, sum = 0, tsum = 0;
        for (int o = 0; o < nOut; o++) max = Math.max(max, y[o0 + o]);
        for (int o = 0; o < nOut; o++) sum += Math.exp(y[o0 + o] - max);
        double logZ = max + Math.log(sum);
        for (int o = 0; o < nOut; o++) {
          tsum += target[o0 + o];
          total -= w * target[o0 + o] * (y[o0 + o] - logZ);
        }
        for (int o = 0; o < nOut; o++) {
          double p = Math.exp(y[o0 + o] - logZ);
          dy[o0 + o] = (float) (w * (p * tsum - target[o0 + o]) * invM);
        }
      }
    }
    int correct = 0;
    for (int b = 0; b < batch; b++) if (choice(readStep[b], b) == label[b]) correct++;
    return new Result(total * invM, correct, batch);
  }

  /** The chosen output (largest of outputs 1..nOut-1) of trial b at step index t (0-based). */
  public int choice(int t, int b) {
    int nOut = net.nOut, o0 = (t * batch + b) * nOut, best = 1;
    for (int o = 2; o < nOut; o++) if (y[o0 + o] > y[o0 + best]) best = o;
    return best;
  }

  /**
   * Gradients of the last {@link #loss} with respect to {@link RnnNetwork#params()}, written into {@code grads}
   * (same order and shapes; overwritten). {@code truncation} &gt; 0 stops gradients at the borders of windows of that
   * many steps. Modifies {@code grads} and the workspace.
   */
  public void backward(float[][] grads, int truncation) {
    int nIn = net.nIn, nOut = net.nOut, rows = steps * batch;
    if (g == null) {
      g = new float[steps * bn];
      carry = new float[bn];
      da = new float[n];
    }
    // 1. readout: dWout = dY^T R[1..T], dbout = colsum dY, dL/dr_t = dY Wout (all steps at once)
    Gemm.gemm(true, false, nOut, n, rows, 1f, dy, 0, nOut, r, bn, n, 0f, grads[3], 0, n);
    RnnKernels.columnSums(dy, 0, rows, nOut, grads[4]);
    Gemm.gemm(false, false, rows, n, nOut, 1f, dy, 0, nOut, net.wout, 0, n, 0f, g, 0, n);
    // 2. backward recurrence, t = T..1; g_t becomes dL/dz_t in place; W packed once
    wPlain.set(false, n, n, net.w, 0, n);
    Arrays.fill(carry, 0f);
    Arrays.fill(da, 0f);
    boolean tauGrad = net.theta != null;
    int h = split(tauGrad);
    if (h == 0) {
      backwardRows(0, batch, truncation, tauGrad ? da : null);
    } else {
      wPlain.pack();
      Parallel.forEach(2, 2, part -> backwardRows(part == 0 ? 0 : h, part == 0 ? h : batch - h, truncation, null));
    }
    // 3. weight gradients over all steps at once: dW = DZ^T R[0..T-1], dWin = DZ^T U, db = colsum DZ
    Gemm.gemm(true, false, n, n, rows, 1f, g, 0, n, r, 0, n, 0f, grads[0], 0, n);
    if (Kernels.runsInJava(n, nIn, rows)) {
      // as (U^T DZ)^T: packs U^T (nIn x rows) instead of gathering DZ^T (n x rows) for a product only nIn wide,
      // which took 16 % of the 128-unit step (JFR); the same sums in the same order (Kernels.runsInJava)
      if (dWinT == null) dWinT = new float[nIn * n];
      Gemm.gemm(true, false, nIn, n, rows, 1f, u, 0, nIn, g, 0, n, 0f, dWinT, 0, n);
      for (int i = 0; i < n; i++) for (int j = 0; j < nIn; j++) grads[1][i * nIn + j] = dWinT[j * n + i];
    } else {
      Gemm.gemm(true, false, n, nIn, rows, 1f, g, 0, n, u, 0, nIn, 0f, grads[1], 0, nIn);
    }
    RnnKernels.columnSums(g, 0, rows, n, grads[2]);
    // 4. tau_i = floor + exp(theta_i): dL/dtheta_i = dL/da_i * da_i/dtau_i * exp(theta_i)
    if (tauGrad) {
      for (int i = 0; i < n; i++) {
        grads[5][i] = (float) (da[i] * net.factorDerivative(i) * (net.tau[i] - net.tauFloor));
      }
    }
  }

  /**
   * The backward recurrence, t = T..1, of trials [from, from + count): g_t becomes dL/dz_t in place. Modifies g and
   * carry of those rows, and {@code da} (null: no tau gradient).
   */
  private void backwardRows(int from, int count, int truncation, float[] da) {
    int r0 = from * n;
    for (int t = steps; t >= 1; t--) {
      int off = (t - 1) * bn + r0;
      if (t < steps) {
        if (truncation > 0 && t % truncation == 0) {
          Arrays.fill(carry, r0, r0 + count * n, 0f); // window border: nothing flows back from step t+1
        } else {
          Gemm.gemm(false, count, 1f, g, t * bn + r0, n, wPlain, 1f, g, off, n); // += dz_{t+1} W
        }
      }
      RnnKernels.backward(net.phi, net.a, count, n, g, off, r, t * bn + r0, carry, r0, z, off, x, off, da);
    }
  }

  /** Zeroed gradient arrays shaped like {@code net.params()}. */
  public static float[][] newGradients(RnnNetwork net) {
    float[][] p = net.params();
    float[][] g = new float[p.length][];
    for (int i = 0; i < p.length; i++) g[i] = new float[p[i].length];
    return g;
  }
}
