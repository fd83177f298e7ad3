package org.taunet.ep;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.taunet.ep.EpConfig.Dynamics;
import org.taunet.numerics.Gemm;
import org.taunet.numerics.PackedB;

/**
 * Relaxes a minibatch of states toward a minimum of F = E + beta C with per-neuron time steps.
 * One step updates every layer synchronously from the previous state:
 * <pre>
 *   drive_l = rho(s_{l-1}) W_l + rho(s_{l+1}) W_{l+1}^T + b_l            (top-down term absent for l = L)
 *   GRADIENT: s_l &lt;- clip(s_l - dt_l * dF/ds_l, 0, 1),
 *             dF/ds_l = s_l - rho'(s_l) drive_l  [+ beta (s_L - y) at the output]   (S&amp;B 2017, Eq. 6)
 *   LEAKY:    s_l &lt;- (1 - dt_l) s_l + dt_l sigma(drive_l [+ beta (y - s_L) at the output])
 * </pre>
 * dt_l is the vector of per-neuron time steps of layer l (HTS). The input drive x W_1 + b_1 is
 * computed once per minibatch ({@link #setInput}) because the input is clamped.
 *
 * <p>Owns its workspaces; not thread-safe. Capacity (the largest batch) is fixed at construction. The weights of the
 * per-step products (W_l for l &gt;= 2, bottom-up and transposed top-down) are packed once per {@link #relax} call
 * ({@link PackedB}; declared again by every {@link #setInput} and {@link #relax}, as the weights do not change
 * during a relaxation), with results bit-identical to unpacked products.
 */
public final class Relaxer {
  private final EpNetwork net;
  private final int capacity;
  private final float[][] rho;
  private final float[][] drive;
  private final float[] inputDrive;
  private final float[] maxDelta;
  private final PackedB[] up;   // op(B) = W_l of the bottom-up product rho(s_{l-1}) W_l, l >= 2
  private final PackedB[] down; // op(B) = W_{l+1}^T of the top-down product rho(s_{l+1}) W_{l+1}^T
  private int rows;

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  public Relaxer(EpNetwork net, int capacity) {
    this.net = net;
    this.capacity = capacity;
    int layers = net.sizes.length;
    rho = new float[layers][];
    drive = new float[layers][];
    for (int l = 1; l < layers; l++) {
      rho[l] = new float[capacity * net.sizes[l]];
      drive[l] = new float[capacity * net.sizes[l]];
    }
    inputDrive = new float[capacity * net.sizes[1]];
    maxDelta = new float[capacity];
    up = new PackedB[layers];
    down = new PackedB[layers];
    for (int l = 1; l < layers; l++) {
      up[l] = new PackedB();
      down[l] = new PackedB();
    }
  }

  /**
   * Caches the clamped input drive x W_1 + b_1 for the first {@code rows} examples of {@code state};
   * must be called again whenever W_1 or b_1 change or the input changes.
   */
  public void setInput(EpState state, int rows) {
    if (rows < 1 || rows > capacity || rows > state.batch)
      throw new IllegalArgumentException("rows " + rows + " outside 1.." + Math.min(capacity, state.batch));
    this.rows = rows;
    int n0 = net.sizes[0], n1 = net.sizes[1];
    Gemm.gemm(false, false, rows, n1, n0, 1f, state.s[0], net.w[1], 0f, inputDrive);
    addBias(inputDrive, net.b[1], rows, n1);
    packWeights();
  }

  /**
   * Runs {@code steps} synchronous steps on the first rows of {@code state} (set by {@link #setInput})
   * with nudging strength {@code beta} toward one-hot targets {@code y} (B x n_L; unused if beta = 0).
   * Modifies {@code state} (layers 1..L).
   *
   * @return the number of examples whose largest state change in the last step exceeds {@code tol}
   */
  public int relax(EpState state, float[] y, float beta, int steps, double tol) {
    packWeights();
    for (int t = 0; t < steps; t++) step(state, y, beta);
    int notConverged = 0;
    for (int k = 0; k < rows; k++) if (!(maxDelta[k] <= tol)) notConverged++;
    return notConverged;
  }

