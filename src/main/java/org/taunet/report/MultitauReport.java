package org.taunet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.taunet.analysis.Inference;
import org.taunet.run.AtomicFiles;
import org.taunet.run.MetricsCsv;

/**
 * The {@code multitau-rnn} section of {@code taunet report} (issue 13), per panel (task with its timing and
 * arguments): learning curves with sd bands, the statistics table ({@link MultitauStudy}: steps to 90 % and 95 % with
 * bootstrap intervals and Mann-Whitney tests against vanilla, weight change at criterion, also by tau tertile,
 * persistence, spectral radius; the number of comparisons), steps to criterion and weight change at criterion per seed,
 * accuracy by delay, intrinsic vs effective timescale histograms (task drive and spontaneous, before and after
 * training), example autocorrelations with their fits and the eigenvalues of the linearised update.
 */
final class MultitauReport {
  /** The study whose sweeps get this section. */
  static final String STUDY = "multitau-rnn";

  private MultitauReport() {}

  /** What the section wrote. */
  record Section(List<Path> pngs, List<Path> tables) {}

  /** Writes the section for the sweep points (their flags and folders) into {@code dst} and {@code html}. */
  static Section write(List<Map<String, String>> flags, List<Path> dirs, Path dst, Html html) throws IOException {
    List<MultitauStudy.Run> runs = MultitauStudy.runs(flags, dirs);
    List<Path> pngs = new ArrayList<>();
    if (runs.isEmpty()) return new Section(pngs, List.of());
    var grouped = MultitauStudy.grouped(runs);
    List<MultitauStudy.Row> rows = MultitauStudy.rows(grouped);
    Path csv = dst.resolve("multitau-stats.csv");
    AtomicFiles.writeString(csv, MultitauStudy.csv(rows));
    int m = MultitauStudy.comparisons(rows);
    html.heading("Multi-tau RNN statistics", "Per panel (task, timing, arguments) and condition (tau): means with "
        + "percentile bootstrap 95 % intervals (" + MultitauStudy.RESAMPLES + " resamples, seed " + MultitauStudy.SEED
        + "). Steps to 90 % / 95 %: a run that never reached the level counts as its number of iterations (censored). "
        + "p: two-sided Mann-Whitney U test against the panel's reference condition (vanilla), A = U / (n_a n_b) the "
        + "common-language effect size (0.5 = none). " + m + " comparisons (" + String.join(", ", MultitauStudy.TESTED)
        + " and runs reaching 90 % (Fisher's exact test) for each condition against the reference, and per condition the "
        + "Wilcoxon signed-rank test of the change in the spread of effective timescales, sd over units of ln τ_eff, "
        + "after minus before training, on task drive and on spontaneous activity); no correction for multiplicity: at a family-wise 5 % a p-value "
        + "needs to be below " + String.format(Locale.ROOT, "%.2g", 0.05 / Math.max(1, m)) + " (Bonferroni). ΔW: "
        + "||W_rec - W_rec(0)|| / ||W_rec(0)|| at criterion (90 %) and at the end; tertiles by initial tau, fastest first.");
    html.raw(table(rows));
    html.link(csv);
    for (var panel : grouped.entrySet()) {
      String p = panel.getKey();
      html.heading("Multi-tau: " + p, null);
      Map<String, Charts.Line> acc = new LinkedHashMap<>();
      Map<String, double[][]> steps = new LinkedHashMap<>(), dw = new LinkedHashMap<>();
      Map<String, Charts.Line> delay = new LinkedHashMap<>();
      Map<String, double[][]> spectra = new LinkedHashMap<>();
      int k = 0;
      for (var c : panel.getValue().entrySet()) {
        List<Path> cdirs = c.getValue().stream().map(MultitauStudy.Run::dir).toList();
        acc.put(c.getKey(), RnnStudyReport.curve(cdirs, "eval_acc"));
        steps.put(c.getKey(), strip(k, MultitauStudy.values(c.getValue(), "steps_to_90")));
        dw.put(c.getKey(), strip(k, MultitauStudy.values(c.getValue(), "w_rec_change_at_criterion")));
        delay.put(c.getKey(), byDelay(c.getValue()));
        spectra.put(c.getKey(), eigenvalues(cdirs, "J", "trained"));
        k++;
      }
      String slug = p.replaceAll("[^A-Za-z0-9.-]+", "_");
      pngs.add(lines(dst, html, "mt-curve-" + slug, p + ": evaluation accuracy (mean ± sd over seeds)", "step", "accuracy", acc));
      pngs.add(scatter(dst, html, "mt-steps-" + slug, p + ": steps to 90 % per seed (x: condition, in legend order)",
          "condition", "steps to 90 %", steps));
      pngs.add(scatter(dst, html, "mt-dw-" + slug, p + ": ΔW_rec at criterion per seed (x: condition)", "condition",
          "||W - W0|| / ||W0|| at 90 %", dw));
      if (delay.values().stream().anyMatch(l -> l.x().length > 0)) {
        pngs.add(lines(dst, html, "mt-delay-" + slug, p + ": final accuracy by delay (mean over seeds)", "delay (s)",
            "accuracy", delay));
      }
      pngs.add(scatter(dst, html, "mt-spectrum-" + slug, p + ": eigenvalues of the linearised update J, trained (all "
          + "seeds)", "Re λ", "Im λ", spectra));
      for (var c : panel.getValue().entrySet()) {
        pngs.add(timescales(dst, html, slug, p, c.getKey(), c.getValue()));
        Path acf = autocorrelation(dst, html, slug, c.getKey(), c.getValue());
        if (acf != null) pngs.add(acf);
      }
    }
    return new Section(pngs, List.of(csv));
  }

