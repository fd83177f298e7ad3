package org.taunet.elm;

import java.util.Arrays;
import org.taunet.numerics.Gemm;
import org.taunet.numerics.PackedB;
import org.taunet.numerics.Vec;
import org.taunet.seq.SparseInput;

/**
 * Forward pass and hand-written backpropagation through time of an {@link ElmNet}, with preallocated workspaces.
 *
 * <p>Speed-ups (exact, not approximations):
 * <ul>
 *   <li>The synaptic traces are never formed: with one tau_s, u_t = W1s B s_t obeys u_t = kappa_s u_{t-1} +
 *       W1s B (w_s * v_t), so each step adds one W1s row per nonzero input (about 1% of spike channels). In
 *       reverse, G_t = dL/du_t = dL/dz1_t + kappa_s G_{t+1}, and dL/dW1s = sum_t G_t (B (w_s * v_t))^T is again a
 *       sum over the nonzero inputs only.
 *   <li>Per step only the recurrent products (batch x d_m by d_m x d_mlp and back) run; the weight gradients of
 *       W1m, W2 and the readout are one GEMM each over all T x batch rows after the backward sweep.
 *   <li>Each unit's W1m and W2 are packed for the GEMM kernel once per forward and once per backward pass
 *       ({@link PackedB}), not at each of the T steps: with a batch of 8 rows, packing a d_mlp x d_m weight cost as
 *       much as the product it fed. Bit-identical to packing at every call.
 *   <li>The elementwise passes of a unit's step (SiLU, the memory write's scaled tanh, the leak) and their
 *       derivatives run on the Vector API ({@link ElmKernels}; sigma and tanh from {@code DetMath}: the same bits on
 *       every JIT tier).
 * </ul>
 * The fields carry the names of {@link ElmNet}'s equations (z1, act, dm, m, o, u, kappa_m, kappa_s, w_s) and
 * {@code grad...} for dL/d of them.
 */
final class ElmBptt {
  private final ElmNet net;
  private final int n, dm, h, kc, ch, k;
  private final ElmShape.Version version;
  private final boolean relu;
  private int t, batch, first, rows = -1;
  private boolean carry;
  private SparseInput in;
  // Histories per unit i, rows r = t * batch + b: z1_t (then dL/dz1_t), act(z1_t), dm_t (then dL/dz2_t), m_t (block
  // 0 the initial state, block t+1 m_t), dL/dm_t from the readout (scored steps); o_t of all units (block 0 carried).
  private float[][] z1Hist, actHist, dmHist, mHist, gradMReadout;
  private float[] oHist;
  // Per unit and batch row during a sweep: u_t = W1s B s_t (forward), G_t = dL/du_t = dL/dz1_t + kappa_s G_{t+1},
  // dL/dm_t carried back through m_{t-1}, dL/do_{t-1}; per batch row and unit, sum_t kappa_s^(T-1-t) o_t (saveState).
  private float[] driveU, gradU, gradM, gradO, scratchO;
  // Constants per synapse (w_s = |p|) and per unit and memory: kappa_m = exp(-dt/tau_m), the write gain of dm_t
  // (V1 lambda (1 - kappa_m), V2 1 - exp(-dt lambda / tau_m)), tau_m; dL/dkappa_m and dL/dkappa_lambda summed over t.
  private float[] wS, kappaM, gainM, tau, gradKappaM, gradKappaLambda;
  // The carried raw synaptic traces r_0; work buffers batch x d_m, batch x d_mlp, d_mlp x d_m; kappa_s = exp(-dt/tau_s).
  private float[] trace0, scratchM, scratchH, scratchW;
  private float kappaS;
  private float[] state = new float[0];
  private int stateBatch = -1;
  // Per unit, op(B) of the per-step products: forward W1m^T and W2^T, backward W2 and W1m (declared each pass)
  private final PackedB[] fwdW1m, fwdW2, backW2, backW1m;
  // lane maps of the recurrent drive when a W1s row is narrower than a vector (null otherwise)
  private final ElmKernels.Narrow narrow;

