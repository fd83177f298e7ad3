package org.taunet.elm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.run.MemoryBudget;
import org.taunet.seq.SeqModel;
import org.taunet.seq.SparseInput;
import org.taunet.tau.LogSpacedTau;

/**
 * A network of ELM neurons (see {@link ElmShape}) with all trainable parameters in one flat float32 array.
 *
 * <p>Per neuron i (ELM v1, Spieler et al. 2024, Eqs. 1-5; branch sums as in Branch-ELM):
 * <pre>
 *   s_t    = kappa_s s_{t-1} + w_s * v_t                   synaptic traces, v_t = routed inputs / unit outputs at t-1
 *   z1_t   = W1s B s_t + W1m (kappa_m * m_{t-1}) + b1       B sums the synapses of each branch
 *   dm_t   = 1.7159 tanh(2/3 (W2 act(z1_t) + b2))
 *   m_t    = kappa_m m_{t-1} + lambda (1 - kappa_m) dm_t    (V2: + (1 - kappa_lambda) dm_t, kappa_lambda = exp(-dt lambda / tau_m))
 *   o_t    = w_o . m_t + b_o                                 unit output seen by other units at t+1 (units &gt; 1)
 *   logits = W_r [m_t^1 .. m_t^N] + b_r
 * </pre>
 * with kappa_m = exp(-dt / tau_m), kappa_s = exp(-dt / tau_s) and w_s = |p| &gt;= 0.
 *
 * <p>Parameter layout per unit (offsets {@link #unitOffset}): p (k_c), W1s^T (branches x d_mlp, one row per branch),
 * W1m (d_mlp x d_m), b1, W2 (d_m x d_mlp), b2, [tau parameter (d_m)], [w_o (d_m), b_o]; then W_r (outputs x N d_m)
 * and b_r. Fixed (untrained) tau_m live in {@link #tauFixed}.
 */
public final class ElmNet implements SeqModel {
  final ElmShape shape;
  final int n, dm, h, kc, nb;
  final float[] params;
  final float[] grads;
  /** tau_m per unit and memory when not trained (else unused). */
  final float[] tauFixed;
  /** Source of synapse j of unit i: {@code source[i * kc + j]} in [0, inputs) a channel, inputs + k unit k. */
  final int[] source;
  /** Fan-out of each source s: entries fanStart[s] .. fanStart[s+1] of fanSyn (= i * kc + j), fanUnit, fanRow. */
  final int[] fanStart, fanSyn, fanUnit, fanRow;
  final int readout;
  // offsets inside a unit's block
  final int oW1s, oW1m, oB1, oW2, oB2, oTau, oWo, oBo, unitSize;
  private final ElmBptt bptt;

  /** A new network: weights from {@code initRng}, routing from {@code routeRng}, tau_m from {@code tauRng}. */
  public ElmNet(ElmShape shape, SplittableRandom initRng, SplittableRandom routeRng, SplittableRandom tauRng) {
    String sizes = "--units " + shape.units() + " --ke " + shape.memory() + " --mlp-hidden " + shape.mlpHidden() + " --kc "
        + shape.synapses();
    MemoryBudget.checkArray(shape.paramsPerUnit(), "one neuron's parameter block", sizes);
    MemoryBudget.checkArray(shape.paramCount(), "the parameter vector", sizes);
    MemoryBudget.checkArray((long) shape.units() * shape.synapses(), "the synapse routing", sizes);
    this.shape = shape;
    n = shape.units();
    dm = shape.memory();
    h = shape.mlpHidden();
    kc = shape.synapses();
    nb = shape.branches();
    oW1s = kc;
    oW1m = oW1s + nb * h;
    oB1 = oW1m + h * dm;
    oW2 = oB1 + h;
    oB2 = oW2 + dm * h;
    oTau = oB2 + dm;
    oWo = oTau + (shape.learnTau() ? dm : 0);
    oBo = oWo + dm;
    unitSize = shape.recurrent() ? oBo + 1 : oWo;
    if (unitSize != shape.paramsPerUnit()) throw new AssertionError("layout " + unitSize + " != " + shape.paramsPerUnit());
    readout = n * unitSize;
    long total = shape.paramCount();
    params = new float[(int) total];
    grads = new float[params.length];
    tauFixed = new float[n * dm];
    source = route(shape, routeRng);
    int pool = shape.inputs() + n;
    fanStart = new int[pool + 1];
    fanSyn = new int[source.length];
    fanUnit = new int[source.length];
    fanRow = new int[source.length];
    fanOut();
    init(initRng, tauRng);
    bptt = new ElmBptt(this);
  }

