package org.taunet.report.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.taunet.analysis.Stats;
import org.taunet.analysis.Trend;
import org.taunet.report.Charts;
import org.taunet.report.RunData;
import org.taunet.run.AtomicFiles;
import org.taunet.sweep.SweepSpec;

/**
 * The single-axis part of a report on an {@code elm-scaling} sweep with the {@code elm-axes} allocation: for each of
 * N, k_e and k_c, the runs with the other two at the centre; loss (selected on validation, {@link ScalingReport#selected})
 * and error against the axis value, Spearman's rho of loss against the value with its permutation p, and how many
 * consecutive steps lower the mean loss. Writes {@code axes-loss.png}, {@code axes-error.png} and {@code scaling-axes.csv}.
 */
public final class AxisReport {
  private AxisReport() {}

  /** The allocation function whose sweeps get this section. */
  public static final String FUNCTION = "elm-axes";
  static final List<String> AXES = List.of("units", "ke", "kc");
  static final Map<String, String> NAMES = Map.of("units", "N", "ke", "k_e", "kc", "k_c");
  static final int PERMUTATIONS = 20000;
  static final long SEED = 20261202L;

  /** What was written: a paragraph per axis, the table, the figures and the CSV. */
  public record Section(String note, String tableHtml, List<Path> pngs, List<Path> tables) {}

  /** One axis: per value (ascending) the runs' losses and errors, and the trend test over all runs. */
  record Axis(String name, TreeMap<Integer, double[][]> byValue, Trend.Spearman trend, int steps, int stepsDown) {}

  /** Writes the section for {@code runs} of a sweep whose allocation is {@code elm-axes}, into {@code dst}. */
  public static Section write(List<RunData> runs, SweepSpec spec, Path dst) throws IOException {
    List<String> centre = spec.allocation().args().get("center");
    String lossCol = ScalingReport.firstColumn(runs, ScalingReport.LOSS);
    String accCol = ScalingReport.firstColumn(runs, ScalingReport.ACC);
    List<Axis> axes = new ArrayList<>();
    for (int a = 0; a < 3; a++) axes.add(axis(runs, a, centre, lossCol, accCol));
    Files.createDirectories(dst);
    Path csv = dst.resolve("scaling-axes.csv");
    AtomicFiles.writeString(csv, csv(axes));
    Path lossPng = dst.resolve("axes-loss.png"), errorPng = dst.resolve("axes-error.png");
    chart(lossPng, axes, 0, lossCol == null ? "loss" : lossCol);
    chart(errorPng, axes, 1, "error (1 - accuracy)");
    StringBuilder note = new StringBuilder("Each axis through the centre (N, k_e, k_c) = (" + String.join(", ", centre)
        + "), the other two held there. Loss: " + ScalingReport.describeLoss(lossCol) + ". ");
    for (Axis x : axes) {
      note.append(String.format(Locale.ROOT, "%s: Spearman rho of loss against the value %.3f (two-sided "
          + "permutation p = %.2g, %d runs); %d of %d steps lower the mean loss. ", NAMES.get(x.name()), x.trend().rho(),
          x.trend().p(), x.trend().n(), x.stepsDown(), x.steps()));
    }
    return new Section(note.toString().trim(), html(axes), List.of(lossPng, errorPng), List.of(csv));
  }

  static Axis axis(List<RunData> runs, int a, List<String> centre, String lossCol, String accCol) {
    Map<Integer, List<double[]>> groups = new TreeMap<>();
    for (RunData r : runs) {
      if (!ScalingReport.ended(r)) continue;
      boolean onAxis = true;
      for (int b = 0; b < 3; b++) if (b != a && !centre.get(b).equals(r.params().get(AXES.get(b)))) onAxis = false;
      String v = r.params().get(AXES.get(a));
      if (!onAxis || v == null) continue;
      groups.computeIfAbsent(Integer.parseInt(v), k -> new ArrayList<>()).add(new double[] {
          ScalingReport.selected(r, lossCol, lossCol), 1 - ScalingReport.selected(r, lossCol, accCol)});
    }
    TreeMap<Integer, double[][]> byValue = new TreeMap<>();
    List<Double> x = new ArrayList<>(), y = new ArrayList<>();
    groups.forEach((v, g) -> {
      byValue.put(v, new double[][] {g.stream().mapToDouble(d -> d[0]).toArray(), g.stream().mapToDouble(d -> d[1]).toArray()});
      for (double[] d : g) {
        x.add((double) v);
        y.add(d[0]);
      }
    });
    Trend.Spearman t = Trend.spearman(x.stream().mapToDouble(d -> d).toArray(), y.stream().mapToDouble(d -> d).toArray(),
        PERMUTATIONS, SEED);
    int down = 0;
    double prev = Double.NaN;
    for (double[][] g : byValue.values()) {
      double m = Stats.mean(g[0]);
      if (m < prev) down++;
      prev = m;
    }
    return new Axis(AXES.get(a), byValue, t, Math.max(0, byValue.size() - 1), down);
  }

  static String csv(List<Axis> axes) {
    StringBuilder sb = new StringBuilder("axis,value,runs,loss_mean,loss_sd,error_mean,error_sd,spearman_rho,spearman_p\n");
    for (Axis x : axes) {
      x.byValue().forEach((v, g) -> {
        double[] l = Stats.meanSd(g[0]), e = Stats.meanSd(g[1]);
        sb.append(x.name()).append(',').append(v).append(',').append(Stats.finite(g[0]).length).append(',')
            .append(ScalingTables.fmt(l[0])).append(',').append(ScalingTables.fmt(l[1])).append(',')
            .append(ScalingTables.fmt(e[0])).append(',').append(ScalingTables.fmt(e[1])).append(',')
            .append(ScalingTables.fmt(x.trend().rho())).append(',').append(ScalingTables.fmt(x.trend().p())).append('\n');
      });
    }
    return sb.toString();
  }

  static String html(List<Axis> axes) {
    StringBuilder sb = new StringBuilder("<table><tr><th>axis</th><th>value</th><th>runs</th><th>loss (mean +- sd)</th>"
        + "<th>error (mean)</th></tr>\n");
    for (Axis x : axes) {
      x.byValue().forEach((v, g) -> {
        double[] l = Stats.meanSd(g[0]);
        sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.3f +- %.3f</td><td>%.3f</td></tr>%n",
            NAMES.get(x.name()), v, Stats.finite(g[0]).length, l[0], l[1], Stats.mean(g[1])));
      });
    }
    return sb.append("</table>\n").toString();
  }

  /** Mean over runs against the axis value (log scale), a band of +- one sd; {@code which} 0 = loss, 1 = error. */
  static void chart(Path png, List<Axis> axes, int which, String yLabel) throws IOException {
    Map<String, Charts.Line> lines = new LinkedHashMap<>();
    for (Axis x : axes) {
      int n = x.byValue().size();
      double[] v = new double[n], m = new double[n], lo = new double[n], hi = new double[n];
      int i = 0;
      for (var e : x.byValue().entrySet()) {
        double[] ms = Stats.meanSd(e.getValue()[which]);
        v[i] = e.getKey();
        m[i] = ms[0];
        double sd = Double.isFinite(ms[1]) ? ms[1] : 0;
        lo[i] = ms[0] - sd;
        hi[i++] = ms[0] + sd;
      }
      if (n > 0) lines.put(NAMES.get(x.name()), new Charts.Line(v, m, lo, hi));
    }
    Charts.linesLogX(png, "Single axes through the centre: " + yLabel + " (mean +- sd over seeds)",
        "axis value (N, k_e or k_c)", yLabel, lines);
  }
}
