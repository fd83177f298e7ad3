package org.taunet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.taunet.analysis.Stats;
import org.taunet.ep.EpFailures;
import org.taunet.run.AtomicFiles;
import org.taunet.run.MetricsCsv;

/**
 * The {@code hts-ep-stability} section of {@code taunet report} ({@link HtsStudy} places the runs): the stability map
 * (failures / runs per mean-dt x lr-scale cell for each condition, and HTS minus scalar with Fisher's p), the
 * statistics table hts-stats.csv (Wilson intervals of failure rates, bootstrap 95 % intervals of the final test accuracy
 * and of its difference to scalar, permutation p of the across-seed sd, the number of comparisons), learning curves with
 * sd bands per cell, relaxation-convergence curves from probe.csv, and final accuracy against the CV of dt at fixed mean.
 * The dt histograms are the report's general time-constant section.
 */
final class HtsStudyReport {
  /** The study name whose sweeps get this section. */
  static final String STUDY = "hts-ep-stability";
  /** Smallest mean |ds| drawn on the probe plots' log axis (a relaxation that has settled exactly has 0). */
  static final double PROBE_FLOOR = 1e-12;

  private HtsStudyReport() {}

  /** What the section wrote. */
  record Section(List<Path> pngs, List<Path> tables) {}

  /**
   * Writes the section for {@code runs} (with {@code flags}, each run's full flags, and {@code dirs}, its folder) into
   * {@code dst} and {@code html}.
   */
  static Section write(List<RunData> runs, List<Map<String, String>> flags, List<Path> dirs, Path dst, Html html)
      throws IOException {
    java.util.Set<String> varying = new java.util.LinkedHashSet<>();
    for (String k : flags.isEmpty() ? java.util.Set.<String>of() : flags.get(0).keySet()) {
      if (flags.stream().map(f -> f.getOrDefault(k, "")).distinct().count() > 1) varying.add(k);
    }
    List<HtsStudy.Run> placed = HtsStudy.place(runs, flags, varying);
    Map<RunData, Path> dirOf = new java.util.IdentityHashMap<>();
    for (int i = 0; i < runs.size(); i++) dirOf.put(runs.get(i), dirs.get(i));
    List<HtsStudy.Row> rows = HtsStudy.rows(placed);
    List<Path> pngs = new ArrayList<>();
    Path csv = dst.resolve("hts-stats.csv");
    AtomicFiles.writeString(csv, HtsStudy.csv(rows));
    int m = HtsStudy.comparisons(rows);
    html.heading("HTS stability map", "Failed = diverged (NaN/Inf) or collapsed (final training accuracy < 2 x chance). "
        + "Cells: failures/runs per mean dt (columns) and lr scale (rows); HTS minus scalar: difference of failure rates "
        + "with Fisher's exact two-sided p.");
    var grouped = HtsStudy.grouped(placed);
    for (var panel : grouped.entrySet()) {
      html.raw("<h3>" + Html.escape(panel.getKey()) + "</h3>\n" + mapTable(rows, panel.getKey()));
      pngs.add(failurePlot(rows, panel.getKey(), dst, html));
    }
    html.heading("HTS statistics", m + " comparisons against scalar (Fisher's exact test of failure rates, bootstrap "
        + "95 % interval of the accuracy difference, permutation test of the across-seed sd, " + HtsStudy.RESAMPLES
        + " resamples, seed " + HtsStudy.SEED + "); no correction for multiplicity: at a family-wise 5 % a p-value "
        + "needs to be below " + String.format(Locale.ROOT, "%.2g", 0.05 / Math.max(1, m)) + " (Bonferroni). Accuracy "
        + "statistics are over the runs that did not fail.");
    html.raw(statsTable(rows));
    html.link(csv);
    html.heading("HTS learning curves", "Test accuracy per epoch, mean across seeds; dashed: +- sd.");
    for (var panel : grouped.entrySet()) {
      for (var cell : panel.getValue().entrySet()) {
        Map<String, Charts.Line> lines = new LinkedHashMap<>();
        for (var cond : cell.getValue().entrySet()) {
          List<RunData> rd = cond.getValue().stream().map(HtsStudy.Run::data).toList();
          lines.put(cond.getKey(), band(Aggregates.curve(rd, "epoch", "test_acc")));
        }
        pngs.add(plot(dst, html, "hts-curve", panel.getKey(), cell.getKey(), "test accuracy", "epoch", lines, false));
      }
    }
    html.heading("HTS relaxation probe", "Mean |s_t - s_(t-1)| of the probe batch's free relaxation from zero at the last"
        + " epoch (probe.csv), mean across seeds: a line that stays high oscillates, one that falls settles; values below "
        + PROBE_FLOOR + " (exactly settled) are drawn at " + PROBE_FLOOR + ".");
    for (var panel : grouped.entrySet()) {
      for (var cell : panel.getValue().entrySet()) {
        Map<String, Charts.Line> lines = new LinkedHashMap<>();
        for (var cond : cell.getValue().entrySet()) {
          Charts.Line l = probeLine(cond.getValue(), dirOf);
          if (l != null) lines.put(cond.getKey(), l);
        }
        if (!lines.isEmpty()) {
          pngs.add(plot(dst, html, "hts-probe", panel.getKey(), cell.getKey(), "mean |ds|", "relaxation step t", lines, true));
        }
      }
    }
    html.heading("HTS accuracy vs heterogeneity", "Final test accuracy (runs that did not fail; mean +- sd) against the "
        + "CV of dt, one line per mean dt, per lr scale.");
    for (var panel : grouped.entrySet()) pngs.addAll(cvPlots(rows, panel.getKey(), dst, html));
    return new Section(pngs, List.of(csv));
  }

