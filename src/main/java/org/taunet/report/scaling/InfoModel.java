package org.taunet.report.scaling;

import java.util.List;

/**
 * A closed-form information-theoretic model of the N / k_e / k_c tradeoff of ELM networks (derivation in docs/elm.md,
 * section "Information model"):
 * <pre>
 *   SNR(k_e, k_c) = s k_e / (1 + r k_e) * k_c / (k_c + kappa)   per-neuron signal-to-noise ratio: saturates in the
 *                                                               memory (at s / r) and in the synapses (half at kappa)
 *   I_1(k_e, k_c) = 1/2 log2(1 + SNR)                             bits per neuron (Gaussian channel capacity)
 *   N_eff(N)      = N / (1 + rho (N - 1))                         effective neurons under pairwise redundancy rho
 *   I             = N_eff(N) I_1(k_e, k_c)                        bits of the network
 *   L             = L_inf + (ln C - L_inf) 2^(-2 I)               loss: ln C (chance cross-entropy, C classes) with
 *                                                               no information, L_inf with unlimited information
 * </pre>
 * The information term is bounded by construction: the loss lies between L_inf and ln C, and L_inf is fitted within
 * [0, ln C]; s, r, kappa > 0 and rho in (0, 1).
 *
 * @param s per-unit signal-to-noise slope (SNR of one memory unit with many synapses and small r k_e)
 * @param r memory saturation rate (SNR saturates at s / r for k_e much larger than 1 / r)
 * @param kappa synapses at which the synaptic factor is one half
 * @param rho redundancy between neurons in (0, 1) (the effective neuron count saturates at 1 / rho)
 * @param lInf irreducible loss L_inf, nats
 * @param lnC the loss of a network carrying no information (ln of the number of classes), nats; fixed, not fitted
 * @param rss residual sum of squares of the fit (0 for a model not fitted)
 */
public record InfoModel(double s, double r, double kappa, double rho, double lInf, double lnC, double rss) {

  /** Per-neuron signal-to-noise ratio. */
  public double snr(double ke, double kc) {
    return s * ke / (1 + r * ke) * kc / (kc + kappa);
  }

  /** Per-neuron information I_1(k_e, k_c) in bits. */
  public double bitsPerNeuron(double ke, double kc) {
    return 0.5 * Math.log(1 + snr(ke, kc)) / Math.log(2);
  }

  /** Effective number of neurons N / (1 + rho (N - 1)). */
  public double effectiveNeurons(double n) {
    return n / (1 + rho * (n - 1));
  }

  /** Network information I(N, k_e, k_c) in bits. */
  public double bits(double n, double ke, double kc) {
    return effectiveNeurons(n) * bitsPerNeuron(ke, kc);
  }

  /** Predicted loss L(N, k_e, k_c), nats. */
  public double loss(double n, double ke, double kc) {
    return lInf + (lnC - lInf) * Math.pow(2, -2 * bits(n, ke, kc));
  }

  /** The allocation (rows of N, k_e, k_c) with the lowest predicted loss: the model's optimum among candidates. */
  public double[] optimum(List<double[]> candidates) {
    double[] best = null;
    for (double[] c : candidates) if (best == null || loss(c[0], c[1], c[2]) < loss(best[0], best[1], best[2])) best = c;
    return best;
  }

  /**
   * Least-squares fit to observed losses at allocations (n[i], ke[i], kc[i]) with chance loss {@code lnC}. For given
   * (s, r, kappa, rho) the loss is linear in L_inf, solved in closed form and clamped to [0, ln C]; (log s, log r,
   * log kappa, logit rho) are minimised by Nelder-Mead from a grid of starts (the surface has flat directions where
   * a saturation or the redundancy is not visible in the data).
   */
  public static InfoModel fit(double[] n, double[] ke, double[] kc, double[] loss, double lnC) {
    if (n.length != ke.length || n.length != kc.length || n.length != loss.length || n.length < 5) {
      throw new IllegalArgumentException("info-model fit needs >= 5 points (it has 5 parameters)");
    }
    if (!(lnC > 0)) throw new IllegalArgumentException("ln C must be positive, got " + lnC);
    InfoModel best = null;
    for (double ls : new double[] {-3, 0}) {
      for (double lr : new double[] {-5, -2}) {
        for (double lk : new double[] {0, 3, 6}) {
          for (double lg : new double[] {-5, -2, 0}) {
            NelderMead.Result res = NelderMead.minimize(x -> linear(n, ke, kc, loss, lnC, x).rss(),
                new double[] {ls, lr, lk, lg}, new double[] {0.5, 0.5, 0.5, 0.5}, 1e-16, 4000);
            InfoModel m = linear(n, ke, kc, loss, lnC, res.x());
            if (best == null || m.rss() < best.rss()) best = m;
          }
        }
      }
    }
    return best;
  }

  /** The model with (s, r, kappa, rho) from x = (log s, log r, log kappa, logit rho) and the least-squares L_inf. */
  static InfoModel linear(double[] n, double[] ke, double[] kc, double[] loss, double lnC, double[] x) {
    InfoModel shape = new InfoModel(Math.exp(x[0]), Math.exp(x[1]), Math.exp(x[2]), 1 / (1 + Math.exp(-x[3])), 0, 1, 0);
    int m = n.length;
    double[] z = new double[m];
    double num = 0, den = 0;
    for (int i = 0; i < m; i++) {
      z[i] = shape.loss(n[i], ke[i], kc[i]);   // 2^(-2I) with L_inf = 0, ln C = 1
      // loss = L_inf (1 - z) + ln C z: regress loss - ln C z on (1 - z)
      num += (1 - z[i]) * (loss[i] - lnC * z[i]);
      den += (1 - z[i]) * (1 - z[i]);
    }
    double lInf = den > 1e-300 ? Math.min(lnC, Math.max(0, num / den)) : 0;
    double rss = 0;
    for (int i = 0; i < m; i++) {
      double e = lInf * (1 - z[i]) + lnC * z[i] - loss[i];
      rss += e * e;
    }
    return new InfoModel(shape.s, shape.r, shape.kappa, shape.rho, lInf, lnC, rss);
  }
}
