package org.taunet.report.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.taunet.analysis.Trend;
import org.taunet.sweep.SweepSpec;

/**
 * Where each budget's best ELM allocation lies among that budget's trained cells, and how it moves with P: the
 * evidence for the claims "at a fixed budget the optimum is interior" and "larger budgets favour more and more complex
 * neurons". Along a budget the tradeoff is read over N: each N's best cell (k_e and k_c as trained for it); the
 * optimum is interior in N when N* is neither the smallest nor the largest N trained at that budget, and likewise in
 * k_e among the cells of N*.
 */
final class Optimum {
  private Optimum() {}

  /**
   * One budget.
   *
   * @param best the budget's best cell (first in {@link ParetoFrontier#SELECTION} order: selected on validation)
   * @param cells ELM cells with a loss at this budget
   * @param nPlace where N* lies among the budget's N: smallest, largest or interior
   * @param kePlace where k_e* lies among the k_e trained with N*: smallest, largest or interior
   * @param model the information model's best (N, k_e, k_c) over every allocation of the budget, or null
   */
  record Row(ParetoFrontier.Point best, int cells, String nPlace, String kePlace, double[] model) {}

  static List<Row> rows(List<ParetoFrontier.Point> points, InfoModel model, SweepSpec.Allocation allocation) {
    List<Row> out = new ArrayList<>();
    ParetoFrontier.elmByBudget(points).forEach((budget, cells) -> {
      ParetoFrontier.Point best = cells.stream().min(ParetoFrontier.SELECTION).get();
      List<Integer> ns = cells.stream().map(ParetoFrontier.Point::units).toList();
      List<Integer> kes = cells.stream().filter(c -> c.units() == best.units()).map(ParetoFrontier.Point::ke).toList();
      double[] m = model == null ? null : model.optimum(ScalingReport.candidates(allocation, budget.longValue()));
      out.add(new Row(best, cells.size(), place(best.units(), ns), place(best.ke(), kes), m));
    });
    return out;
  }

  /** smallest, largest or interior: where v lies among values (one value: "only"). */
  static String place(int v, List<Integer> values) {
    int lo = values.stream().mapToInt(Integer::intValue).min().orElse(v);
    int hi = values.stream().mapToInt(Integer::intValue).max().orElse(v);
    if (lo == hi) return "only";
    return v == lo ? "smallest" : v == hi ? "largest" : "interior";
  }

  /** Spearman's rho of N* (column 0) or k_e* (column 1) against P, exact permutation p. */
  static Trend.Spearman trend(List<Row> rows, int column) {
    double[] p = rows.stream().mapToDouble(r -> r.best().budget()).toArray();
    double[] v = rows.stream().mapToDouble(r -> column == 0 ? r.best().units() : r.best().ke()).toArray();
    return Trend.spearman(p, v, 20000, ScalingReport.SEED);
  }

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder("budget,cells,units,ke,kc,loss,n_place,ke_place,model_units,model_ke,model_kc\n");
    for (Row r : rows) {
      ParetoFrontier.Point b = r.best();
      sb.append(ScalingTables.fmt(b.budget())).append(',').append(r.cells()).append(',').append(b.units()).append(',')
          .append(b.ke()).append(',').append(b.kc()).append(',').append(ScalingTables.fmt(b.loss())).append(',')
          .append(r.nPlace()).append(',').append(r.kePlace()).append(',');
      if (r.model() != null) {
        sb.append((int) r.model()[0]).append(',').append((int) r.model()[1]).append(',').append((int) r.model()[2]);
      } else {
        sb.append(",,");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** One paragraph: per budget N*, k_e* and their places, and the two trends. */
  static String describe(List<Row> rows) {
    if (rows.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("Best cell per budget (N*, k_e*, k_c*; place of N* among the budget's N): ");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "P %.0f: (%d, %d, %d) %s; ", r.best().budget(), r.best().units(),
          r.best().ke(), r.best().kc(), r.nPlace()));
    }
    if (rows.size() >= 3) {
      Trend.Spearman n = trend(rows, 0), ke = trend(rows, 1);
      sb.append(String.format(Locale.ROOT, "against P, Spearman rho of N* %.2f (exact p %.3g), of k_e* %.2f (p %.3g).",
          n.rho(), n.p(), ke.rho(), ke.p()));
    }
    return sb.toString().trim();
  }
}