  /** Declares the current weights to the packed operands (packed lazily by the first product that uses them). */
  private void packWeights() {
    int layers = net.sizes.length;
    for (int l = 2; l < layers; l++) {
      up[l].set(false, net.sizes[l - 1], net.sizes[l], net.w[l], 0, net.sizes[l]);
      down[l - 1].set(true, net.sizes[l], net.sizes[l - 1], net.w[l], 0, net.sizes[l]);
    }
  }

  /** One synchronous step of every layer; records each example's largest |Δs| in maxDelta. */
  void step(EpState state, float[] y, float beta) {
    int layers = net.sizes.length, top = layers - 1;
    // 1. rho of every layer from the current state (kept apart so the update below is synchronous)
    for (int l = 1; l < layers; l++) net.energyRho(state.s[l], rho[l], rows * net.sizes[l]);
    java.util.Arrays.fill(maxDelta, 0, rows, 0f);
    for (int l = 1; l < layers; l++) {
      int n = net.sizes[l];
      // 2. bottom-up drive: cached for l = 1, else rho(s_{l-1}) W_l + b_l
      if (l == 1) {
        System.arraycopy(inputDrive, 0, drive[1], 0, rows * n);
      } else {
        Gemm.gemm(false, rows, 1f, rho[l - 1], 0, net.sizes[l - 1], up[l], 0f, drive[l], 0, n);
        addBias(drive[l], net.b[l], rows, n);
      }
      // 3. top-down drive rho(s_{l+1}) W_{l+1}^T
      if (l < top) Gemm.gemm(false, rows, 1f, rho[l + 1], 0, net.sizes[l + 1], down[l], 1f, drive[l], 0, n);
      // 4. per-neuron update
      float[] yl = l == top ? y : null;
      if (net.dynamics == Dynamics.LEAKY) updateLeaky(state.s[l], drive[l], net.dt[l], n, yl, beta);
      else if (net.activation == Activation.HARD_SIGMOID) updateHardSigmoid(state.s[l], drive[l], net.dt[l], n, yl, beta);
      else updateGradient(state.s[l], drive[l], net.dt[l], n, yl, beta);
    }
  }

  // s <- clip(s - dt (s - rho'(s) drive + beta (s - y)), 0, 1); hard sigmoid: rho'(s) = 1 on [0, 1]
  void updateGradient(float[] s, float[] d, float[] dt, int n, float[] y, float beta) {
    Activation act = net.activation;
    boolean nudge = y != null && beta != 0f;
    for (int k = 0; k < rows; k++) {
      float md = maxDelta[k];
      for (int j = 0, i = k * n; j < n; j++, i++) {
        float v = s[i];
        float g = v - act.rhoPrime(v) * d[i];
        if (nudge) g += beta * (v - y[i]);
        float nv = Math.min(1f, Math.max(0f, v - dt[j] * g));
        md = Math.max(md, Math.abs(nv - v));
        s[i] = nv;
      }
      maxDelta[k] = md; // NaN propagates through min/max, so a NaN state counts as not converged
    }
  }