  private static String mapTable(List<HtsStudy.Row> rows, String panel) {
    TreeSet<Double> dts = new TreeSet<>();
    List<HtsStudy.Row> mine = rows.stream().filter(r -> r.panel().equals(panel)).toList();
    mine.forEach(r -> dts.add(r.meanDt()));
    StringBuilder sb = new StringBuilder("<table><tr><th>condition</th><th>lr scale</th>");
    for (double d : dts) sb.append("<th>dt ").append(HtsStudy.fmt(d)).append("</th>");
    sb.append("</tr>\n");
    Map<String, Map<Double, HtsStudy.Row>> byLine = new LinkedHashMap<>();
    for (HtsStudy.Row r : mine) byLine.computeIfAbsent(r.condition() + "|" + HtsStudy.fmt(r.lrScale()),
        k -> new LinkedHashMap<>()).put(r.meanDt(), r);
    for (var line : byLine.entrySet()) {
      String[] key = line.getKey().split("\\|");
      sb.append("<tr><td>").append(Html.escape(key[0])).append("</td><td>").append(key[1]).append("</td>");
      for (double d : dts) {
        HtsStudy.Row r = line.getValue().get(d);
        if (r == null) {
          sb.append("<td></td>");
          continue;
        }
        double rate = r.failureRate().estimate();
        sb.append("<td style=\"background:").append(shade(rate)).append("\">").append(r.failures()).append('/')
            .append(r.n());
        if (Double.isFinite(r.fisherP())) {
          List<HtsStudy.Row> scalar = mine.stream().filter(s -> s.condition().equals("scalar") && s.meanDt() == d
              && s.lrScale() == r.lrScale()).toList();
          double diff = rate - scalar.get(0).failureRate().estimate();
          sb.append(String.format(Locale.ROOT, "<br><small>%+.0f pts, p=%.2g</small>", 100 * diff, r.fisherP()));
        }
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    return sb.append("</table>\n").toString();
  }

  // white (no failure) to red (all failed)
  private static String shade(double rate) {
    int g = (int) Math.round(255 * (1 - (Double.isFinite(rate) ? rate : 0) * 0.7));
    return String.format(Locale.ROOT, "rgb(255,%d,%d)", g, g);
  }

  private static String statsTable(List<HtsStudy.Row> rows) {
    StringBuilder sb = new StringBuilder("<table><tr><th>panel</th><th>mean dt</th><th>lr</th><th>condition</th>"
        + "<th>CV</th><th>failed</th><th>rate [Wilson 95%]</th><th>Fisher p</th><th>crash runs</th>"
        + "<th>final acc % [boot 95%]</th><th>vs scalar, pts [boot 95%]</th><th>seed sd %</th><th>perm. p (sd)</th>"
        + "<th>epoch sd %</th></tr>\n");
    for (HtsStudy.Row r : rows) {
      sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.2f</td><td>%d/%d</td>"
              + "<td>%.2f [%.2f, %.2f]</td><td>%s</td><td>%d</td><td>%.1f [%.1f, %.1f]</td><td>%s</td><td>%.2f</td>"
              + "<td>%s</td><td>%.2f</td></tr>\n", Html.escape(r.panel()), HtsStudy.fmt(r.meanDt()),
          HtsStudy.fmt(r.lrScale()), Html.escape(r.condition()), r.cv(), r.failures(), r.n(), r.failureRate().estimate(),
          r.failureRate().lo(), r.failureRate().hi(), p(r.fisherP()), r.crashes(), 100 * r.acc().estimate(),
          100 * r.acc().lo(), 100 * r.acc().hi(), Double.isFinite(r.accVsScalar().estimate())
              ? String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]", 100 * r.accVsScalar().estimate(),
              100 * r.accVsScalar().lo(), 100 * r.accVsScalar().hi()) : "", 100 * r.accSd(), p(r.sdPermutationP()),
          100 * r.e2eSd()));
    }
    return sb.append("</table>\n").toString();
  }

  private static String p(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "";
  }

  private static Path failurePlot(List<HtsStudy.Row> rows, String panel, Path dst, Html html) throws IOException {
    Map<String, List<HtsStudy.Row>> byLine = new LinkedHashMap<>();
    for (HtsStudy.Row r : rows) {
      if (r.panel().equals(panel)) {
        byLine.computeIfAbsent(r.condition() + " lr x" + HtsStudy.fmt(r.lrScale()), k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, Charts.Line> lines = new LinkedHashMap<>();
    for (var e : byLine.entrySet()) {
      List<HtsStudy.Row> l = e.getValue().stream().sorted(java.util.Comparator.comparingDouble(HtsStudy.Row::meanDt)).toList();
      lines.put(e.getKey(), new Charts.Line(l.stream().mapToDouble(HtsStudy.Row::meanDt).toArray(),
          l.stream().mapToDouble(r -> r.failureRate().estimate()).toArray(),
          l.stream().mapToDouble(r -> r.failureRate().lo()).toArray(),
          l.stream().mapToDouble(r -> r.failureRate().hi()).toArray()));
    }
    return plot(dst, html, "hts-failures", panel, "", "failure rate (Wilson 95%)", "mean dt", lines, false);
  }

  private static List<Path> cvPlots(List<HtsStudy.Row> rows, String panel, Path dst, Html html) throws IOException {
    Map<Double, Map<Double, List<HtsStudy.Row>>> byLr = new java.util.TreeMap<>();
    for (HtsStudy.Row r : rows) {
      if (!r.panel().equals(panel) || r.condition().startsWith("lr-like-dt")) continue;
      byLr.computeIfAbsent(r.lrScale(), k -> new java.util.TreeMap<>()).computeIfAbsent(r.meanDt(), k -> new ArrayList<>())
          .add(r);
    }
    List<Path> out = new ArrayList<>();
    for (var lr : byLr.entrySet()) {
      Map<String, Charts.Line> lines = new LinkedHashMap<>();
      for (var dt : lr.getValue().entrySet()) {
        List<HtsStudy.Row> l = dt.getValue().stream().sorted(java.util.Comparator.comparingDouble(HtsStudy.Row::cv)).toList();
        double[] x = l.stream().mapToDouble(HtsStudy.Row::cv).toArray();
        double[] y = l.stream().mapToDouble(r -> r.acc().estimate()).toArray();
        double[] sd = l.stream().mapToDouble(r -> Double.isFinite(r.accSd()) ? r.accSd() : 0).toArray();
        double[] lo = new double[y.length], hi = new double[y.length];
        for (int i = 0; i < y.length; i++) {
          lo[i] = y[i] - sd[i];
          hi[i] = y[i] + sd[i];
        }
        lines.put("mean dt " + HtsStudy.fmt(dt.getKey()), new Charts.Line(x, y, lo, hi));
      }
      out.add(plot(dst, html, "hts-cv", panel, "lr x" + HtsStudy.fmt(lr.getKey()), "final test accuracy", "CV of dt",
          lines, false));
    }
    return out;
  }

  /** The mean |ds| trace at each run's last probed epoch, averaged over the runs that have one; null if none. */
  static Charts.Line probeLine(List<HtsStudy.Run> runs, Map<RunData, Path> dirOf) throws IOException {
    List<double[]> traces = new ArrayList<>();
    for (HtsStudy.Run r : runs) {
      Path f = dirOf.get(r.data()).resolve(EpFailures.PROBE);
      if (!Files.isRegularFile(f)) continue;
      List<Map<String, String>> rows = MetricsCsv.read(f);
      double[] epoch = MetricsCsv.column(rows, "epoch"), ds = MetricsCsv.column(rows, "mean_abs_ds");
      double last = Arrays.stream(epoch).max().orElse(-1);
      traces.add(IntStream.range(0, ds.length).filter(i -> epoch[i] == last).mapToDouble(i -> ds[i]).toArray());
    }
    if (traces.isEmpty()) return null;
    int t = traces.stream().mapToInt(a -> a.length).min().orElse(0);
    double[] x = new double[t], y = new double[t];
    for (int i = 0; i < t; i++) {
      x[i] = i + 1;
      double[] at = new double[traces.size()];
      for (int k = 0; k < at.length; k++) at[k] = traces.get(k)[i];
      y[i] = Math.max(PROBE_FLOOR, Stats.mean(at)); // a settled state changes by exactly 0: log axis
    }
    return Charts.Line.of(x, y);
  }

  private static Charts.Line band(Aggregates.Curve c) {
    double[] lo = new double[c.x().length], hi = new double[c.x().length];
    for (int i = 0; i < lo.length; i++) {
      double sd = Double.isFinite(c.sd()[i]) ? c.sd()[i] : 0;
      lo[i] = c.mean()[i] - sd;
      hi[i] = c.mean()[i] + sd;
    }
    return new Charts.Line(c.x(), c.mean(), lo, hi);
  }

  private static Path plot(Path dst, Html html, String kind, String panel, String cell, String y, String x,
      Map<String, Charts.Line> lines, boolean logY) throws IOException {
    String where = panel + (cell.isEmpty() ? "" : " " + cell.replace("|", " lr x"));
    String title = y + ": " + (cell.isEmpty() || cell.startsWith("lr") ? where : panel + ", mean dt " + cell.replace("|", ", lr x"));
    Path png = dst.resolve(Report.fileName(kind, panel, cell.replace('|', '-')));
    Charts.lines(png, title, x, y, lines, logY);
    html.image(png);
    return png;
  }
}
