package org.taunet.ep;

import java.util.random.RandomGenerator;
import org.taunet.ep.EpConfig.Dynamics;
import org.taunet.tau.TauDistribution;
import org.taunet.train.StateReader;
import org.taunet.train.StateWriter;
import org.taunet.train.Stateful;

/**
 * A layered Hopfield-style energy network (Scellier &amp; Bengio 2017, Eq. 1):
 * <pre>
 *   E(s) = 1/2 sum_{l>=1} sum_i s_{l,i}^2 - sum_{l>=1} b_l . rho(s_l) - sum_{l>=1} rho(s_{l-1})^T W_l rho(s_l)
 *   C(s) = 1/2 ||s_L - y||^2,   F = E + beta C
 * </pre>
 * Layer 0 is the clamped input x, layer L the output. {@code w[l]} is n_{l-1} x n_l, row-major, so
 * the bottom-up drive of layer l is rho(s_{l-1}) W_l and the top-down drive is rho(s_{l+1}) W_{l+1}^T.
 *
 * <p>Heterogeneous time steps (HTS): every neuron i of layers 1..L has its own time step dt_i, drawn
 * once from a {@link TauDistribution} and kept fixed ({@code dt[l][i]}). A constant distribution gives
 * the scalar-dt baseline.
 *
 * <p>State ({@link Stateful}): {@code W<l>} [n_{l-1}, n_l], {@code b<l>} [n_l] and {@code dt<l>} [n_l] for
 * l = 1..L, read in place (the optimizer's parameters are these arrays).
 *
 * <p>With LEAKY dynamics the state is the activation itself (Laborieux et al. 2021), so rho in the
 * energy and the learning rule is the identity and the nonlinearity acts on the drive instead.
 */
public final class EpNetwork implements Stateful {
  final int[] sizes;
  final float[][] w;
  final float[][] b;
  final float[][] dt;
  final Activation activation;
  final Dynamics dynamics;

  EpNetwork(int[] sizes, float[][] w, float[][] b, float[][] dt, Activation activation, Dynamics dynamics) {
    this.sizes = sizes.clone();
    this.w = w;
    this.b = b;
    this.dt = dt;
    this.activation = activation;
    this.dynamics = dynamics;
    for (int l = 1; l < sizes.length; l++) {
      if (w[l].length != sizes[l - 1] * sizes[l] || b[l].length != sizes[l] || dt[l].length != sizes[l])
        throw new IllegalArgumentException("parameter shapes do not match layer sizes at layer " + l);
    }
  }

  /**
   * A fresh network: weights Glorot-uniform, W_l ~ U(-a, a) with a = sqrt(6 / (n_{l-1} + n_l)) as in
   * Scellier &amp; Bengio's code, biases 0, and one time step per neuron drawn from {@code dtDist}
   * (layers 1..L in order, so a "file:" distribution lists them in that order).
   */
  public static EpNetwork create(int[] sizes, Activation activation, Dynamics dynamics,
                                 TauDistribution dtDist, RandomGenerator initRng, RandomGenerator dtRng) {
    int layers = sizes.length;
    float[][] w = new float[layers][];
    float[][] b = new float[layers][];
    float[][] dt = new float[layers][];
    for (int l = 1; l < layers; l++) {
      double a = Math.sqrt(6.0 / (sizes[l - 1] + sizes[l]));
      w[l] = new float[sizes[l - 1] * sizes[l]];
      for (int i = 0; i < w[l].length; i++) w[l][i] = (float) (a * (2 * initRng.nextDouble() - 1));
      b[l] = new float[sizes[l]];
    }
    int neurons = 0;
    for (int l = 1; l < layers; l++) neurons += sizes[l];
    float[] all = dtDist.sample(neurons, dtRng);
    for (int l = 1, off = 0; l < layers; off += sizes[l], l++) {
      dt[l] = java.util.Arrays.copyOfRange(all, off, off + sizes[l]);
    }
    return new EpNetwork(sizes, w, b, dt, activation, dynamics);
  }

  /** Layer sizes n_0 (input) .. n_L (output). */
  public int[] sizes() {
    return sizes.clone();
  }

