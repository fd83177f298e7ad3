package org.taunet.report.scaling;

/**
 * A closed-form information-theoretic model of the N / k_e tradeoff of ELM networks (derivation in docs/elm.md,
 * section "Information model of the N / k_e tradeoff"):
 * <pre>
 *   SNR(k_e)  = s k_e / (1 + r k_e)                  per-neuron signal-to-noise ratio, saturating at s / r
 *   I_1(k_e)  = 1/2 log2(1 + SNR(k_e))               bits per neuron (Gaussian channel capacity)
 *   I(N, k_e) = N I_1 / (1 + rho (N - 1))            bits of N neurons with pairwise redundancy rho
 *   L(N, k_e) = L_inf + A 2^(-2 I)                   loss: Gaussian rate-distortion link, D = sigma^2 2^(-2I)
 * </pre>
 * k_c does not enter (the elm-budget allocation once fixed it by (N, k_e) at a fixed budget; since issue 14 it is a
 * free axis that this model ignores).
 *
 * @param s per-unit signal-to-noise slope (SNR of one memory unit when r k_e is small)
 * @param r saturation rate (SNR saturates at s / r for k_e much larger than 1 / r)
 * @param rho redundancy between neurons in [0, 1] (the effective neuron count saturates at 1 / rho)
 * @param a loss scale A (the loss of a network carrying no information is L_inf + A)
 * @param lInf irreducible loss L_inf
 * @param rss residual sum of squares of the fit (0 for a model not fitted)
 */
public record InfoModel(double s, double r, double rho, double a, double lInf, double rss) {

  /** Per-neuron information I_1(k_e) in bits. */
  public double bitsPerNeuron(double ke) {
    return 0.5 * Math.log(1 + s * ke / (1 + r * ke)) / Math.log(2);
  }

  /** Network information I(N, k_e) in bits. */
  public double bits(double n, double ke) {
    return n * bitsPerNeuron(ke) / (1 + rho * (n - 1));
  }

  /** Predicted loss L(N, k_e). */
  public double loss(double n, double ke) {
    return lInf + a * Math.pow(2, -2 * bits(n, ke));
  }

  /**
   * Least-squares fit to observed losses at allocations (n[i], ke[i]). Variable projection: for given (s, r, rho)
   * the loss is linear in (A, L_inf), solved in closed form with A, L_inf >= 0; (log s, log r, logit rho) are
   * minimised by Nelder-Mead from a small grid of starts (the surface has flat directions where saturation or
   * redundancy is not visible in the data).
   */
  public static InfoModel fit(double[] n, double[] ke, double[] loss) {
    if (n.length != ke.length || n.length != loss.length || n.length < 4) {
      throw new IllegalArgumentException("info-model fit needs >= 4 points");
    }
    InfoModel best = null;
    for (double ls : new double[] {-3, -1, 1}) {
      for (double lr : new double[] {-5, -2, 0}) {
        for (double lg : new double[] {-5, -2, 0}) {
          NelderMead.Result res = NelderMead.minimize(x -> linear(n, ke, loss, x).rss(), new double[] {ls, lr, lg},
              new double[] {0.5, 0.5, 0.5}, 1e-16, 4000);
          InfoModel m = linear(n, ke, loss, res.x());
          if (best == null || m.rss() < best.rss()) best = m;
        }
      }
    }
    return best;
  }

  /** The model with (s, r, rho) from x = (log s, log r, logit rho) and the least-squares (A, L_inf). */
  static InfoModel linear(double[] n, double[] ke, double[] loss, double[] x) {
    double s = Math.exp(x[0]);
    double r = Math.exp(x[1]);
    double rho = 1 / (1 + Math.exp(-x[2]));
    InfoModel shape = new InfoModel(s, r, rho, 1, 0, 0);
    int m = n.length;
    double[] z = new double[m];
    double sz = 0, sy = 0, szz = 0, szy = 0;
    for (int i = 0; i < m; i++) {
      z[i] = shape.loss(n[i], ke[i]);   // 2^(-2I) with A = 1, L_inf = 0
      sz += z[i]; sy += loss[i]; szz += z[i] * z[i]; szy += z[i] * loss[i];
    }
    double det = m * szz - sz * sz;
    double a = det > 1e-300 ? (m * szy - sz * sy) / det : 0;
    double c = (sy - a * sz) / m;
    if (!(a >= 0)) { a = 0; c = sy / m; }
    if (!(c >= 0)) { c = 0; a = szz > 0 ? Math.max(0, szy / szz) : 0; }
    double rss = 0;
    for (int i = 0; i < m; i++) {
      double e = c + a * z[i] - loss[i];
      rss += e * e;
    }
    return new InfoModel(s, r, rho, a, c, rss);
  }
}
