package org.taunet.report.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.TDistribution;
import org.taunet.analysis.Stats;
import org.taunet.analysis.Trend;

/**
 * How firmly each budget's best cell is the best: the cell selected on validation, among the cells re-measured at
 * several seeds ({@link ParetoFrontier#SELECTION}), against every other ELM cell of its budget, on the reported (test)
 * loss. For a cell c, d = L_c - L_best (positive: the best cell is ahead), with the seed spread pooled over the
 * budget's cells that have more than one run, s_p^2 = sum (n_i - 1) s_i^2 / sum (n_i - 1); standard error s_p
 * sqrt(1/n_c + 1/n_best); Student's t on sum (n_i - 1) degrees of freedom gives the 95 % interval and the two-sided p.
 * Pooling is what lets a cell trained at one seed be compared at all; it assumes the seed spread is alike across a
 * budget's cells. Roles: the best, the runner-up (second in that order), and the first cells at the budget's smallest
 * and largest N (the edges of the claim "at a fixed budget the optimum is interior").
 */
final class Contest {
  private Contest() {}

  /** Two-sided level of the intervals and of "not significantly behind". */
  static final double ALPHA = 0.05;
  /** Most choices of tied optima enumerated by {@link #rhoRange}. */
  static final long MAX_CHOICES = 1_000_000;

  /**
   * One cell against its budget's best.
   *
   * @param cell the cell
   * @param role best, runner-up, smallest-N, largest-N (joined by + where a cell has several) or other
   * @param diff L_cell - L_best (NaN for the best)
   * @param lo lower end of the 95 % interval of diff (NaN without a pooled spread)
   * @param hi upper end
   * @param p two-sided p of diff = 0
   * @param holm for an edge row (smallest-N or largest-N, not the best), p adjusted by Holm's method over every edge
   *     row of the report ({@link #of}); NaN for other rows
   */
  record Row(ParetoFrontier.Point cell, String role, double diff, double lo, double hi, double p, double holm) {
    /** Whether this row compares the best with the budget's smallest or largest N (the claim-2 tests). */
    boolean edge() {
      return !role.startsWith("best") && (role.contains("smallest-N") || role.contains("largest-N"));
    }

    /**
     * Whether this cell is not significantly behind the best (the best itself included; every cell of a budget
     * without a pooled spread, whose p is NaN).
     */
    boolean tied() {
      return !(p < ALPHA && diff > 0);
    }
  }

  /** One budget: its best cell, the pooled seed sd and its degrees of freedom, and every cell's row. */
  record Budget(double budget, ParetoFrontier.Point best, double pooledSd, int df, List<Row> rows) {
    /** The row that has the given role among its roles, or null. */
    Row role(String role) {
      return rows.stream().filter(r -> List.of(r.role().split("\\+")).contains(role)).findFirst().orElse(null);
    }
  }

  /**
   * The contests of every budget with ELM cells (ascending budget), the edge rows' p adjusted by Holm's method
   * over all of them (one family: "the best N is interior" tested at both edges of every budget).
   */
  static List<Budget> of(List<ParetoFrontier.Point> points) {
    List<Budget> raw = new ArrayList<>();
    ParetoFrontier.elmByBudget(points).forEach((budget, cells) -> raw.add(budget(budget, cells)));
    List<Row> edges = raw.stream().flatMap(b -> b.rows().stream()).filter(Row::edge).toList();
    double[] holm = Stats.holm(edges.stream().mapToDouble(Row::p).toArray());
    List<Budget> out = new ArrayList<>();
    for (Budget b : raw) {
      List<Row> rows = b.rows().stream().map(r -> {
        int i = edges.indexOf(r);
        return i < 0 ? r : new Row(r.cell(), r.role(), r.diff(), r.lo(), r.hi(), r.p(), holm[i]);
      }).toList();
      out.add(new Budget(b.budget(), b.best(), b.pooledSd(), b.df(), rows));
    }
    return out;
  }

