package org.taunet.report.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.analysis.Stats;
import org.taunet.report.RunData;
import org.taunet.run.AtomicFiles;
import org.taunet.sweep.Allocations;
import org.taunet.sweep.SweepSpec;

/**
 * The scaling part of a report on an {@code elm-scaling} sweep: per allocation the loss (each run's test loss at its
 * lowest validation loss, mean over seeds), the Pareto frontier (selected on validation), the fitted scaling law
 * {@link PowerLawFit} on the frontier and the {@link InfoModel} fitted to every allocation. Writes {@code pareto.png}
 * (log P against loss: all allocations, frontier, law, model) and the CSV tables {@code scaling-points.csv},
 * {@code scaling-frontier.csv}, {@code scaling-fits.csv}, {@code scaling-optimum.csv} ({@link Optimum}) and
 * {@code scaling-contest.csv} ({@link Contest}); for a budget sweep also {@code frontier-seeds.yaml}, the spec that
 * trains the best cells of each budget at more seeds ({@link FrontierSeeds}).
 */
public final class ScalingReport {
  private ScalingReport() {}

  /** The study whose sweeps get this section. */
  public static final String STUDY = "elm-scaling";
  /** Loss columns in order of preference (value of metrics.csv selected by {@link #selected}, else summary.json). */
  static final List<String> LOSS = List.of("test_loss", "valid_loss", "test_bpc", "valid_bpc", "loss");
  /** The validation column that selects a run's reported row (the row of its lowest value). */
  static final String SELECT = "valid_loss";
  /** Validation columns: a run's lowest value ranks allocations ({@link ParetoFrontier.Point#rank}). */
  static final List<String> VALID = List.of(SELECT, "valid_bpc");
  /** Accuracy columns for the error 1 - accuracy. */
  static final List<String> ACC = List.of("test_acc", "valid_acc", "accuracy");
  /** Budgets on the model curve between the smallest and largest budget (log-spaced). */
  static final int CURVE_POINTS = 25;

  /**
   * What was written.
   *
   * @param note one paragraph for the page (loss column, fitted parameters)
   * @param tableHtml the frontier as an HTML table
   */
  public record Section(String note, String tableHtml, List<Path> pngs, List<Path> tables,
                        PowerLawFit.Bootstrap law, InfoModel model, List<ParetoFrontier.Point> frontier) {}

  /** Bootstrap resamples of the scaling-law fit, and their seed (fixed: the report is reproducible). */
  static final int RESAMPLES = 2000;
  static final long SEED = 20261202L;

  /**
   * ln C, the cross-entropy of a network that carries no information about the label, for the sweep's task (flag
   * or allocation argument {@code task}): 10 classes for fsdd, 20 for shd, 19 for the adding tasks, the byte
   * vocabulary for text; NaN when the task is not known.
   */
  public static double chanceLoss(SweepSpec spec) {
    String task = spec.flags().get("task");
    if (task == null && spec.allocation() != null) {
      List<String> t = spec.allocation().args().get("task");
      task = t == null || t.isEmpty() ? null : t.get(0);
    }
    if (task == null) return Double.NaN;
    if (task.endsWith("-adding")) return Math.log(19);
    return switch (task) {
      case "fsdd" -> Math.log(10);
      case "shd" -> Math.log(20);
      case "text", "enwik8" -> Math.log(org.taunet.data.text.TextCorpus.VOCAB);
      default -> Double.NaN;
    };
  }