  private static String table(List<MultitauStudy.Row> rows) {
    StringBuilder sb = new StringBuilder("<table><tr><th>panel</th><th>condition</th><th>runs</th><th>reached 90 %</th>"
        + "<th>final acc</th><th>steps to 90 %</th><th>p (A)</th><th>steps to 95 %</th><th>p (A)</th>"
        + "<th>mean eval loss</th><th>p (A)</th><th>ΔW at criterion</th><th>p (A)</th><th>ΔW tertiles at criterion</th>"
        + "<th>ΔW end</th><th>p (A)</th><th>persistence (s)</th><th>|λ_J| max</th><th>reached 90 %: Fisher p</th>"
        + "<th>sd ln τ_eff, task: before → after</th><th>change, p</th>"
        + "<th>sd ln τ_eff, spontaneous: before → after</th><th>change, p</th></tr>\n");
    for (MultitauStudy.Row r : rows) {
      sb.append("<tr><td>").append(Html.escape(r.panel())).append("</td><td>").append(Html.escape(r.condition()))
          .append("</td><td>").append(r.runs()).append("</td><td>").append(r.reached90()).append('/').append(r.runs())
          .append("</td><td>").append(ci(r, "final_eval_acc", "%.3f")).append("</td><td>").append(ci(r, "steps_to_90", "%.0f"))
          .append("</td><td>").append(test(r, "steps_to_90")).append("</td><td>").append(ci(r, "steps_to_95", "%.0f"))
          .append("</td><td>").append(test(r, "steps_to_95")).append("</td><td>").append(ci(r, "eval_loss_mean", "%.3f"))
          .append("</td><td>").append(test(r, "eval_loss_mean"))
          .append("</td><td>").append(ci(r, "w_rec_change_at_criterion", "%.3f")).append("</td><td>")
          .append(test(r, "w_rec_change_at_criterion")).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f / %.3f / %.3f", r.tertilesAtCriterion()[0], r.tertilesAtCriterion()[1],
              r.tertilesAtCriterion()[2]))
          .append("</td><td>").append(ci(r, "w_rec_change", "%.3f")).append("</td><td>").append(test(r, "w_rec_change"))
          .append("</td><td>").append(ci(r, "persistence", "%.2f"))
          .append("</td><td>").append(ci(r, "j_radius", "%.4f")).append("</td><td>")
          .append(Double.isNaN(r.reachedP()) ? "ref." : String.format(Locale.ROOT, "%.2g", r.reachedP()));
      for (String m : MultitauStudy.PAIRED) {
        Inference.Interval c = r.changes().get(m);
        sb.append("</td><td>").append(String.format(Locale.ROOT, "%.2f → %.2f", r.means().get(m + "_initial").estimate(),
            r.means().get(m).estimate())).append("</td><td>").append(String.format(Locale.ROOT,
            "%+.2f [%+.2f, %+.2f], %.2g", c.estimate(), c.lo(), c.hi(), r.paired().get(m).p()));
      }
      sb.append("</td></tr>\n");
    }
    return sb.append("</table>\n").toString();
  }

  private static String ci(MultitauStudy.Row r, String m, String fmt) {
    Inference.Interval i = r.means().get(m);
    if (!Double.isFinite(i.estimate())) return "–";
    return String.format(Locale.ROOT, fmt + " [" + fmt + ", " + fmt + "]", i.estimate(), i.lo(), i.hi());
  }

  private static String test(MultitauStudy.Row r, String m) {
    Inference.RankSum t = r.tests().get(m);
    if (t == null) return "ref.";
    return String.format(Locale.ROOT, "%.2g (%.2f)", t.p(), r.effect().get(m));
  }

  /** {x = condition index + a small spread by seed, y = values}. */
  private static double[][] strip(int index, double[] v) {
    double[] x = new double[v.length];
    for (int i = 0; i < v.length; i++) x[i] = index + (v.length > 1 ? 0.3 * (i / (v.length - 1.0) - 0.5) : 0);
    return new double[][] {x, v};
  }

  /** Mean accuracy_by_delay over the runs, against the delay in seconds. */
  private static Charts.Line byDelay(List<MultitauStudy.Run> runs) {
    TreeMap<Double, double[]> sums = new TreeMap<>();
    for (MultitauStudy.Run r : runs) {
      r.summary().path("accuracy_by_delay").fields().forEachRemaining(e -> {
        double[] s = sums.computeIfAbsent(Double.parseDouble(e.getKey()) / 1000, d -> new double[2]);
        s[0] += MultitauStudy.number(e.getValue());
        s[1]++;
      });
    }
    double[] x = new double[sums.size()], y = new double[sums.size()];
    int i = 0;
    for (var e : sums.entrySet()) {
      x[i] = e.getKey();
      y[i++] = e.getValue()[0] / e.getValue()[1];
    }
    return Charts.Line.of(x, y);
  }

  /** {re, im} of the eigenvalues of {@code matrix} of {@code network} in spectrum.csv, pooled over the runs. */
  static double[][] eigenvalues(List<Path> dirs, String matrix, String network) throws IOException {
    List<double[]> pts = new ArrayList<>();
    for (Path d : dirs) {
      Path f = d.resolve("spectrum.csv");
      if (!Files.exists(f)) continue;
      for (Map<String, String> row : MetricsCsv.read(f)) {
        if (row.get("matrix").equals(matrix) && row.get("network").equals(network)) {
          pts.add(new double[] {Double.parseDouble(row.get("re")), Double.parseDouble(row.get("im"))});
        }
      }
    }
    return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
  }

  private static Path timescales(Path dst, Html html, String slug, String panel, String condition,
                                 List<MultitauStudy.Run> runs) throws IOException {
    String[] cols = {"tau_intrinsic_initial", "tau_effective_initial", "tau_effective", "tau_spontaneous_initial",
        "tau_spontaneous"};
    String[] names = {"intrinsic tau", "effective, task, before", "effective, task, after", "effective, spontaneous, "
        + "before", "effective, spontaneous, after"};
    Map<String, List<Double>> pooled = new LinkedHashMap<>();
    for (String n : names) pooled.put(n, new ArrayList<>());
    for (MultitauStudy.Run r : runs) {
      Path f = r.dir().resolve("timescales.csv");
      if (!Files.exists(f)) continue;
      for (Map<String, String> row : MetricsCsv.read(f)) {
        for (int i = 0; i < cols.length; i++) {
          double v = RnnStudyReport.num(row.get(cols[i]));
          if (Double.isFinite(v)) pooled.get(names[i]).add(v);
        }
      }
    }
    Map<String, double[]> h = new LinkedHashMap<>();
    pooled.forEach((k, v) -> h.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    Path png = dst.resolve(("mt-timescales-" + slug + "-" + condition).replaceAll("[^A-Za-z0-9.-]+", "_") + ".png");
    Charts.histograms(png, panel + ", " + condition + ": intrinsic vs effective timescales (all seeds)", "timescale (s)",
        h, 40, true);
    html.image(png);
    return png;
  }

  /**
   * Example autocorrelations under task drive with their fits, before and after training: the fastest and the
   * slowest example unit (by initial tau) of the condition's first run with an autocorrelation.csv; the fit (dashed)
   * over the lags it was made to. Null if no run has the file.
   */
  private static Path autocorrelation(Path dst, Html html, String slug, String condition,
                                      List<MultitauStudy.Run> runs) throws IOException {
    MultitauStudy.Run run = runs.stream().filter(r -> Files.exists(r.dir().resolve("autocorrelation.csv"))).findFirst()
        .orElse(null);
    if (run == null) return null;
    List<Map<String, String>> rows = MetricsCsv.read(run.dir().resolve("autocorrelation.csv")).stream()
        .filter(r -> r.get("drive").equals("task")).toList();
    List<String> units = rows.stream().map(r -> r.get("unit")).distinct().toList();
    if (units.isEmpty()) return null;
    Map<String, Charts.Line> data = new LinkedHashMap<>(), fits = new LinkedHashMap<>();
    for (String unit : List.of(units.get(0), units.get(units.size() - 1)).stream().distinct().toList()) {
      for (String network : new String[] {"initial", "trained"}) {
        List<Map<String, String>> curve = rows.stream()
            .filter(r -> r.get("unit").equals(unit) && r.get("network").equals(network)).toList();
        if (curve.isEmpty()) continue;
        Map<String, String> first = curve.get(0);
        String key = String.format(Locale.ROOT, "unit %s (τ %.2f s), %s: τ_eff %.2f s", unit,
            RnnStudyReport.num(first.get("tau_intrinsic")), network.equals("initial") ? "before" : "after",
            RnnStudyReport.num(first.get("tau_effective")));
        data.put(key, column(curve, "rho"));
        fits.put(key, column(curve.stream().filter(r -> r.get("in_window").equals("1")).toList(), "fit"));
      }
    }
    Path png = dst.resolve(("mt-acf-" + slug + "-" + condition).replaceAll("[^A-Za-z0-9.-]+", "_") + ".png");
    Charts.linesWithFits(png, condition + ", first run: autocorrelation on task drive, fits dashed", "lag (s)",
        "autocorrelation", data, fits);
    html.image(png);
    return png;
  }

  private static Charts.Line column(List<Map<String, String>> rows, String y) {
    return Charts.Line.of(rows.stream().mapToDouble(r -> RnnStudyReport.num(r.get("lag_s"))).toArray(),
        rows.stream().mapToDouble(r -> RnnStudyReport.num(r.get(y))).toArray());
  }

  private static Path lines(Path dst, Html html, String name, String title, String x, String y,
                            Map<String, Charts.Line> lines) throws IOException {
    Path png = dst.resolve(name + ".png");
    Charts.lines(png, title, x, y, lines, false);
    html.image(png);
    return png;
  }

  private static Path scatter(Path dst, Html html, String name, String title, String x, String y,
                              Map<String, double[][]> pts) throws IOException {
    Path png = dst.resolve(name + ".png");
    Charts.scatter(png, title, x, y, pts, false, false);
    html.image(png);
    return png;
  }
}
