package org.taunet.report.scaling;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taunet.report.Charts;
import org.taunet.sweep.SweepSpec;

/**
 * The scaling section's figures: {@code pareto.png} (loss against P: every allocation, the frontier, the scaling law
 * with its bootstrap band, the information model, the baselines), {@code tradeoff-P.png} (per budget, the loss of each
 * (N, k_e) cell), {@code optimum.png} (the frontier's N*(P) and k_e*(P) against the model's, from {@link Optimum}) and
 * {@code model-by-budget.png} (loss against N per budget, measured and predicted).
 */
final class ScalingCharts {
  private ScalingCharts() {}

  static final Color BLUE = Charts.colour(0), ORANGE = Charts.colour(1), GREEN = Charts.colour(2),
      PINK = Charts.colour(3), GREY = new Color(150, 150, 150), BAND = new Color(240, 180, 140);

  /** Writes every figure the data allow into {@code dst}; returns their paths. */
  static List<Path> write(Path dst, String lossCol, List<ParetoFrontier.Point> points, List<ParetoFrontier.Point> front,
      PowerLawFit.Bootstrap law, InfoModel model, SweepSpec.Allocation allocation, List<Optimum.Row> optimum)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    String yLabel = lossCol == null ? "loss" : lossCol;
    List<Path> out = new ArrayList<>();
    out.add(Charts.save(pareto(yLabel, points, front, law, model, allocation), dst.resolve("pareto.png")));
    Map<Double, List<ParetoFrontier.Point>> byBudget = ParetoFrontier.elmByBudget(points);
    for (var e : byBudget.entrySet()) {
      HeatMapChart h = tradeoff(e.getKey(), e.getValue(), yLabel);
      Path png = dst.resolve(String.format(Locale.ROOT, "tradeoff-%d.png", e.getKey().longValue()));
      if (h != null) out.add(Charts.save(h, png));
    }
    if (optimum.size() >= 2) out.add(Charts.save(optimum(optimum), dst.resolve("optimum.png")));
    if (model != null && !byBudget.isEmpty()) {
      out.add(Charts.save(modelByBudget(byBudget, model, yLabel), dst.resolve("model-by-budget.png")));
    }
    return out;
  }

  static XYChart pareto(String yLabel, List<ParetoFrontier.Point> points, List<ParetoFrontier.Point> front,
      PowerLawFit.Bootstrap boot, InfoModel model, SweepSpec.Allocation allocation) {
    XYChart c = xy("Pareto frontier: loss against parameter budget", "parameter budget P", yLabel, true);
    List<ParetoFrontier.Point> elm = points.stream().filter(p -> p.elm() && Double.isFinite(p.loss())).toList();
    if (!elm.isEmpty()) {
      XYSeries all = c.addSeries("ELM, every allocation", elm.stream().mapToDouble(ParetoFrontier.Point::budget).toArray(),
          elm.stream().mapToDouble(ParetoFrontier.Point::loss).toArray());
      style(all, XYSeries.XYSeriesRenderStyle.Scatter, GREY, null);
      all.setMarker(SeriesMarkers.CIRCLE);
    }
    if (!front.isEmpty()) {
      XYSeries f = c.addSeries("ELM frontier", front.stream().mapToDouble(ParetoFrontier.Point::budget).toArray(),
          front.stream().mapToDouble(ParetoFrontier.Point::loss).toArray());
      style(f, XYSeries.XYSeriesRenderStyle.Line, BLUE, SeriesLines.SOLID);
      f.setMarker(SeriesMarkers.DIAMOND);
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
      style(c.addSeries(String.format(Locale.ROOT, "law %.3g P^-%.3f + %.3f", law.a(), law.alpha(), law.lInf()), x, y),
          XYSeries.XYSeriesRenderStyle.Line, ORANGE, SeriesLines.DASH_DASH);
      style(c.addSeries("law, 95 % bootstrap band (lower)", x, lo), XYSeries.XYSeriesRenderStyle.Line, BAND, SeriesLines.DOT_DOT);
      style(c.addSeries("law, 95 % bootstrap band (upper)", x, hi), XYSeries.XYSeriesRenderStyle.Line, BAND, SeriesLines.DOT_DOT);
    }
    if (model != null) {
      double[][] m = ScalingReport.modelCurveSampled(model, elm);
      if (m[0].length > 0) style(c.addSeries("info model, best trained allocation", m[0], m[1]),
          XYSeries.XYSeriesRenderStyle.Line, GREEN, SeriesLines.DASH_DOT);
      double[][] all = ScalingReport.modelCurveAll(model, allocation, elm);
      if (all[0].length > 0) style(c.addSeries("info model, best of all allocations", all[0], all[1]),
          XYSeries.XYSeriesRenderStyle.Line, PINK, SeriesLines.DOT_DOT);
    }
    Map<String, List<ParetoFrontier.Point>> baselines = new TreeMap<>();
    for (ParetoFrontier.Point p : points) {
      if (!p.elm() && Double.isFinite(p.loss())) baselines.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
    }
    int k = 4;
    for (var e : baselines.entrySet()) {
      List<ParetoFrontier.Point> b = e.getValue().stream().sorted(java.util.Comparator.comparingDouble(
          ParetoFrontier.Point::budget)).toList();
      XYSeries s = c.addSeries(e.getKey() + " at the budget", b.stream().mapToDouble(ParetoFrontier.Point::budget).toArray(),
          b.stream().mapToDouble(ParetoFrontier.Point::loss).toArray());
      style(s, XYSeries.XYSeriesRenderStyle.Line, Charts.colour(k++), SeriesLines.SOLID);
      s.setMarker(SeriesMarkers.SQUARE);
    }
    return c;
  }

  /**
   * The loss of each (N, k_e) cell at one budget (value printed in the cell), titled with the cell the frontier
   * selects ({@link ParetoFrontier#SELECTION}, on validation), which need not have the lowest loss shown; null with
   * fewer than 2 cells.
   */
  static HeatMapChart tradeoff(double budget, List<ParetoFrontier.Point> cells, String yLabel) {
    List<ParetoFrontier.Point> finite = cells.stream().filter(p -> Double.isFinite(p.loss())).toList();
    if (finite.size() < 2) return null;
    List<Integer> ns = new ArrayList<>(new TreeSet<>(finite.stream().map(ParetoFrontier.Point::units).toList()));
    List<Integer> kes = new ArrayList<>(new TreeSet<>(finite.stream().map(ParetoFrontier.Point::ke).toList()));
    ParetoFrontier.Point best = finite.stream().min(ParetoFrontier.SELECTION).get(); // the frontier's cell
    HeatMapChart h = new HeatMapChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title(String.format(Locale.ROOT, "P = %.0f: %s by (N, k_e) (k_c nearest P); selected N = %d, k_e = %d, k_c = %d",
            budget, yLabel, best.units(), best.ke(), best.kc()))
        .xAxisTitle("N (units)").yAxisTitle("k_e (memory units per neuron)").build();
    h.getStyler().setChartBackgroundColor(Color.WHITE);
    h.getStyler().setShowValue(true);
    h.getStyler().setLegendVisible(false); // each cell prints its loss; XChart's gradient legend prints raw doubles
    h.getStyler().setHeatMapValueDecimalPattern("0.00");
    h.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.2f", v));
    h.getStyler().setRangeColors(new Color[] {new Color(0, 90, 160), new Color(250, 250, 210), new Color(200, 60, 30)});
    List<Number[]> data = new ArrayList<>();
    for (ParetoFrontier.Point p : finite) data.add(new Number[] {ns.indexOf(p.units()), kes.indexOf(p.ke()), p.loss()});
    h.addSeries("loss", ns, kes, data);
    return h;
  }

  /** The frontier's N*(P) and k_e*(P) (markers) and the model's optimum over every allocation (dashed), log-log. */
  static XYChart optimum(List<Optimum.Row> rows) {
    XYChart c = xy("Best allocation against budget: measured frontier and information model", "parameter budget P",
        "N* and k_e* (log)", true);
    c.getStyler().setYAxisLogarithmic(true);
    double[] p = rows.stream().mapToDouble(r -> r.best().budget()).toArray();
    XYSeries n = c.addSeries("N* measured", p, rows.stream().mapToDouble(r -> r.best().units()).toArray());
    style(n, XYSeries.XYSeriesRenderStyle.Line, BLUE, SeriesLines.SOLID);
    n.setMarker(SeriesMarkers.CIRCLE);
    XYSeries ke = c.addSeries("k_e* measured", p, rows.stream().mapToDouble(r -> r.best().ke()).toArray());
    style(ke, XYSeries.XYSeriesRenderStyle.Line, ORANGE, SeriesLines.SOLID);
    ke.setMarker(SeriesMarkers.DIAMOND);
    List<Optimum.Row> modelled = rows.stream().filter(r -> r.model() != null).toList();
    if (!modelled.isEmpty()) {
      double[] x = modelled.stream().mapToDouble(r -> r.best().budget()).toArray();
      style(c.addSeries("N* model", x, modelled.stream().mapToDouble(r -> r.model()[0]).toArray()),
          XYSeries.XYSeriesRenderStyle.Line, BLUE, SeriesLines.DASH_DASH);
      style(c.addSeries("k_e* model", x, modelled.stream().mapToDouble(r -> r.model()[1]).toArray()),
          XYSeries.XYSeriesRenderStyle.Line, ORANGE, SeriesLines.DASH_DASH);
    }
    return c;
  }

  /**
   * Per budget ({@link ParetoFrontier#elmByBudget}: the ELM cells with a loss), loss against N: the trained cells
   * (markers) and the model's prediction for them (dashed).
   */
  static XYChart modelByBudget(Map<Double, List<ParetoFrontier.Point>> byBudget, InfoModel model, String yLabel) {
    XYChart c = xy("Information model per budget: measured (markers) and predicted (dashed)", "N (units)", yLabel, true);
    int i = 0;
    for (var e : byBudget.entrySet()) {
      Color colour = Charts.colour(i++);
      List<ParetoFrontier.Point> pts = e.getValue().stream()
          .sorted(java.util.Comparator.comparingInt(ParetoFrontier.Point::units).thenComparingInt(ParetoFrontier.Point::ke)).toList();
      double[] x = pts.stream().mapToDouble(ParetoFrontier.Point::units).toArray();
      String name = String.format(Locale.ROOT, "P = %.0f", e.getKey());
      XYSeries m = c.addSeries(name, x, pts.stream().mapToDouble(ParetoFrontier.Point::loss).toArray());
      style(m, XYSeries.XYSeriesRenderStyle.Scatter, colour, null);
      m.setMarker(SeriesMarkers.CIRCLE);
      Map<Double, Double> bestPerN = new LinkedHashMap<>();   // the model's best cell per N: one line per budget
      for (ParetoFrontier.Point q : pts) bestPerN.merge((double) q.units(), model.loss(q.units(), q.ke(), q.kc()), Math::min);
      style(c.addSeries(name + " model", bestPerN.keySet().stream().mapToDouble(d -> d).toArray(),
          bestPerN.values().stream().mapToDouble(d -> d).toArray()), XYSeries.XYSeriesRenderStyle.Line, colour,
          SeriesLines.DASH_DASH);
    }
    return c;
  }

  private static XYChart xy(String title, String xLabel, String yLabel, boolean logX) {
    XYChart c = Charts.chart(title, xLabel, yLabel);
    c.getStyler().setXAxisLogarithmic(logX);
    return c;
  }

  static void style(XYSeries s, XYSeries.XYSeriesRenderStyle render, Color color, java.awt.BasicStroke line) {
    s.setXYSeriesRenderStyle(render);
    s.setLineColor(color);
    s.setMarkerColor(color);
    if (line != null) {
      s.setLineStyle(line);
      s.setMarker(SeriesMarkers.NONE);
    }
  }
}