  /** Writes the section for the sweep's runs into {@code dst}; {@code allocation} (may be null) gives the model curve. */
  public static Section write(List<RunData> runs, String seedAxis, SweepSpec spec, Path dst) throws IOException {
    SweepSpec.Allocation allocation = spec.allocation();
    String lossCol = firstColumn(runs, LOSS);
    double lnC = chanceLoss(spec) / (lossCol != null && lossCol.endsWith("_bpc") ? Math.log(2) : 1);   // bits for bpc
    List<ParetoFrontier.Point> points = ParetoFrontier.sorted(points(runs, seedAxis, lossCol));
    List<ParetoFrontier.Point> front = ParetoFrontier.frontier(points);
    double[] budgets = front.stream().mapToDouble(ParetoFrontier.Point::budget).toArray();
    List<ParetoFrontier.Point> finite = points.stream().filter(p -> p.elm() && Double.isFinite(p.loss())).toList();
    PowerLawFit.Bootstrap law = front.size() >= 3 ? PowerLawFit.bootstrap(budgets, front.stream()
        .mapToDouble(ParetoFrontier.Point::loss).toArray(), RESAMPLES, SEED, curveBudgets(finite)) : null;
    InfoModel model = finite.size() >= 5 && Double.isFinite(lnC) ? InfoModel.fit(
        finite.stream().mapToDouble(ParetoFrontier.Point::units).toArray(),
        finite.stream().mapToDouble(ParetoFrontier.Point::ke).toArray(),
        finite.stream().mapToDouble(ParetoFrontier.Point::kc).toArray(),
        finite.stream().mapToDouble(ParetoFrontier.Point::loss).toArray(), lnC) : null;
    Files.createDirectories(dst);
    List<Path> tables = List.of(dst.resolve("scaling-points.csv"), dst.resolve("scaling-frontier.csv"),
        dst.resolve("scaling-fits.csv"), dst.resolve("scaling-optimum.csv"), dst.resolve("scaling-contest.csv"));
    AtomicFiles.writeString(tables.get(0), ScalingTables.pointsCsv(points, model));
    AtomicFiles.writeString(tables.get(1), ScalingTables.pointsCsv(front, model));
    double r2 = model == null ? Double.NaN : 1 - model.rss() / sumOfSquares(finite);
    AtomicFiles.writeString(tables.get(2), ScalingTables.fitsCsv(law, model, r2, lossCol));
    List<Optimum.Row> optimum = Optimum.rows(points, model, allocation);
    AtomicFiles.writeString(tables.get(3), Optimum.csv(optimum));
    List<Contest.Budget> contest = Contest.of(points);
    AtomicFiles.writeString(tables.get(4), Contest.csv(contest));
    SweepSpec reseed = allocation != null && allocation.function().equals("elm-budget")
        ? FrontierSeeds.spec(spec, runs) : null;
    if (reseed != null) {
      tables = new ArrayList<>(tables);
      tables.add(dst.resolve("frontier-seeds.yaml"));
      AtomicFiles.writeString(tables.getLast(), reseed.toYaml());
    }
    List<Path> pngs = ScalingCharts.write(dst, lossCol, points, front, law, model, allocation, optimum);
    String note = "Loss: " + describeLoss(lossCol) + ", mean over seeds. " + ScalingTables.describe(law, model, r2)
        + " " + Optimum.describe(optimum) + " " + Contest.describe(contest);
    return new Section(note, ScalingTables.frontierHtml(front, model), pngs, tables, law, model, front);
  }

  /**
   * One point per condition (allocation or baseline): its loss and error averaged over the condition's ended runs,
   * each run read by {@link #selected}, and its validation loss (the mean of each run's lowest). A point's model is
   * its {@code model} parameter (a baseline row of the allocation), else elm.
   */
  static List<ParetoFrontier.Point> points(List<RunData> runs, String seedAxis, String lossCol) {
    Map<String, List<RunData>> byCondition = new LinkedHashMap<>();
    for (RunData r : runs) {
      if (!ended(r)) continue;   // a running or interrupted point's rows are a partial training
      byCondition.computeIfAbsent(r.condition(), k -> new ArrayList<>()).add(r);
    }
    String accCol = firstColumn(runs, ACC), validCol = firstColumn(runs, VALID);
    List<ParetoFrontier.Point> out = new ArrayList<>();
    for (List<RunData> g : byCondition.values()) {
      RunData r0 = g.get(0);
      double params = Stats.mean(g.stream().mapToDouble(r -> r.summaryNumber("params")).toArray());
      double budget = num(r0.params().get("budget"), params);
      if (!Double.isFinite(budget)) continue;
      double[] loss = g.stream().mapToDouble(r -> selected(r, lossCol, lossCol)).toArray();
      double[] ms = Stats.meanSd(loss);
      double error = accCol == null ? Double.NaN
          : 1 - Stats.mean(g.stream().mapToDouble(r -> selected(r, lossCol, accCol)).toArray());
      int finiteRuns = (int) java.util.Arrays.stream(loss).filter(Double::isFinite).count();
      double select = Stats.mean(g.stream().mapToDouble(r -> lowest(r, validCol)).toArray());
      out.add(new ParetoFrontier.Point(r0.params().getOrDefault("model", "elm"), budget,
          (int) num(r0.params().get("units"), 1), (int) num(r0.params().get("ke"), Double.NaN),
          (int) num(r0.params().get("kc"), 0), params, ms[0], finiteRuns > 1 ? ms[1] : Double.NaN, error, finiteRuns,
          select));
    }
    return out;
  }

  /** Whether a run has ended (finished, diverged or failed); a lone run folder (no sweep state) counts as ended. */
  static boolean ended(RunData r) {
    return r.state() == null || r.state().state().terminal();
  }

  /**
   * A run's value of column {@code col}, selected on validation: at the metrics row with the lowest finite
   * {@link #SELECT} when {@code lossCol} is a test column and the run has that validation column (the loss selected on
   * validation, reported on test); otherwise the last finite value ({@link #last}).
   */
  static double selected(RunData r, String lossCol, String col) {
    if (col == null) return Double.NaN;
    if (lossCol != null && lossCol.startsWith("test_")) {
      double[] valid = r.column(SELECT);
      int best = -1;
      for (int i = 0; i < valid.length; i++) if (Double.isFinite(valid[i]) && (best < 0 || valid[i] < valid[best])) best = i;
      if (best >= 0) {
        double v = r.column(col)[best];
        if (Double.isFinite(v)) return v;
      }
    }
    return last(r, col);
  }

