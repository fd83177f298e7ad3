package org.taunet.report.scaling;

import java.util.List;
import java.util.Locale;

/** CSV and HTML tables of the scaling section. */
final class ScalingTables {
  private ScalingTables() {}

  /**
   * One row per point: model, budget, N, k_e, k_c (ELM only), params, loss and its sd, error, runs, and the
   * information model's prediction and bits (ELM only), and the validation loss that ranks it.
   */
  static String pointsCsv(List<ParetoFrontier.Point> points, InfoModel model) {
    StringBuilder sb = new StringBuilder(
        "model,budget,units,ke,kc,params,loss,loss_sd,error,runs,model_loss,model_bits,valid\n");
    for (ParetoFrontier.Point p : points) {
      boolean predicted = model != null && p.elm();
      sb.append(p.model()).append(',').append(fmt(p.budget())).append(',')
          .append(p.elm() ? p.units() + "," + p.ke() + "," + p.kc() : ",,").append(',').append(fmt(p.params()))
          .append(',').append(fmt(p.loss())).append(',').append(fmt(p.lossSd())).append(',').append(fmt(p.error()))
          .append(',').append(p.runs()).append(',')
          .append(predicted ? fmt(model.loss(p.units(), p.ke(), p.kc())) : "").append(',')
          .append(predicted ? fmt(model.bits(p.units(), p.ke(), p.kc())) : "").append(',').append(fmt(p.select()))
          .append('\n');
    }
    return sb.toString();
  }

  /** The fitted parameters, one row per (fit, parameter). */
  static String fitsCsv(PowerLawFit.Bootstrap boot, InfoModel model, double modelR2, String lossCol) {
    StringBuilder sb = new StringBuilder("fit,parameter,value,ci_lo,ci_hi\n");
    sb.append("data,loss_column,").append(lossCol == null ? "" : lossCol).append(",,\n");
    if (boot != null) {
      PowerLawFit law = boot.fit();
      row(sb, "power_law", "a", law.a(), boot.aCi());
      row(sb, "power_law", "alpha", law.alpha(), boot.alphaCi());
      row(sb, "power_law", "L_inf", law.lInf(), boot.lInfCi());
      row(sb, "power_law", "rss", law.rss(), null);
    }
    if (model != null) {
      row(sb, "info_model", "s", model.s(), null);
      row(sb, "info_model", "r", model.r(), null);
      row(sb, "info_model", "kappa", model.kappa(), null);
      row(sb, "info_model", "rho", model.rho(), null);
      row(sb, "info_model", "L_inf", model.lInf(), null);
      row(sb, "info_model", "ln_C", model.lnC(), null);
      row(sb, "info_model", "rss", model.rss(), null);
      row(sb, "info_model", "r2", modelR2, null);
    }
    return sb.toString();
  }

  /** One sentence per fit, for the page. */
  static String describe(PowerLawFit.Bootstrap boot, InfoModel model, double modelR2) {
    String s = boot == null ? "Scaling law: fewer than 3 budgets, not fitted. "
        : String.format(Locale.ROOT, "Scaling law on the frontier: L(P) = %.4g P^-%.4f + %.4f (rss %.3g; 95 %% "
            + "residual-bootstrap intervals: exponent %.3f to %.3f, L_inf %.3f to %.3f). ", boot.fit().a(),
            boot.fit().alpha(), boot.fit().lInf(), boot.fit().rss(), boot.alphaCi()[0], boot.alphaCi()[1],
            boot.lInfCi()[0], boot.lInfCi()[1]);
    return s + (model == null ? "Information model: fewer than 5 allocations or an unknown task, not fitted."
        : String.format(Locale.ROOT, "Information model L = L_inf + (ln C - L_inf) 2^(-2 N_eff I_1), "
            + "I_1 = 1/2 log2(1 + s k_e / (1 + r k_e) k_c / (k_c + kappa)), N_eff = N / (1 + rho (N - 1)): "
            + "s = %.4g, r = %.4g (memory SNR saturates at s/r = %.3g), kappa = %.4g synapses, rho = %.4g (at most "
            + "1/rho = %.3g effective neurons), L_inf = %.4g, ln C = %.4g (rss %.3g, R^2 %.3f over the allocations).",
            model.s(), model.r(), model.s() / model.r(), model.kappa(), model.rho(), 1 / model.rho(), model.lInf(),
            model.lnC(), model.rss(), modelR2));
  }

  /** The frontier as an HTML table. */
  static String frontierHtml(List<ParetoFrontier.Point> front, InfoModel model) {
    StringBuilder sb = new StringBuilder("<table><tr><th>budget P</th><th>N</th><th>k_e</th><th>k_c</th>"
        + "<th>params</th><th>loss</th><th>error</th><th>model loss</th></tr>\n");
    for (ParetoFrontier.Point p : front) {
      sb.append("<tr><td>").append(fmt(p.budget())).append("</td><td>").append(p.units()).append("</td><td>")
          .append(p.ke()).append("</td><td>").append(p.kc()).append("</td><td>").append(fmt(p.params()))
          .append("</td><td>").append(fmt(p.loss())).append("</td><td>").append(fmt(p.error())).append("</td><td>")
          .append(model == null ? "" : fmt(model.loss(p.units(), p.ke(), p.kc()))).append("</td></tr>\n");
    }
    return sb.append("</table>\n").toString();
  }

  private static void row(StringBuilder sb, String fit, String name, double v, double[] ci) {
    sb.append(fit).append(',').append(name).append(',').append(fmt(v)).append(',')
        .append(ci == null ? "" : fmt(ci[0])).append(',').append(ci == null ? "" : fmt(ci[1])).append('\n');
  }

  static String fmt(double v) {
    if (!Double.isFinite(v)) return "";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