  ElmBptt(ElmNet net) {
    this.net = net;
    n = net.n; dm = net.dm; h = net.h; kc = net.kc;
    ch = net.shape.inputs();
    k = net.shape.outputs();
    version = net.shape.version();
    relu = net.shape.activation() == ElmShape.Activation.RELU;
    wS = new float[n * kc];
    kappaM = new float[n * dm];
    tau = new float[n * dm];
    gainM = new float[n * dm];
    gradKappaM = new float[n * dm];
    gradKappaLambda = new float[n * dm];
    scratchW = new float[h * dm];
    fwdW1m = packed(n);
    fwdW2 = packed(n);
    backW2 = packed(n);
    backW1m = packed(n);
    narrow = ElmKernels.Narrow.of(h, n);
  }

  private static PackedB[] packed(int n) {
    PackedB[] out = new PackedB[n];
    for (int i = 0; i < n; i++) out[i] = new PackedB();
    return out;
  }

  void resetState(int b) {
    int len = n * b * dm + b * n + n * b * kc;
    if (state.length != len) state = new float[len];
    Arrays.fill(state, 0f);
    stateBatch = b;
  }

  float[] carried() {
    return state;
  }

  /** Unit i's memories of the last forward pass: block 0 the initial m, block s + 1 m_s, each [batch x d_m]. */
  float[] memoryHistory(int i) {
    return mHist[i];
  }

  private void ensure(int steps, int b) {
    if (steps * b <= rows && b == batch) return;
    rows = steps * b;
    z1Hist = new float[n][rows * h];
    actHist = new float[n][rows * h];
    dmHist = new float[n][rows * dm];
    gradMReadout = new float[n][rows * dm];
    mHist = new float[n][(rows + b) * dm];
    oHist = new float[(rows + b) * n];
    driveU = new float[n * b * h];
    gradU = new float[n * b * h];
    gradM = new float[n * b * dm];
    scratchM = new float[b * dm];
    scratchH = new float[b * h];
    gradO = new float[b * n];
    scratchO = new float[b * n];
    trace0 = new float[n * b * kc];
  }

  // --- forward -------------------------------------------------------------------------------------------------

  void forward(SparseInput input, int firstScored, float[] logits, boolean carryState) {
    in = input;
    t = input.steps();
    ensure(t, input.batch());
    batch = input.batch();
    first = firstScored;
    carry = carryState;
    if (first < 0 || first >= t) throw new IllegalArgumentException("first scored step " + first + " not in [0, " + t + ")");
    if (carry && stateBatch != batch) resetState(batch);
    constants();
    for (int i = 0; i < n; i++) {
      int base = net.unitOffset(i);
      fwdW1m[i].set(true, dm, h, net.params, base + net.oW1m, dm);
      fwdW2[i].set(true, h, dm, net.params, base + net.oW2, h);
    }
    // 1. initial state: zero, or the carried m, o and raw traces r (u_{-1} = W1s B (w_s * r))
    int mLen = batch * dm;
    for (int i = 0; i < n; i++) {
      if (carry) System.arraycopy(state, i * mLen, mHist[i], 0, mLen);
      else Arrays.fill(mHist[i], 0, mLen, 0f);
    }
    if (carry) System.arraycopy(state, n * mLen, oHist, 0, batch * n);
    else Arrays.fill(oHist, 0, batch * n, 0f);
    Arrays.fill(driveU, 0f);
    if (carry) initialDrive();
    // 2. time steps
    for (int s = 0; s < t; s++) {
      drive(s);
      for (int i = 0; i < n; i++) stepUnit(i, s);
      if (net.shape.recurrent()) unitOutputs(s);
    }
    // 3. readout of the scored steps: one GEMM per unit over all scored rows
    int r = (t - first) * batch;
    for (int row = 0; row < r; row++) System.arraycopy(net.params, net.readout + n * dm * k, logits, row * k, k);
    for (int i = 0; i < n; i++) {
      Gemm.gemm(false, true, r, k, dm, 1f, mHist[i], (first + 1) * batch * dm, dm, net.params, net.readout + i * dm, n * dm,
          1f, logits, 0, k);
    }
    if (carry) saveState();
  }