  /** The fan-out tables of {@link #source}. */
  private void fanOut() {
    int pool = fanStart.length - 1;
    Arrays.fill(fanStart, 0);
    for (int s : source) fanStart[s + 1]++;
    for (int s = 0; s < pool; s++) fanStart[s + 1] += fanStart[s];
    int[] fill = Arrays.copyOf(fanStart, pool);
    for (int f = 0; f < source.length; f++) {
      int at = fill[source[f]]++, i = f / kc, j = f % kc;
      fanSyn[at] = f;
      fanUnit[at] = i;
      fanRow[at] = unitOffset(i) + oW1s + branchOf(j) * h;
    }
  }

  /**
   * Replaces the routing ({@link ReferenceElm}: a model made elsewhere brings its own): synapse j of unit i reads
   * {@code src[i * k_c + j]}, a channel in [0, inputs) or inputs + k for unit k. Not part of the checkpoint.
   */
  void setRouting(int[] src) {
    if (src.length != source.length) throw new IllegalArgumentException("routing of " + src.length + " synapses, the network has " + source.length);
    int pool = fanStart.length - 1;
    for (int v : src) if (v < 0 || v >= pool) throw new IllegalArgumentException("synapse source " + v + " outside [0, " + pool + ")");
    System.arraycopy(src, 0, source, 0, src.length);
    fanOut();
  }

  /** The forward/backward workspace (its histories hold the last forward pass, for {@link ElmRecorder}). */
  ElmBptt bptt() {
    return bptt;
  }

  /** Start of unit i's parameter block. */
  int unitOffset(int i) {
    return i * unitSize;
  }

  /** Branch of synapse j: synapses are split into {@code branches} consecutive groups of (nearly) equal size. */
  int branchOf(int j) {
    return (int) ((long) j * nb / kc);
  }

  /** The architecture. */
  public ElmShape shape() {
    return shape;
  }

  /**
   * Routing: unit i's sources are the channels and the other units. If k_c is smaller than that pool, a random
   * subset (sorted, so branches group neighbouring channels); otherwise overlapping windows, as the reference
   * Branch-ELM: synapse s of branch q reads pool[(q * ceil(pool / branches) + s) mod pool] (identity when k_c =
   * pool and one synapse per branch).
   */
  static int[] route(ElmShape shape, SplittableRandom rng) {
    int n = shape.units(), kc = shape.synapses(), nb = shape.branches(), c = shape.inputs();
    int[] src = new int[n * kc];
    int poolSize = shape.sourcePool();
    int[] pool = new int[poolSize];
    for (int i = 0; i < n; i++) {
      int p = 0;
      for (int ch = 0; ch < c; ch++) pool[p++] = ch;
      for (int k = 0; k < n && shape.recurrent(); k++) if (k != i) pool[p++] = c + k;
      if (kc < poolSize) {
        for (int j = 0; j < kc; j++) { // partial Fisher-Yates
          int r = j + rng.nextInt(poolSize - j);
          int t = pool[j]; pool[j] = pool[r]; pool[r] = t;
        }
        int[] chosen = Arrays.copyOf(pool, kc);
        Arrays.sort(chosen);
        System.arraycopy(chosen, 0, src, i * kc, kc);
      } else {
        int stride = (poolSize + nb - 1) / nb;
        int firstOfBranch = 0, branch = 0;
        for (int j = 0; j < kc; j++) {
          int q = (int) ((long) j * nb / kc);
          if (q != branch) { branch = q; firstOfBranch = j; }
          src[i * kc + j] = pool[(int) (((long) q * stride + (j - firstOfBranch)) % poolSize)];
        }
      }
    }
    return src;
  }