  /** One budget's contest (cells: its ELM cells with a finite loss, at least one); edge rows' Holm p NaN. */
  static Budget budget(double budget, List<ParetoFrontier.Point> cells) {
    List<ParetoFrontier.Point> ranked = cells.stream().sorted(ParetoFrontier.SELECTION).toList();
    ParetoFrontier.Point best = ranked.get(0);
    double ss = 0;
    int df = 0;
    for (ParetoFrontier.Point c : cells) {
      if (c.runs() > 1 && Double.isFinite(c.lossSd())) {
        ss += (c.runs() - 1) * c.lossSd() * c.lossSd();
        df += c.runs() - 1;
      }
    }
    double sd = df > 0 ? Math.sqrt(ss / df) : Double.NaN;
    int minN = cells.stream().mapToInt(ParetoFrontier.Point::units).min().getAsInt();
    int maxN = cells.stream().mapToInt(ParetoFrontier.Point::units).max().getAsInt();
    ParetoFrontier.Point small = ranked.stream().filter(c -> c.units() == minN).findFirst().get();
    ParetoFrontier.Point large = ranked.stream().filter(c -> c.units() == maxN).findFirst().get();
    List<Row> rows = new ArrayList<>();
    for (ParetoFrontier.Point c : ranked) {
      List<String> roles = new ArrayList<>();
      if (c == best) roles.add("best");
      if (ranked.size() > 1 && c == ranked.get(1)) roles.add("runner-up");
      if (c == small) roles.add("smallest-N");
      if (c == large) roles.add("largest-N");
      String role = roles.isEmpty() ? "other" : String.join("+", roles);
      if (c == best) {
        rows.add(new Row(c, role, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        continue;
      }
      double d = c.loss() - best.loss();
      if (!(df > 0 && sd > 0)) {
        rows.add(new Row(c, role, d, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        continue;
      }
      TDistribution t = TDistribution.of(df);
      double se = sd * Math.sqrt(1.0 / c.runs() + 1.0 / best.runs()), q = t.inverseSurvivalProbability(ALPHA / 2);
      rows.add(new Row(c, role, d, d - q * se, d + q * se, 2 * t.survivalProbability(Math.abs(d) / se), Double.NaN));
    }
    return new Budget(budget, best, sd, df, rows);
  }

  /**
   * The smallest and largest Spearman's rho of N* (column 0) or k_e* (column 1) against P over every choice of one
   * tied cell ({@link Row#tied}) per budget: how far the trend of the optimum depends on which of the
   * indistinguishable cells is called best. NaN where fewer than 3 budgets or more than {@link #MAX_CHOICES} choices.
   */
  static double[] rhoRange(List<Budget> budgets, int column) {
    List<double[]> options = new ArrayList<>();
    long choices = 1;
    for (Budget b : budgets) {
      TreeSet<Integer> values = new TreeSet<>();
      for (Row r : b.rows()) if (r.tied()) values.add(column == 0 ? r.cell().units() : r.cell().ke());
      options.add(values.stream().mapToDouble(Integer::doubleValue).toArray());
      choices *= values.size();
      if (choices > MAX_CHOICES) return new double[] {Double.NaN, Double.NaN};
    }
    if (budgets.size() < 3) return new double[] {Double.NaN, Double.NaN};
    double[] p = budgets.stream().mapToDouble(Budget::budget).toArray(), v = new double[p.length];
    double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (long k = 0; k < choices; k++) {
      long rest = k;
      for (int i = 0; i < v.length; i++) {
        double[] o = options.get(i);
        v[i] = o[(int) (rest % o.length)];
        rest /= o.length;
      }
      double rho = Trend.rho(p, v);
      if (!Double.isFinite(rho)) rho = 0;   // one value at every budget: no trend
      range[0] = Math.min(range[0], rho);
      range[1] = Math.max(range[1], rho);
    }
    return range;
  }

  static String csv(List<Budget> budgets) {
    StringBuilder sb = new StringBuilder("budget,units,ke,kc,runs,valid,loss,loss_sd,role,diff,diff_lo,diff_hi,p,"
        + "holm_p,pooled_sd,df\n");
    for (Budget b : budgets) {
      for (Row r : b.rows()) {
        ParetoFrontier.Point c = r.cell();
        sb.append(ScalingTables.fmt(b.budget())).append(',').append(c.units()).append(',').append(c.ke()).append(',')
            .append(c.kc()).append(',').append(c.runs()).append(',').append(ScalingTables.fmt(c.select())).append(',')
            .append(ScalingTables.fmt(c.loss())).append(',').append(ScalingTables.fmt(c.lossSd())).append(',')
            .append(r.role()).append(',').append(ScalingTables.fmt(r.diff())).append(',')
            .append(ScalingTables.fmt(r.lo())).append(',').append(ScalingTables.fmt(r.hi())).append(',')
            .append(ScalingTables.fmt(r.p())).append(',').append(ScalingTables.fmt(r.holm())).append(',')
            .append(ScalingTables.fmt(b.pooledSd())).append(',')
            .append(b.df()).append('\n');
      }
    }
    return sb.toString();
  }

  /** One paragraph: per budget the runner-up's and the edges' gaps, and the range of the optimum's trends. */
  static String describe(List<Budget> budgets) {
    if (budgets.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("Best cell (selected on validation among the cells re-measured at several "
        + "seeds) against the runner-up and the edge N (none where the best is at that edge), on the reported loss, "
        + "seed sd pooled per budget (L_other - L_best, 95 % t interval, two-sided p; the edge rows' p also "
        + "Holm-adjusted over the "
        + budgets.stream().flatMap(b -> b.rows().stream()).filter(Row::edge).count() + " edge comparisons): ");
    for (Budget b : budgets) {
      sb.append(String.format(Locale.ROOT, "P %.0f (pooled sd %s, df %d):", b.budget(), ScalingTables.fmt(b.pooledSd()),
          b.df()));
      for (String role : List.of("runner-up", "smallest-N", "largest-N")) {
        Row r = b.role(role);
        if (r != null && r.cell() != b.best()) {
          sb.append(String.format(Locale.ROOT, " %s N=%d %+.3f [%s, %s] p %s%s;", role, r.cell().units(), r.diff(),
              ScalingTables.fmt(r.lo()), ScalingTables.fmt(r.hi()), ScalingTables.fmt(r.p()),
              r.edge() ? " (Holm " + ScalingTables.fmt(r.holm()) + ")" : ""));
        }
      }
      sb.append(' ');
    }
    double[] n = rhoRange(budgets, 0), ke = rhoRange(budgets, 1);
    return sb.append(String.format(Locale.ROOT, "Spearman rho against P over every choice among the cells not "
        + "significantly behind each budget's best: N* %.2f to %.2f, k_e* %.2f to %.2f.", n[0], n[1], ke[0], ke[1]))
        .toString();
  }
}