  // w_s = |p|; kappa_m = exp(-dt/tau_m); V1: lambda (1 - kappa_m), V2: 1 - exp(-dt lambda / tau_m); kappa_s = exp(-dt/tau_s)
  private void constants() {
    ElmShape sh = net.shape;
    for (int f = 0; f < n * kc; f++) wS[f] = Math.abs(net.params[net.unitOffset(f / kc) + f % kc]);
    net.taus(tau);
    for (int q = 0; q < n * dm; q++) {
      kappaM[q] = (float) Math.exp(-sh.dt() / tau[q]);
      gainM[q] = version == ElmShape.Version.V1 ? (float) (sh.lambda() * (1 - kappaM[q]))
          : (float) (1 - Math.exp(-sh.dt() * sh.lambda() / tau[q]));
    }
    kappaS = (float) Math.exp(-sh.dt() / sh.tauS());
  }

  private void initialDrive() {
    System.arraycopy(state, n * batch * dm + batch * n, trace0, 0, trace0.length);
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < kc; j++) {
          float r = trace0[(i * batch + b) * kc + j];
          if (r != 0f) Vec.axpy(wS[i * kc + j] * r, net.params, w1sRow(i, j), driveU, (i * batch + b) * h, h);
        }
      }
    }
  }

  private int w1sRow(int i, int j) {
    return net.unitOffset(i) + net.oW1s + net.branchOf(j) * h;
  }

  // u_t = kappa_s u_{t-1} + W1s B (w_s * v_t), over the nonzero inputs and the unit outputs o_{t-1}; a recurrent
  // synapse adds its row to every batch row in one call (each drive element still sums inputs, then sources in order)
  private void drive(int s) {
    Vec.scale(kappaS, driveU);
    for (int b = 0; b < batch; b++) {
      int row = s * batch + b;
      for (int e = in.start[row]; e < in.start[row + 1]; e++) addSource(in.index[e], in.value[e], b);
    }
    if (!net.shape.recurrent()) return;
    for (int q = 0; q < n; q++) {
      for (int f = net.fanStart[ch + q]; f < net.fanStart[ch + q + 1]; f++) {
        ElmKernels.axpyRows(wS[net.fanSyn[f]], oHist, s * batch * n + q, n, net.params, net.fanRow[f], driveU,
            net.fanUnit[f] * batch * h, batch, h, narrow);
      }
    }
  }

  private void addSource(int src, float v, int b) {
    for (int q = net.fanStart[src]; q < net.fanStart[src + 1]; q++) {
      Vec.axpy(wS[net.fanSyn[q]] * v, net.params, net.fanRow[q], driveU, (net.fanUnit[q] * batch + b) * h, h);
    }
  }

  private void stepUnit(int i, int s) {
    int base = net.unitOffset(i), prev = s * batch * dm, cur = prev + batch * dm, zo = s * batch * h;
    float[] mI = mHist[i], z1 = z1Hist[i], dmI = dmHist[i], p = net.params;
    // a = kappa_m * m_{t-1}
    for (int b = 0; b < batch; b++) Vec.mul(kappaM, i * dm, mI, prev + b * dm, scratchM, b * dm, dm);
    // z1 = u_t + b1 + W1m a
    for (int b = 0; b < batch; b++) Vec.add(driveU, (i * batch + b) * h, p, base + net.oB1, z1, zo + b * h, h);
    Gemm.gemm(false, batch, 1f, scratchM, 0, dm, fwdW1m[i], 1f, z1, zo, h);
    activate(z1, actHist[i], zo, batch * h);
    // z2 = b2 + W2 act(z1)
    for (int b = 0; b < batch; b++) System.arraycopy(p, base + net.oB2, dmI, prev + b * dm, dm);
    Gemm.gemm(false, batch, 1f, actHist[i], zo, h, fwdW2[i], 1f, dmI, prev, dm);
    // dm_t = 1.7159 tanh(2/3 z2); m_t = kappa_m m_{t-1} + gainM dm_t
    ElmKernels.memoryWrite(dmI, prev, mI, prev, cur, kappaM, gainM, i * dm, batch, dm);
  }

  private void activate(float[] z, float[] out, int off, int len) {
    if (relu) ElmKernels.relu(z, out, off, len);
    else ElmKernels.silu(z, out, off, len);
  }

  // o_t = w_o . m_t + b_o, stored as the sources of step t+1
  private void unitOutputs(int s) {
    for (int b = 0; b < batch; b++) {
      for (int q = 0; q < n; q++) {
        int base = net.unitOffset(q);
        oHist[((s + 1) * batch + b) * n + q] = net.params[base + net.oBo]
            + Vec.dot(net.params, base + net.oWo, mHist[q], ((s + 1) * batch + b) * dm, dm);
      }
    }
  }

  // carried state after the last step: m_T, o_T, and raw traces r_T = kappa_s^T r_0 + sum_t kappa_s^(T-1-t) v_t
  private void saveState() {
    int mLen = batch * dm;
    for (int i = 0; i < n; i++) System.arraycopy(mHist[i], t * mLen, state, i * mLen, mLen);
    System.arraycopy(oHist, t * batch * n, state, n * mLen, batch * n);
    int rOff = n * mLen + batch * n;
    float decay = (float) Math.pow(kappaS, t);
    for (int q = 0; q < trace0.length; q++) state[rOff + q] = decay * trace0[q];
    // sparse inputs: each event into its synapses; unit outputs (dense): summed per source over t first, then
    // added once to each of the source's synapses
    Arrays.fill(scratchO, 0f);
    for (int s = 0; s < t; s++) {
      float w = (float) Math.pow(kappaS, t - 1 - s);
      for (int b = 0; b < batch; b++) {
        int row = s * batch + b;
        for (int e = in.start[row]; e < in.start[row + 1]; e++) addTrace(in.index[e], w * in.value[e], b, rOff);
        if (net.shape.recurrent()) Vec.axpy(w, oHist, row * n, scratchO, b * n, n);
      }
    }
    for (int b = 0; b < batch && net.shape.recurrent(); b++) {
      for (int q = 0; q < n; q++) addTrace(ch + q, scratchO[b * n + q], b, rOff);
    }
  }

  private void addTrace(int src, float wv, int b, int rOff) {
    for (int q = net.fanStart[src]; q < net.fanStart[src + 1]; q++) {
      int f = net.fanSyn[q], i = f / kc;
      state[rOff + (i * batch + b) * kc + f % kc] += wv;
    }
  }

  // --- backward ------------------------------------------------------------------------------------------------

  void backward(float[] dLogits) {
    int r = (t - first) * batch;
    float[] gr = net.grads;
    // 1. readout: dW_r += dlogits^T [m], db_r += column sums, dL/dm from the readout per unit
    for (int row = 0; row < r; row++) Vec.axpy(1f, dLogits, row * k, gr, net.readout + n * dm * k, k);
    for (int i = 0; i < n; i++) {
      Gemm.gemm(true, false, k, dm, r, 1f, dLogits, 0, k, mHist[i], (first + 1) * batch * dm, dm, 1f, gr, net.readout + i * dm, n * dm);
      Gemm.gemm(false, false, r, dm, k, 1f, dLogits, 0, k, net.params, net.readout + i * dm, n * dm, 0f, gradMReadout[i], 0, dm);
    }
    Arrays.fill(gradM, 0f);
    Arrays.fill(gradU, 0f);
    Arrays.fill(gradKappaM, 0f);
    Arrays.fill(gradKappaLambda, 0f);
    for (int i = 0; i < n; i++) {
      int base = net.unitOffset(i);
      backW2[i].set(false, dm, h, net.params, base + net.oW2, h);
      backW1m[i].set(false, h, dm, net.params, base + net.oW1m, dm);
    }
    // 2. reverse sweep
    for (int s = t - 1; s >= 0; s--) {
      for (int i = 0; i < n; i++) {
        if (s >= first) Vec.axpy(1f, gradMReadout[i], (s - first) * batch * dm, gradM, i * batch * dm, batch * dm);
        backUnit(i, s);
      }
      sparseBack(s);
    }
    if (carry) initialDriveBack();
    // 3. weight gradients over all T x batch rows at once
    for (int i = 0; i < n; i++) weightGrads(i);
    if (net.shape.learnTau()) tauGrads();
  }

  private void backUnit(int i, int s) {
    int base = net.unitOffset(i), prev = s * batch * dm, zo = s * batch * h, run = i * batch * dm;
    float[] mI = mHist[i], dmI = dmHist[i], z1 = z1Hist[i];
    boolean learnTau = net.shape.learnTau();
    float lambda = (float) net.shape.lambda();
    // tau terms dm_t/dkappa; then dL/dz2 = dL/dm_t gainM 1.7159 (2/3) (1 - tanh^2), written over dm_t
    for (int b = 0; b < batch && learnTau; b++) {
      for (int c = 0; c < dm; c++) {
        int q = prev + b * dm + c, ic = i * dm + c;
        float gradMValue = gradM[run + b * dm + c], dmValue = dmI[q];
        if (version == ElmShape.Version.V1) gradKappaM[ic] += gradMValue * (mI[q] - lambda * dmValue);
        else { gradKappaM[ic] += gradMValue * mI[q]; gradKappaLambda[ic] -= gradMValue * dmValue; }
      }
    }
    ElmKernels.memoryWriteBack(gradM, run, dmI, prev, gainM, i * dm, batch, dm);
    // dL/dact = dz2 W2; dL/dz1 = dL/dact act'(z1), written over z1; G_t = dL/dz1 + kappa_s G_{t+1}
    Gemm.gemm(false, batch, 1f, dmI, prev, dm, backW2[i], 0f, scratchH, 0, h);
    int go = i * batch * h;
    if (relu) ElmKernels.reluBack(scratchH, z1, zo, gradU, go, batch * h, kappaS);
    else ElmKernels.siluBack(scratchH, z1, zo, gradU, go, batch * h, kappaS);
    // dL/da = dz1 W1m; dL/dm_{t-1} = kappa_m (dL/dm_t + dL/da)
    Gemm.gemm(false, batch, 1f, z1, zo, h, backW1m[i], 0f, scratchM, 0, dm);
    for (int b = 0; b < batch && learnTau; b++) {
      for (int c = 0; c < dm; c++) gradKappaM[i * dm + c] += scratchM[b * dm + c] * mI[prev + b * dm + c];
    }
    ElmKernels.leakBack(gradM, run, scratchM, kappaM, i * dm, batch, dm);
  }

  // synapse gradients over the nonzero inputs of step s; unit outputs o_{s-1} pass their gradient to m_{s-1}
  private void sparseBack(int s) {
    for (int b = 0; b < batch; b++) {
      int row = s * batch + b;
      for (int e = in.start[row]; e < in.start[row + 1]; e++) {
        float v = in.value[e];
        for (int q = net.fanStart[in.index[e]]; q < net.fanStart[in.index[e] + 1]; q++) backSynapse(q, v, b);
      }
    }
    if (!net.shape.recurrent()) return;
    Arrays.fill(gradO, 0f);
    for (int src = 0; src < n; src++) {
      for (int q = net.fanStart[ch + src]; q < net.fanStart[ch + src + 1]; q++) {
        int f = net.fanSyn[q], i = net.fanUnit[q], pIdx = net.unitOffset(i) + f % kc;
        ElmKernels.synapseBackRows(wS[f], net.params[pIdx] >= 0f ? 1f : -1f, oHist, s * batch * n + src, n,
            net.params, net.fanRow[q], gradU, i * batch * h, net.grads, pIdx, gradO, src, n, batch, h);
      }
    }
    if (s == 0) return; // o_{-1} is carried in, not computed here
    for (int src = 0; src < n; src++) {
      int base = net.unitOffset(src);
      for (int b = 0; b < batch; b++) {
        float gO = gradO[b * n + src];
        if (gO == 0f) continue;
        Vec.axpy(gO, net.params, base + net.oWo, gradM, (src * batch + b) * dm, dm);
        Vec.axpy(gO, mHist[src], (s * batch + b) * dm, net.grads, base + net.oWo, dm);
        net.grads[base + net.oBo] += gO;
      }
    }
  }

  // one input synapse with input v at batch row b: dp += sign(p) v (W1s_row . G), dW1s_row += w_s v G
  private void backSynapse(int q, float v, int b) {
    if (v == 0f) return;
    int f = net.fanSyn[q], i = net.fanUnit[q], go = (i * batch + b) * h, pIdx = net.unitOffset(i) + f % kc;
    float dot = Vec.dot(net.params, net.fanRow[q], gradU, go, h);
    net.grads[pIdx] += (net.params[pIdx] >= 0f ? 1f : -1f) * v * dot;
    Vec.axpy(wS[f] * v, gradU, go, net.grads, net.fanRow[q], h);
  }

  // the carried traces enter as u_{-1}: G_{-1} = kappa_s G_0
  private void initialDriveBack() {
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < kc; j++) {
          float r = trace0[(i * batch + b) * kc + j];
          if (r == 0f) continue;
          int row = w1sRow(i, j), go = (i * batch + b) * h, pIdx = net.unitOffset(i) + j;
          float dot = kappaS * Vec.dot(net.params, row, gradU, go, h);
          net.grads[pIdx] += (net.params[pIdx] >= 0f ? 1f : -1f) * r * dot;
          Vec.axpy(kappaS * wS[i * kc + j] * r, gradU, go, net.grads, row, h);
        }
      }
    }
  }

  private void weightGrads(int i) {
    int base = net.unitOffset(i), tb = t * batch;
    float[] gr = net.grads;
    // dW2 += dz2^T act(z1); db2 += sum dz2
    Gemm.gemm(true, false, dm, h, tb, 1f, dmHist[i], 0, dm, actHist[i], 0, h, 1f, gr, base + net.oW2, h);
    for (int row = 0; row < tb; row++) Vec.axpy(1f, dmHist[i], row * dm, gr, base + net.oB2, dm);
    // dW1m += dz1^T (kappa_m * m_{t-1}); db1 += sum dz1
    Gemm.gemm(true, false, h, dm, tb, 1f, z1Hist[i], 0, h, mHist[i], 0, dm, 0f, scratchW, 0, dm);
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < dm; c++) gr[base + net.oW1m + r * dm + c] += scratchW[r * dm + c] * kappaM[i * dm + c];
    }
    for (int row = 0; row < tb; row++) Vec.axpy(1f, z1Hist[i], row * h, gr, base + net.oB1, h);
  }

  // tau = tmin + (tmax - tmin) sigmoid(p): dkappa/dtau = kappa dt / tau^2, dkappa_lambda/dtau = kappa_lambda dt lambda / tau^2
  private void tauGrads() {
    ElmShape sh = net.shape;
    double span = sh.tauMax() - sh.tauMin();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < dm; c++) {
        int pIdx = net.unitOffset(i) + net.oTau + c, ic = i * dm + c;
        double tau = net.boundedTau(net.params[pIdx]), sig = (tau - sh.tauMin()) / span;
        double gTau = gradKappaM[ic] * kappaM[ic] * sh.dt() / (tau * tau);
        if (version == ElmShape.Version.V2) gTau += gradKappaLambda[ic] * (1 - gainM[ic]) * sh.dt() * sh.lambda() / (tau * tau);
        net.grads[pIdx] += (float) (gTau * span * sig * (1 - sig));
      }
    }
  }
}
