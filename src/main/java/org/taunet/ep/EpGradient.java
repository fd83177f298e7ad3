package org.taunet.ep;

import org.taunet.numerics.Gemm;

/**
 * The contrastive EP estimate of the loss gradient from two relaxed states A and B of one minibatch
 * (Scellier &amp; Bengio 2017, Eq. 12; Laborieux et al. 2021, Eq. 5 for the symmetric form):
 * <pre>
 *   g_{W_l} = scale * [ rho(a_{l-1})^T rho(a_l) - rho(b_{l-1})^T rho(b_l) ],   g_{b_l} = scale * sum_k [rho(a_l) - rho(b_l)]
 *   one-sided:  A = s^beta,  B = s^0,      scale = -1 / (beta  * batch)
 *   symmetric:  A = s^+beta, B = s^-beta,  scale = -1 / (2 beta * batch)
 * </pre>
 * so that g estimates dL/dtheta of the free-equilibrium loss and an optimizer steps against it.
 * The input is clamped (rho(a_0) = rho(b_0) = x), so the first layer needs one GEMM: x^T (rho(a_1) - rho(b_1)).
 */
public final class EpGradient {
  /** g_{W_l}, shaped like W_l (index 0 unused). */
  public final float[][] gw;
  /** g_{b_l}, shaped like b_l (index 0 unused). */
  public final float[][] gb;
  private final EpNetwork net;
  private final float[][] rhoA;
  private final float[][] rhoB;
  private final float[] diff1;

  public EpGradient(EpNetwork net, int capacity) {
    this.net = net;
    int layers = net.sizes.length;
    gw = new float[layers][];
    gb = new float[layers][];
    rhoA = new float[layers][];
    rhoB = new float[layers][];
    for (int l = 1; l < layers; l++) {
      gw[l] = new float[net.w[l].length];
      gb[l] = new float[net.b[l].length];
      rhoA[l] = new float[capacity * net.sizes[l]];
      rhoB[l] = new float[capacity * net.sizes[l]];
    }
    diff1 = new float[capacity * net.sizes[1]];
  }

  /** Overwrites gw and gb with the estimate from states a and b (first {@code rows} examples). */
  public void compute(EpState a, EpState b, int rows, float scale) {
    int layers = net.sizes.length;
    for (int l = 1; l < layers; l++) {
      int n = net.sizes[l];
      net.energyRho(a.s[l], rhoA[l], rows * n);
      net.energyRho(b.s[l], rhoB[l], rows * n);
    }
    for (int l = 1; l < layers; l++) {
      int n = net.sizes[l], m = net.sizes[l - 1];
      if (l == 1) {
        for (int i = 0; i < rows * n; i++) diff1[i] = rhoA[1][i] - rhoB[1][i];
        Gemm.gemm(true, false, m, n, rows, scale, a.s[0], diff1, 0f, gw[1]);
      } else {
        Gemm.gemm(true, false, m, n, rows, scale, rhoA[l - 1], rhoA[l], 0f, gw[l]);
        Gemm.gemm(true, false, m, n, rows, -scale, rhoB[l - 1], rhoB[l], 1f, gw[l]);
      }
      columnSums(rhoA[l], rhoB[l], rows, n, scale, gb[l]);
    }
  }

  // out[j] = scale * sum_k (p[k, j] - q[k, j])
  private static void columnSums(float[] p, float[] q, int rows, int n, float scale, float[] out) {
    java.util.Arrays.fill(out, 0f);
    for (int k = 0; k < rows; k++) {
      for (int j = 0, i = k * n; j < n; j++, i++) out[j] += p[i] - q[i];
    }
    for (int j = 0; j < n; j++) out[j] *= scale;
  }
}