  // PyTorch-Linear-style uniform(+-1/sqrt(fan_in)) weights and biases, w_s = wsInit, tau_m per ElmShape.tau.
  private void init(SplittableRandom rng, SplittableRandom tauRng) {
    float[] tau = initialTaus(tauRng);
    for (int i = 0; i < n; i++) {
      int u = unitOffset(i);
      Arrays.fill(params, u, u + kc, (float) shape.wsInit());
      uniform(rng, u + oW1s, nb * h + h * dm + h, nb + dm); // W1s, W1m, b1
      uniform(rng, u + oW2, dm * h + dm, h);                 // W2, b2
      if (shape.recurrent()) uniform(rng, u + oWo, dm + 1, dm);
      for (int c = 0; c < dm; c++) {
        float t = tau[i * dm + c];
        if (shape.learnTau()) params[u + oTau + c] = (float) logit((t - shape.tauMin()) / (shape.tauMax() - shape.tauMin()));
        else tauFixed[i * dm + c] = t;
      }
    }
    uniform(rng, readout, shape.readoutParams(), n * dm);
  }

  private void uniform(SplittableRandom rng, int off, long count, int fanIn) {
    double bound = 1 / Math.sqrt(fanIn);
    for (int k = 0; k < count; k++) params[off + k] = (float) ((2 * rng.nextDouble() - 1) * bound);
  }

  /** tau_m: per unit log-spaced over [tauMin, tauMax] (Spieler et al.), or sampled from the tau spec; strictly inside the bounds. */
  private float[] initialTaus(SplittableRandom rng) {
    double lo = shape.tauMin(), hi = shape.tauMax(), eps = 1e-4 * (hi - lo);
    float[] tau = new float[n * dm];
    if (shape.tau() == null) {
      float[] grid = new LogSpacedTau(lo + eps, hi - eps).grid(dm);
      for (int i = 0; i < n; i++) System.arraycopy(grid, 0, tau, i * dm, dm);
    } else {
      float[] s = shape.tau().sample(n * dm, rng);
      for (int k = 0; k < s.length; k++) tau[k] = (float) Math.min(hi - eps, Math.max(lo + eps, s[k]));
    }
    return tau;
  }

  private static double logit(double q) {
    return Math.log(q / (1 - q));
  }

  /** tau_m of every unit's memories (from the trained parameter when learnTau). Writes into {@code out}. */
  public void taus(float[] out) {
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < dm; c++) {
        out[i * dm + c] = shape.learnTau() ? (float) boundedTau(params[unitOffset(i) + oTau + c]) : tauFixed[i * dm + c];
      }
    }
  }

  /** tau = tauMin + (tauMax - tauMin) sigmoid(p). */
  double boundedTau(float p) {
    return shape.tauMin() + (shape.tauMax() - shape.tauMin()) / (1 + Math.exp(-p));
  }

  @Override public int inputs() { return shape.inputs(); }

  @Override public int outputs() { return shape.outputs(); }

  @Override public float[] params() { return params; }

  @Override public float[] grads() { return grads; }

  @Override public void forward(SparseInput in, int first, float[] logits, boolean carry) {
    if (in.channels() != shape.inputs()) throw new IllegalArgumentException("input has " + in.channels() + " channels, model " + shape.inputs());
    bptt.forward(in, first, logits, carry);
  }

  @Override public void backward(float[] dLogits) { bptt.backward(dLogits); }

  @Override public void resetState(int batch) { bptt.resetState(batch); }

  @Override public float[] carriedState() { return bptt.carried(); }

  @Override public String describe() {
    return String.format("ELM %s: N=%d units, d_m=%d, d_mlp=%d, k_c=%d synapses in %d branches, %d parameters",
        shape.version(), n, dm, h, kc, nb, params.length);
  }
}
