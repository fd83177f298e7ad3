package org.taunet.rnn;

/**
 * Scalar double-precision forward pass and masked loss of an {@link RnnNetwork}, written straight from the equations
 * (no GEMM, no batching tricks): the reference for the finite-difference gradient check and for the fast path's
 * forward pass. Parameters are read as doubles from {@code p} (same order as {@link RnnNetwork#params()}).
 */
final class RnnReference {
  private RnnReference() {}

  /** Loss of the batch (u [T x B x nIn], target [T x B x nOut], mask [T x B]) with parameters p. */
  static double loss(RnnNetwork net, double[][] p, Loss kind, int steps, int batch, float[] u, float[] target,
                     float[] mask) {
    int n = net.n, nIn = net.nIn, nOut = net.nOut;
    double[] w = p[0], win = p[1], b = p[2], wout = p[3], bout = p[4];
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      double tau = p.length > 5 ? net.tauFloor + Math.exp(p[5][i]) : net.tau[i];
      a[i] = Math.min(1, net.integrator.factor(net.dt, tau));
    }
    double total = 0, m = 0;
    for (int bb = 0; bb < batch; bb++) {
      double[] x = new double[n];
      double[] r = new double[n];
      for (int i = 0; i < n; i++) r[i] = net.phi.applyDouble(0);
      for (int t = 0; t < steps; t++) {
        double[] xNew = new double[n];
        for (int i = 0; i < n; i++) {
          double zi = b[i]; // z_i = sum_j W_ij r_j + sum_k Win_ik u_k + b_i
          for (int j = 0; j < n; j++) zi += w[i * n + j] * r[j];
          for (int k = 0; k < nIn; k++) zi += win[i * nIn + k] * u[(t * batch + bb) * nIn + k];
          xNew[i] = x[i] + a[i] * (zi - x[i]);
        }
        x = xNew;
        for (int i = 0; i < n; i++) r[i] = net.phi.applyDouble(x[i]);
        double wt = mask[t * batch + bb];
        m += wt;
        double[] y = new double[nOut];
        for (int o = 0; o < nOut; o++) {
          y[o] = bout[o];
          for (int i = 0; i < n; i++) y[o] += wout[o * n + i] * r[i];
        }
        int o0 = (t * batch + bb) * nOut;
        if (kind == Loss.MSE) {
          for (int o = 0; o < nOut; o++) total += wt * 0.5 * Math.pow(y[o] - target[o0 + o], 2);
        } else {
          double max = Double.NEGATIVE_INFINITY, s = 0;
          for (double v : y) max = Math.max(max, v);
          for (double v : y) s += Math.exp(v - max);
          for (int o = 0; o < nOut; o++) total -= wt * target[o0 + o] * (y[o] - max - Math.log(s));
        }
      }
    }
    return total / m;
  }

  static double[][] toDouble(float[][] p) {
    double[][] d = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      d[i] = new double[p[i].length];
      for (int j = 0; j < p[i].length; j++) d[i][j] = p[i][j];
    }
    return d;
  }
}