  /** Per-neuron time steps of layers 1..L, concatenated in layer order. */
  public float[] timeSteps() {
    int n = 0;
    for (int l = 1; l < sizes.length; l++) n += sizes[l];
    float[] out = new float[n];
    for (int l = 1, off = 0; l < sizes.length; off += sizes[l], l++) System.arraycopy(dt[l], 0, out, off, sizes[l]);
    return out;
  }

  /** rho as seen by the energy and the learning rule: the activation (GRADIENT) or identity (LEAKY). */
  void energyRho(float[] s, float[] out, int n) {
    if (dynamics == Dynamics.GRADIENT) activation.apply(s, out, n);
    else System.arraycopy(s, 0, out, 0, n);
  }

  /**
   * Total energy F = E + beta C of sample {@code k} of a batch state, in double precision
   * (Scellier &amp; Bengio 2017, Eq. 1 and 3). For tests and diagnostics, not the hot path.
   */
  public double energy(EpState state, int k, float[] y, double beta) {
    int layers = sizes.length;
    double[][] r = new double[layers][];
    for (int l = 0; l < layers; l++) {
      int n = sizes[l];
      float[] tmp = new float[n];
      float[] s = slice(state.s[l], k, n);
      if (l == 0) System.arraycopy(s, 0, tmp, 0, n); else energyRho(s, tmp, n);
      r[l] = new double[n];
      for (int i = 0; i < n; i++) r[l][i] = tmp[i];
    }
    double e = 0;
    for (int l = 1; l < layers; l++) {
      int n = sizes[l], m = sizes[l - 1];
      float[] s = slice(state.s[l], k, n);
      for (int j = 0; j < n; j++) e += 0.5 * s[j] * s[j] - b[l][j] * r[l][j];
      for (int i = 0; i < m; i++) {
        if (r[l - 1][i] == 0) continue;
        double acc = 0;
        for (int j = 0; j < n; j++) acc += w[l][i * n + j] * r[l][j];
        e -= r[l - 1][i] * acc;
      }
    }
    return e + beta * cost(state, k, y);
  }

  /** C = 1/2 ||s_L - y||^2 for sample {@code k}, y one-hot rows of the batch. */
  public double cost(EpState state, int k, float[] y) {
    int n = sizes[sizes.length - 1];
    double c = 0;
    for (int j = 0; j < n; j++) {
      double d = state.s[sizes.length - 1][k * n + j] - y[k * n + j];
      c += 0.5 * d * d;
    }
    return c;
  }

  private static float[] slice(float[] a, int k, int n) {
    return java.util.Arrays.copyOfRange(a, k * n, (k + 1) * n);
  }

  /** True if every weight and bias is finite (a diverged run has NaN or Inf somewhere). */
  public boolean isFinite() {
    for (int l = 1; l < sizes.length; l++) {
      for (float v : w[l]) if (!Float.isFinite(v)) return false;
      for (float v : b[l]) if (!Float.isFinite(v)) return false;
    }
    return true;
  }

  /** Frobenius norm of W_l. */
  public double weightNorm(int l) {
    double acc = 0;
    for (float v : w[l]) acc += (double) v * v;
    return Math.sqrt(acc);
  }

  /** Writes W1, b1, dt1, W2, ... with their shapes. */
  @Override
  public void exportState(StateWriter out) {
    for (int l = 1; l < sizes.length; l++) {
      out.writeTensor("W" + l, w[l], sizes[l - 1], sizes[l]);
      out.writeTensor("b" + l, b[l], sizes[l]);
      out.writeTensor("dt" + l, dt[l], sizes[l]);
    }
  }

  /** Reads what {@link #exportState} wrote into this network's arrays; shapes must match. */
  @Override
  public void importState(StateReader in) {
    for (int l = 1; l < sizes.length; l++) {
      in.readTensor("W" + l, w[l], sizes[l - 1], sizes[l]);
      in.readTensor("b" + l, b[l], sizes[l]);
      in.readTensor("dt" + l, dt[l], sizes[l]);
    }
  }
}
