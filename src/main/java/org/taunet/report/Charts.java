package org.taunet.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taunet.run.AtomicFiles;

/**
 * PNG plots for results: line plots with optional spread bands, histograms and scatter plots (XChart, headless).
 * Every method writes one PNG atomically (a reader never sees half a file).
 */
public final class Charts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Pixel size of every plot. */
  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;
  /** Series colours, in order (colour-blind-safe Okabe-Ito palette). */
  static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
      new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), Color.BLACK};

  private Charts() {}

  /** Series colour {@code i} of {@link #PALETTE}, cycling. */
  public static Color colour(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /**
   * One line of a plot, with an optional band (e.g. mean +- sd across seeds).
   *
   * @param x abscissae
   * @param y ordinates, same length as x
   * @param lower lower edge of the band, or null for none
   * @param upper upper edge of the band, or null for none
   */
  public record Line(double[] x, double[] y, double[] lower, double[] upper) {
    public Line {
      if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
      if ((lower == null) != (upper == null)) throw new IllegalArgumentException("band needs both lower and upper");
      if (lower != null && (lower.length != x.length || upper.length != x.length)) {
        throw new IllegalArgumentException("band length differs from x");
      }
    }

    /** A line without a band. */
    public static Line of(double[] x, double[] y) {
      return new Line(x, y, null, null);
    }
  }

  /** Writes a line plot with one series per entry (insertion order); band edges are drawn as faint dashed lines. */
  public static void lines(Path png, String title, String xLabel, String yLabel, Map<String, Line> lines, boolean logY)
      throws IOException {
    lines(png, title, xLabel, yLabel, lines, false, logY);
  }

  /** As {@link #lines(Path, String, String, String, Map, boolean)} on a logarithmic x axis (positive x). */
  public static void linesLogX(Path png, String title, String xLabel, String yLabel, Map<String, Line> lines)
      throws IOException {
    lines(png, title, xLabel, yLabel, lines, true, false);
  }

  private static void lines(Path png, String title, String xLabel, String yLabel, Map<String, Line> lines, boolean logX,
      boolean logY) throws IOException {
    XYChart chart = chart(title, xLabel, yLabel);
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    int k = 0;
    for (Map.Entry<String, Line> e : lines.entrySet()) {
      Line l = e.getValue();
      if (l.x().length == 0) continue;
      Color color = colour(k++);
      XYSeries s = chart.addSeries(e.getKey(), l.x(), l.y());
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(color);
      if (l.lower() != null) {
        Color faint = new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
        for (double[] edge : new double[][] {l.lower(), l.upper()}) {
          // on a log axis a band edge at or below zero (mean - sd of a small loss) is drawn at the line's minimum / 10
          double[] drawn = logY ? positive(edge, minPositive(l.y()) / 10) : edge;
          XYSeries band = chart.addSeries(e.getKey() + (edge == l.lower() ? " lower" : " upper"), l.x(), drawn);
          band.setMarker(SeriesMarkers.NONE);
          band.setShowInLegend(false);
          band.setLineColor(faint);
          band.setLineStyle(SeriesLines.DASH_DASH);
        }
      }
    }
    save(chart, png);
  }

  /**
   * Writes a line plot of measured curves ({@code data}, solid, one colour each) with fitted curves ({@code fits}, the
   * same keys: dashed in the same colour, not in the legend), e.g. autocorrelations with their exponential fits.
   */
  public static void linesWithFits(Path png, String title, String xLabel, String yLabel, Map<String, Line> data,
                                   Map<String, Line> fits) throws IOException {
    XYChart chart = chart(title, xLabel, yLabel);
    int k = 0;
    for (Map.Entry<String, Line> e : data.entrySet()) {
      if (e.getValue().x().length == 0) continue;
      Color color = colour(k++);
      XYSeries s = chart.addSeries(e.getKey(), e.getValue().x(), e.getValue().y());
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(color);
      Line f = fits.get(e.getKey());
      if (f == null || f.x().length == 0) continue;
      XYSeries fs = chart.addSeries(e.getKey() + " fit", f.x(), f.y());
      fs.setMarker(SeriesMarkers.NONE);
      fs.setShowInLegend(false);
      fs.setLineColor(color);
      fs.setLineStyle(SeriesLines.DASH_DASH);
    }
    save(chart, png);
  }

  /** Writes overlaid histograms (step outlines) of several samples on common bins; log-spaced bins if {@code logX}. */
  public static void histograms(Path png, String title, String xLabel, Map<String, double[]> samples, int bins,
      boolean logX) throws IOException {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] v : samples.values()) {
      for (double d : v) {
        if (!Double.isFinite(d) || (logX && d <= 0)) continue;
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    if (!(lo < hi)) {
      hi = lo + 1;
    }
    XYChart chart = chart(title, xLabel, "count");
    chart.getStyler().setXAxisLogarithmic(logX);
    if (!logX) chart.getStyler().setXAxisDecimalPattern("#0.###");   // bin edges are not round numbers
    int k = 0;
    for (Map.Entry<String, double[]> e : samples.entrySet()) {
      double[][] xy = histogramOutline(e.getValue(), bins, lo, hi, logX);
      XYSeries s = chart.addSeries(e.getKey(), xy[0], xy[1]);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(colour(k++));
    }
    save(chart, png);
  }

  /** Writes a scatter plot, one marker series per entry; each value is {x[], y[]}. */
  public static void scatter(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> points,
      boolean logX, boolean logY) throws IOException {
    XYChart chart = chart(title, xLabel, yLabel);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    for (Map.Entry<String, double[][]> e : points.entrySet()) {
      if (e.getValue()[0].length > 0) chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    save(chart, png);
  }

  /** Bin edges and counts as a closed step outline {x[], y[]}; values outside [lo, hi] are ignored. */
  static double[][] histogramOutline(double[] v, int bins, double lo, double hi, boolean logX) {
    double a = logX ? Math.log(lo) : lo;
    double b = logX ? Math.log(hi) : hi;
    double[] counts = new double[bins];
    for (double d : v) {
      if (!Double.isFinite(d) || (logX && d <= 0)) continue;
      double u = ((logX ? Math.log(d) : d) - a) / (b - a);
      if (u < 0 || u > 1) continue;
      counts[Math.min(bins - 1, (int) (u * bins))]++;
    }
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      double x0 = a + (b - a) * i / bins;
      double x1 = a + (b - a) * (i + 1) / bins;
      pts.add(new double[] {logX ? Math.exp(x0) : x0, counts[i]});
      pts.add(new double[] {logX ? Math.exp(x1) : x1, counts[i]});
    }
    double[][] xy = new double[2][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      xy[0][i] = pts.get(i)[0];
      xy[1][i] = pts.get(i)[1];
    }
    return xy;
  }

  /** An empty line chart of the report's size: white background, grid lines. */
  public static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    return chart;
  }

  /** Writes {@code chart} as a PNG to {@code png} (atomically, creating its folder); returns {@code png}. */
  public static Path save(Chart<?, ?> chart, Path png) throws IOException {
    byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    if (png.getParent() != null) Files.createDirectories(png.getParent());
    AtomicFiles.write(png, bytes);
    return png;
  }

  /** Smallest positive finite value of {@code v} (1 if none). */
  static double minPositive(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) if (d > 0 && d < m) m = d;
    return Double.isFinite(m) ? m : 1;
  }

  /** A copy of {@code v} with every value at or below zero (or NaN) replaced by {@code floor}. */
  static double[] positive(double[] v, double floor) {
    double[] r = v.clone();
    for (int i = 0; i < r.length; i++) if (!(r[i] > 0)) r[i] = floor;
    return r;
  }
}