  /**
   * {@link #updateGradient} for rho = hard sigmoid (rho'(s) = 1 on [0, 1], else 0), on the Vector API with a scalar
   * tail: the same float operations lane by lane (no fused multiply-add), so the result is bit-identical.
   * Modifies {@code s} and {@code maxDelta}.
   */
  void updateHardSigmoid(float[] s, float[] d, float[] dt, int n, float[] y, float beta) {
    boolean nudge = y != null && beta != 0f;
    FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
    int bound = F.loopBound(n);
    for (int k = 0; k < rows; k++) {
      int base = k * n;
      FloatVector mdv = zero;
      int j = 0;
      for (; j < bound; j += F.length()) {
        FloatVector v = FloatVector.fromArray(F, s, base + j);
        VectorMask<Float> inside = v.compare(VectorOperators.GE, 0f).and(v.compare(VectorOperators.LE, 1f));
        FloatVector rp = zero.blend(one, inside);
        FloatVector g = v.sub(rp.mul(FloatVector.fromArray(F, d, base + j)));
        if (nudge) g = g.add(v.sub(FloatVector.fromArray(F, y, base + j)).mul(beta));
        FloatVector nv = v.sub(FloatVector.fromArray(F, dt, j).mul(g)).max(0f).min(1f);
        mdv = mdv.max(nv.sub(v).abs());
        nv.intoArray(s, base + j);
      }
      float md = Math.max(maxDelta[k], mdv.reduceLanes(VectorOperators.MAX));
      for (int i = base + j; j < n; j++, i++) {
        float v = s[i];
        float g = v - Activation.HARD_SIGMOID.rhoPrime(v) * d[i];
        if (nudge) g += beta * (v - y[i]);
        float nv = Math.min(1f, Math.max(0f, v - dt[j] * g));
        md = Math.max(md, Math.abs(nv - v));
        s[i] = nv;
      }
      maxDelta[k] = md;
    }
  }

  // s <- s + dt (sigma(drive + beta (y - s)) - s)
  private void updateLeaky(float[] s, float[] d, float[] dt, int n, float[] y, float beta) {
    Activation act = net.activation;
    boolean nudge = y != null && beta != 0f;
    for (int k = 0; k < rows; k++) {
      float md = maxDelta[k];
      for (int j = 0, i = k * n; j < n; j++, i++) {
        float v = s[i];
        float pre = nudge ? d[i] + beta * (y[i] - v) : d[i];
        float nv = v + dt[j] * (act.rho(pre) - v);
        md = Math.max(md, Math.abs(nv - v));
        s[i] = nv;
      }
      maxDelta[k] = md;
    }
  }

  /**
   * Mean energy E(s) (beta = 0, S&amp;B 2017 Eq. 1) over the rows of {@code state} set by {@link #setInput}, using the
   * cached input drive: E = sum_l [1/2 |s_l|^2 - (rho(s_{l-1}) W_l + b_l) . rho(s_l)], the l = 1 term's drive being
   * x W_1 + b_1. Equals {@link EpNetwork#energy} up to float rounding of the products; overwrites the workspaces a
   * {@link #step} recomputes anyway. For the relaxation probe, not the training path.
   */
  double meanEnergy(EpState state) {
    int layers = net.sizes.length;
    for (int l = 1; l < layers; l++) net.energyRho(state.s[l], rho[l], rows * net.sizes[l]);
    double e = 0;
    for (int l = 1; l < layers; l++) {
      int n = net.sizes[l];
      float[] d = inputDrive;
      if (l > 1) {
        Gemm.gemm(false, false, rows, n, net.sizes[l - 1], 1f, rho[l - 1], net.w[l], 0f, drive[l]);
        addBias(drive[l], net.b[l], rows, n);
        d = drive[l];
      }
      float[] s = state.s[l], r = rho[l];
      for (int i = 0; i < rows * n; i++) e += 0.5 * s[i] * s[i] - (double) d[i] * r[i];
    }
    return e / rows;
  }

  /** A copy of each example's largest |Δs| of the last step (for tests). */
  float[] maxDeltaCopy() {
    return java.util.Arrays.copyOf(maxDelta, rows);
  }

  /** Zeroes the per-example largest |Δs| (for tests; {@link #step} does it at each step). */
  void clearMaxDelta() {
    java.util.Arrays.fill(maxDelta, 0f);
  }

  static void addBias(float[] out, float[] bias, int rows, int n) {
    for (int k = 0; k < rows; k++) {
      for (int j = 0, i = k * n; j < n; j++, i++) out[i] += bias[j];
    }
  }
}
