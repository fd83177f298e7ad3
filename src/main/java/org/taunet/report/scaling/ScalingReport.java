package org.taunet.report.scaling;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taunet.analysis.Stats;
import org.taunet.report.Charts;
import org.taunet.report.RunData;
import org.taunet.run.AtomicFiles;
import org.taunet.sweep.Allocations;
import org.taunet.sweep.SweepSpec;

/**
 * The scaling part of a report on an {@code elm-scaling} sweep: per allocation the final loss (mean over seeds),
 * the Pareto frontier, the fitted scaling law {@link PowerLawFit} on the frontier and the {@link InfoModel} fitted
 * to every allocation. Writes {@code pareto.png} (log P against loss: all allocations, frontier, law, model) and
 * the CSV tables {@code scaling-points.csv}, {@code scaling-frontier.csv} and {@code scaling-fits.csv}.
 */
public final class ScalingReport {
  private ScalingReport() {}

  /** The study whose sweeps get this section. */
  public static final String STUDY = "elm-scaling";
  /** Loss columns in order of preference (final value of metrics.csv, else summary.json). */
  static final List<String> LOSS = List.of("test_loss", "valid_loss", "loss");
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
      case "text" -> Math.log(org.taunet.data.text.TextCorpus.VOCAB);
      default -> Double.NaN;
    };
  }

  /** Writes the section for the sweep's runs into {@code dst}; {@code allocation} (may be null) gives the model curve. */
  public static Section write(List<RunData> runs, String seedAxis, SweepSpec spec, Path dst) throws IOException {
    SweepSpec.Allocation allocation = spec.allocation();
    double lnC = chanceLoss(spec);
    String lossCol = firstColumn(runs, LOSS);
    List<ParetoFrontier.Point> points = ParetoFrontier.sorted(points(runs, seedAxis, lossCol));
    List<ParetoFrontier.Point> front = ParetoFrontier.frontier(points);
    double[] budgets = front.stream().mapToDouble(ParetoFrontier.Point::budget).toArray();
    PowerLawFit.Bootstrap law = front.size() >= 3 ? PowerLawFit.bootstrap(budgets, front.stream()
        .mapToDouble(ParetoFrontier.Point::loss).toArray(), RESAMPLES, SEED, curveBudgets(points)) : null;
    List<ParetoFrontier.Point> finite = points.stream().filter(p -> Double.isFinite(p.loss())).toList();
    InfoModel model = finite.size() >= 5 && Double.isFinite(lnC) ? InfoModel.fit(
        finite.stream().mapToDouble(ParetoFrontier.Point::units).toArray(),
        finite.stream().mapToDouble(ParetoFrontier.Point::ke).toArray(),
        finite.stream().mapToDouble(ParetoFrontier.Point::kc).toArray(),
        finite.stream().mapToDouble(ParetoFrontier.Point::loss).toArray(), lnC) : null;
    Files.createDirectories(dst);
    List<Path> tables = List.of(dst.resolve("scaling-points.csv"), dst.resolve("scaling-frontier.csv"),
        dst.resolve("scaling-fits.csv"));
    AtomicFiles.writeString(tables.get(0), ScalingTables.pointsCsv(points, model));
    AtomicFiles.writeString(tables.get(1), ScalingTables.pointsCsv(front, model));
    AtomicFiles.writeString(tables.get(2), ScalingTables.fitsCsv(law, model, lossCol));
    Path png = dst.resolve("pareto.png");
    chart(png, lossCol, points, front, law, model, allocation);
    String note = "Loss: final " + lossCol + " of each allocation, mean over seeds. " + ScalingTables.describe(law, model);
    return new Section(note, ScalingTables.frontierHtml(front, model), List.of(png), tables, law, model, front);
  }

  /** One point per condition (allocation), its final loss and error averaged over the condition's runs. */
  static List<ParetoFrontier.Point> points(List<RunData> runs, String seedAxis, String lossCol) {
    Map<String, List<RunData>> byCondition = new LinkedHashMap<>();
    for (RunData r : runs) byCondition.computeIfAbsent(r.condition(), k -> new ArrayList<>()).add(r);
    String accCol = firstColumn(runs, ACC);
    List<ParetoFrontier.Point> out = new ArrayList<>();
    for (List<RunData> g : byCondition.values()) {
      RunData r0 = g.get(0);
      double params = Stats.mean(g.stream().mapToDouble(r -> r.summaryNumber("params")).toArray());
      double budget = num(r0.params().get("budget"), params);
      if (!Double.isFinite(budget)) continue;
      double loss = Stats.mean(g.stream().mapToDouble(r -> last(r, lossCol)).toArray());
      double error = accCol == null ? Double.NaN : 1 - Stats.mean(g.stream().mapToDouble(r -> last(r, accCol)).toArray());
      int finiteRuns = (int) g.stream().filter(r -> Double.isFinite(last(r, lossCol))).count();
      out.add(new ParetoFrontier.Point(budget, (int) num(r0.params().get("units"), 1), (int) num(r0.params().get("ke"),
          Double.NaN), (int) num(r0.params().get("kc"), 0), params, loss, error, finiteRuns));
    }
    return out;
  }

  /** Log-spaced budgets between the smallest and the largest of {@code points}, for the law's curve and band. */
  static double[] curveBudgets(List<ParetoFrontier.Point> points) {
    double lo = points.stream().mapToDouble(ParetoFrontier.Point::budget).min().orElse(1);
    double hi = points.stream().mapToDouble(ParetoFrontier.Point::budget).max().orElse(1);
    double[] x = new double[hi > lo ? 50 : 1];
    for (int i = 0; i < x.length; i++) x[i] = x.length == 1 ? lo : lo * Math.pow(hi / lo, i / (x.length - 1.0));
    return x;
  }

  /** Last finite value of a metrics column, else the summary field of that name; NaN if neither. */
  static double last(RunData r, String col) {
    if (col == null) return Double.NaN;
    double[] v = r.column(col);
    for (int i = v.length - 1; i >= 0; i--) if (Double.isFinite(v[i])) return v[i];
    return r.summaryNumber(col);
  }

  private static String firstColumn(List<RunData> runs, List<String> names) {
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
    if (allocation == null || !allocation.function().equals("elm-budget") || !(hi > lo)) return xy(xy);
    for (int i = 0; i < CURVE_POINTS; i++) {
      long p = Math.round(lo * Math.pow(hi / lo, i / (CURVE_POINTS - 1.0)));
      Map<String, List<String>> args = new LinkedHashMap<>(allocation.args());
      args.put("budget", List.of(String.valueOf(p)));
      args.remove("points");   // every allocation that fits, not the sweep's sample of them
      double best = Double.POSITIVE_INFINITY;
      try {
        for (Map<String, String> row : Allocations.get("elm-budget").allocate(args)) {
          best = Math.min(best, model.loss(num(row.get("units"), 1), num(row.get("ke"), 1), num(row.get("kc"), 1)));
        }
      } catch (IllegalArgumentException nothingFits) {
        continue;
      }
      xy.add(new double[] {p, best});
    }
    return xy(xy);
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

  private static void chart(Path png, String lossCol, List<ParetoFrontier.Point> points,
      List<ParetoFrontier.Point> front, PowerLawFit.Bootstrap boot, InfoModel model, SweepSpec.Allocation allocation)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart c = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title("Pareto frontier: loss against parameter budget")
        .xAxisTitle("parameter budget P").yAxisTitle(lossCol == null ? "loss" : lossCol).build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setPlotGridLinesVisible(true);
    List<ParetoFrontier.Point> finite = points.stream().filter(p -> Double.isFinite(p.loss())).toList();
    if (!finite.isEmpty()) {
      XYSeries all = c.addSeries("all allocations", finite.stream().mapToDouble(ParetoFrontier.Point::budget).toArray(),
          finite.stream().mapToDouble(ParetoFrontier.Point::loss).toArray());
      style(all, XYSeries.XYSeriesRenderStyle.Scatter, new Color(150, 150, 150), null);
      all.setMarker(SeriesMarkers.CIRCLE);
    }
    if (!front.isEmpty()) {
      XYSeries f = c.addSeries("frontier", front.stream().mapToDouble(ParetoFrontier.Point::budget).toArray(),
          front.stream().mapToDouble(ParetoFrontier.Point::loss).toArray());
      style(f, XYSeries.XYSeriesRenderStyle.Line, new Color(0, 114, 178), SeriesLines.SOLID);
      f.setMarker(SeriesMarkers.DIAMOND);
      f.setMarkerColor(new Color(0, 114, 178));
    }
    if (boot != null && boot.band().length > 1) {
      PowerLawFit law = boot.fit();
      double[][] b = boot.band();
      double[] x = new double[b.length], y = new double[b.length], lo = new double[b.length], hi = new double[b.length];
      for (int i = 0; i < b.length; i++) {
        x[i] = b[i][0];
        y[i] = law.at(x[i]);
        lo[i] = b[i][1];
        hi[i] = b[i][2];
      }
      Color orange = new Color(213, 94, 0);
      style(c.addSeries(String.format(Locale.ROOT, "law %.3g P^-%.3f + %.3f", law.a(), law.alpha(), law.lInf()), x, y),
          XYSeries.XYSeriesRenderStyle.Line, orange, SeriesLines.DASH_DASH);
      style(c.addSeries("law, 95 % bootstrap band (lower)", x, lo), XYSeries.XYSeriesRenderStyle.Line,
          new Color(240, 180, 140), SeriesLines.DOT_DOT);
      style(c.addSeries("law, 95 % bootstrap band (upper)", x, hi), XYSeries.XYSeriesRenderStyle.Line,
          new Color(240, 180, 140), SeriesLines.DOT_DOT);
    }
    if (model != null) {
      double[][] m = modelCurveSampled(model, points);
      if (m[0].length > 0) style(c.addSeries("info model, best trained allocation", m[0], m[1]),
          XYSeries.XYSeriesRenderStyle.Line, new Color(0, 158, 115), SeriesLines.DASH_DOT);
      double[][] all = modelCurveAll(model, allocation, points);
      if (all[0].length > 0) style(c.addSeries("info model, best of all allocations", all[0], all[1]),
          XYSeries.XYSeriesRenderStyle.Line, new Color(204, 121, 167), SeriesLines.DOT_DOT);
    }
    byte[] bytes = BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(png, bytes);
  }

  private static void style(XYSeries s, XYSeries.XYSeriesRenderStyle render, Color color, java.awt.BasicStroke line) {
    s.setXYSeriesRenderStyle(render);
    s.setLineColor(color);
    s.setMarkerColor(color);
    if (line != null) {
      s.setLineStyle(line);
      s.setMarker(SeriesMarkers.NONE);
    }
  }
}