  /** Sum of squared deviations of the points' losses from their mean (the total of R^2 = 1 - rss / total). */
  static double sumOfSquares(List<ParetoFrontier.Point> points) {
    double m = points.stream().mapToDouble(ParetoFrontier.Point::loss).average().orElse(Double.NaN), t = 0;
    for (ParetoFrontier.Point p : points) t += (p.loss() - m) * (p.loss() - m);
    return t;
  }

  /** What the loss column holds, for the page. */
  static String describeLoss(String lossCol) {
    if (lossCol == null) return "none found";
    return lossCol.startsWith("test_") ? lossCol + " at each run's epoch of lowest " + SELECT + " (selected on "
        + "validation, reported on test)" : "final " + lossCol;
  }

  /** Log-spaced budgets between the smallest and the largest of {@code points}, for the law's curve and band. */
  static double[] curveBudgets(List<ParetoFrontier.Point> points) {
    double lo = points.stream().mapToDouble(ParetoFrontier.Point::budget).min().orElse(1);
    double hi = points.stream().mapToDouble(ParetoFrontier.Point::budget).max().orElse(1);
    double[] x = new double[hi > lo ? 50 : 1];
    for (int i = 0; i < x.length; i++) x[i] = x.length == 1 ? lo : lo * Math.pow(hi / lo, i / (x.length - 1.0));
    return x;
  }

  /** Lowest finite value of a metrics column, else its {@link #last} value; NaN for a null column. */
  static double lowest(RunData r, String col) {
    if (col == null) return Double.NaN;
    double lo = Double.NaN;
    for (double v : r.column(col)) if (Double.isFinite(v) && (Double.isNaN(lo) || v < lo)) lo = v;
    return Double.isFinite(lo) ? lo : last(r, col);
  }

  /** Last finite value of a metrics column, else the summary field of that name; NaN if neither. */
  static double last(RunData r, String col) {
    if (col == null) return Double.NaN;
    double[] v = r.column(col);
    for (int i = v.length - 1; i >= 0; i--) if (Double.isFinite(v[i])) return v[i];
    return r.summaryNumber(col);
  }

  static String firstColumn(List<RunData> runs, List<String> names) {
    for (String n : names) {
      for (RunData r : runs) if (Double.isFinite(last(r, n))) return n;
    }
    return null;
  }


  private static double num(String s, double def) {
    if (s == null) return def;
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return def;
    }
  }

  /**
   * Model curve over every allocation the allocation function lists: on log-spaced budgets between the smallest
   * and largest, the model's best loss (an extrapolation to allocations the sweep did not train); empty unless the
   * sweep's allocation is {@code elm-budget}.
   */
  static double[][] modelCurveAll(InfoModel model, SweepSpec.Allocation allocation, List<ParetoFrontier.Point> points) {
    double lo = points.stream().mapToDouble(ParetoFrontier.Point::budget).min().orElse(1);
    double hi = points.stream().mapToDouble(ParetoFrontier.Point::budget).max().orElse(1);
    List<double[]> xy = new ArrayList<>();
    if (!(hi > lo)) return xy(xy);
    for (int i = 0; i < CURVE_POINTS; i++) {
      long p = Math.round(lo * Math.pow(hi / lo, i / (CURVE_POINTS - 1.0)));
      double[] best = model.optimum(candidates(allocation, p));
      if (best != null) xy.add(new double[] {p, model.loss(best[0], best[1], best[2])});
    }
    return xy(xy);
  }

  /**
   * Every ELM allocation (rows N, k_e, k_c) that the sweep's {@code elm-budget} allocation lists for budget P, not
   * only the sweep's sample of them ({@code points} and {@code min-units}, which may list one value per budget of the
   * sweep, dropped); empty for another allocation function or when nothing fits.
   */
  static List<double[]> candidates(SweepSpec.Allocation allocation, long budget) {
    List<double[]> out = new ArrayList<>();
    if (allocation == null || !allocation.function().equals("elm-budget")) return out;
    Map<String, List<String>> args = new LinkedHashMap<>(allocation.args());
    args.put("budget", List.of(String.valueOf(budget)));
    args.remove("points");
    args.remove("min-units");
    try {
      for (Map<String, String> row : Allocations.get("elm-budget").allocate(args)) {
        if (row.containsKey("model")) continue;   // a baseline row
        out.add(new double[] {num(row.get("units"), 1), num(row.get("ke"), 1), num(row.get("kc"), 1)});
      }
    } catch (IllegalArgumentException nothingFits) {
      return out;
    }
    return out;
  }

  /** Model curve over the sweep's own allocations: per budget, the model's best loss among the trained ones. */
  static double[][] modelCurveSampled(InfoModel model, List<ParetoFrontier.Point> points) {
    Map<Double, Double> best = new java.util.TreeMap<>();
    for (ParetoFrontier.Point p : points) best.merge(p.budget(), model.loss(p.units(), p.ke(), p.kc()), Math::min);
    List<double[]> xy = new ArrayList<>();
    best.forEach((p, l) -> xy.add(new double[] {p, l}));
    return xy(xy);
  }

  private static double[][] xy(List<double[]> pts) {
    return new double[][] {pts.stream().mapToDouble(d -> d[0]).toArray(), pts.stream().mapToDouble(d -> d[1]).toArray()};
  }
}
