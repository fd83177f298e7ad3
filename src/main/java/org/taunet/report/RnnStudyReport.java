package org.taunet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taunet.analysis.Stats;
import org.taunet.rnn.RnnSummary;
import org.taunet.run.AtomicFiles;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.train.TrainLoop;

/**
 * The outputs of {@code taunet rnn study} (the runs themselves: {@code rnn.RnnStudy}) from its run folders: table.csv and table.md (per condition: runs, finished, final evaluation
 * accuracy mean +- sd, steps to criterion, relative change of W_rec and W_in, median effective timescale before
 * and after training, median intrinsic tau), learning-curves.png and loss-curves.png (evaluation accuracy / loss per
 * condition, mean with a +- sd band across seeds), timescales-CONDITION.png (histograms of intrinsic tau and of
 * effective timescales before and after training, pooled over seeds), effective-timescales.png (trained effective
 * timescales of all conditions) and intrinsic-vs-effective.png (scatter).
 */
public final class RnnStudyReport {
  /** The study table as markdown and as CSV, in the study folder. */
  public static final String TABLE_MD = "table.md";
  public static final String TABLE_CSV = "table.csv";

  private RnnStudyReport() {}

  /** Writes the tables and plots of a study from its run folders, grouped by condition (in table order). */
  public static void write(Path out, String task, Map<String, List<Path>> byCondition) throws IOException {
    StringBuilder csv = new StringBuilder("condition,runs,finished,final_acc_mean,final_acc_sd,reached_criterion,"
        + "steps_to_criterion_mean,steps_to_criterion_sd,w_rec_change_mean,w_rec_change_sd,w_in_change_mean,"
        + "w_in_change_sd,tau_eff_initial_median,tau_eff_initial_q25,tau_eff_initial_q75,tau_eff_median,tau_eff_q25,tau_eff_q75,"
        + "tau_intrinsic_median\n");
    StringBuilder md = new StringBuilder("| condition | runs (finished) | final accuracy % | reached 90% | steps to "
        + "criterion | ‖ΔW_rec‖/‖W_rec0‖ | ‖ΔW_in‖/‖W_in0‖ | eff. tau before: median (IQR) s | eff. tau after: median (IQR) s |"
        + " intrinsic tau median (s) |\n|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Charts.Line> acc = new LinkedHashMap<>();
    Map<String, Charts.Line> loss = new LinkedHashMap<>();
    Map<String, double[]> effAll = new LinkedHashMap<>();
    Map<String, double[][]> scatter = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : byCondition.entrySet()) {
      String c = e.getKey();
      List<RnnSummary> runs = new ArrayList<>();
      List<double[]> units = new ArrayList<>(); // rows of timescales.csv pooled: intrinsic0, effInit, eff
      for (Path p : e.getValue()) {
        runs.add(RnnSummary.read(RunDir.open(p)));
        if (Files.exists(p.resolve(RnnSummary.TIMESCALES))) {
          for (Map<String, String> r : MetricsCsv.read(p.resolve(RnnSummary.TIMESCALES))) {
            units.add(new double[] {num(r.get("tau_intrinsic_initial")), num(r.get("tau_effective_initial")),
                num(r.get("tau_effective")), num(r.get("tau_intrinsic"))});
          }
        }
      }
      long fin = runs.stream().filter(r -> r.status().equals("finished")).count();
      double[] accMs = Stats.meanSd(runs.stream().mapToDouble(RnnSummary::finalAcc).toArray());
      double[] reached = runs.stream().filter(r -> r.stepsToCriterion() >= 0).mapToDouble(RnnSummary::stepsToCriterion).toArray();
      double[] critMs = Stats.meanSd(reached);
      double[] wRec = Stats.meanSd(runs.stream().mapToDouble(RnnSummary::wRecChange).toArray());
      double[] wIn = Stats.meanSd(runs.stream().mapToDouble(RnnSummary::wInChange).toArray());
      double[] intr = units.stream().mapToDouble(u -> u[0]).toArray();
      double[] effInit = units.stream().mapToDouble(u -> u[1]).filter(Double::isFinite).toArray();
      double[] eff = units.stream().mapToDouble(u -> u[2]).filter(Double::isFinite).toArray();
      double[] qInit = Stats.quartiles(effInit), q = Stats.quartiles(eff);
      csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%d,%.1f,%.1f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n",
          c, runs.size(), fin, accMs[0], accMs[1], reached.length, critMs[0], critMs[1], wRec[0], wRec[1], wIn[0], wIn[1],
          qInit[1], qInit[0], qInit[2], q[1], q[0], q[2], Stats.quartiles(intr)[1]));
      md.append(String.format(Locale.ROOT, "| %s | %d (%d) | %s | %d/%d | %s | %s | %s | %.2f (%.2f-%.2f) | %.2f (%.2f-%.2f) | %.3f |%n",
          c, runs.size(), fin, pm("%.1f", 100 * accMs[0], 100 * accMs[1]), reached.length, runs.size(),
          pm("%.0f", critMs[0], critMs[1]), pm("%.3f", wRec[0], wRec[1]), pm("%.3f", wIn[0], wIn[1]), qInit[1], qInit[0],
          qInit[2], q[1], q[0], q[2], Stats.quartiles(intr)[1]));
      acc.put(c, curve(e.getValue(), "eval_acc"));
      loss.put(c, curve(e.getValue(), "eval_loss"));
      effAll.put(c, eff);
      scatter.put(c, new double[][] {units.stream().mapToDouble(u -> u[3]).toArray(), units.stream().mapToDouble(u -> u[2]).toArray()});
      Map<String, double[]> h = new LinkedHashMap<>();
      h.put("intrinsic tau", intr);
      h.put("effective, initial network", effInit);
      h.put("effective, trained network", eff);
      Charts.histograms(out.resolve("timescales-" + c.replaceAll("[^A-Za-z0-9.=_-]+", "_") + ".png"),
          task + ", " + c + ": intrinsic vs effective timescales (all seeds)", "timescale (s)", h, 40, true);
    }
    md.append("\nFinal accuracy: last evaluation on the fixed evaluation set; steps to criterion: mean over the runs that reached it;"
        + " effective timescales: median and interquartile range over all units of all seeds (1/e time of the AIC-selected exponential fit of each unit's rate"
        + " autocorrelation on task input).\n");
    AtomicFiles.writeString(out.resolve(TABLE_CSV), csv.toString());
    AtomicFiles.writeString(out.resolve(TABLE_MD), md.toString());
    Charts.lines(out.resolve("learning-curves.png"), task + ": evaluation accuracy (mean ± sd over seeds)", "step",
        "accuracy", acc, false);
    Charts.lines(out.resolve("loss-curves.png"), task + ": evaluation loss (mean ± sd over seeds)", "step", "loss", loss, true);
    Charts.histograms(out.resolve("effective-timescales.png"), task + ": effective timescales after training (all seeds)",
        "effective timescale (s)", effAll, 40, true);
    Charts.scatter(out.resolve("intrinsic-vs-effective.png"), task + ": intrinsic vs effective timescale per unit",
        "intrinsic tau (s)", "effective timescale (s)", scatter, true, true);
  }

  /**
   * Mean +- sd across runs of a metrics column, over the rows every run has, against the step (column {@code step},
   * or {@code iteration} in run folders written before the shared training core).
   */
  static Charts.Line curve(List<Path> runs, String column) throws IOException {
    List<List<Map<String, String>>> all = new ArrayList<>();
    for (Path p : runs) all.add(MetricsCsv.read(p.resolve(TrainLoop.METRICS)));
    int len = all.stream().mapToInt(List::size).min().orElse(0);
    int[] steps = len == 0 ? new int[0] : RnnSummary.steps(all.get(0));
    double[] x = new double[len], y = new double[len], lo = new double[len], hi = new double[len];
    for (int i = 0; i < len; i++) {
      final int k = i;
      x[i] = steps[i];
      double[] ms = Stats.meanSd(all.stream().mapToDouble(rows -> num(rows.get(k).get(column))).toArray());
      double sd = Double.isNaN(ms[1]) ? 0 : ms[1];
      y[i] = ms[0];
      lo[i] = ms[0] - sd;
      hi[i] = ms[0] + sd;
    }
    return new Charts.Line(x, y, lo, hi);
  }

  /** "mean ± sd", or just the mean when there is no sd (one run). */
  static String pm(String fmt, double mean, double sd) {
    String m = String.format(Locale.ROOT, fmt, mean);
    return Double.isNaN(sd) ? m : m + " ± " + String.format(Locale.ROOT, fmt, sd);
  }

  static double num(String s) {
    return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }



}
