package org.taunet.ep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;

/**
 * Failure metrics of the HTS stability study, per epoch (metrics.csv columns) and per run (summary.json fields), and the
 * relaxation probe's file probe.csv. The definitions (issue 12):
 * <ul>
 *   <li>diverged: a weight or bias is NaN/Inf (per epoch: 1 in the row of the epoch where it happened; per run: the
 *       loop's status "diverged");
 *   <li>collapsed: training accuracy below {@code 2 x chance} (the loop's collapse factor);
 *   <li>crash: test accuracy drops by more than {@link #CRASH_DROP} (5 points) from the previous epoch;
 *   <li>epoch-to-epoch sd: sd of acc[e] - acc[e-1] over the second half of the epochs ({@link EpRunSummary});
 *   <li>weight-norm growth: ||W_l||_F / ||W_l(init)||_F per layer.
 * </ul>
 */
public final class EpFailures {
  /** A drop in test accuracy between consecutive epochs larger than this (a fraction: 5 points) is a crash. */
  public static final double CRASH_DROP = 0.05;
  /** The probe's file in the run folder. */
  public static final String PROBE = "probe.csv";

  private EpFailures() {}

  /** 1 if test accuracy fell by more than {@link #CRASH_DROP} since {@code previous} (NaN: no previous epoch), else 0. */
  public static int crash(double previous, double now) {
    return !Double.isNaN(previous) && (Double.isNaN(now) || previous - now > CRASH_DROP) ? 1 : 0;
  }

  /**
   * The run's failure fields from its metrics rows: crash_events, collapsed_epochs, epoch_to_epoch_sd (second half),
   * max_nonconv_free, max_nonconv_nudged, and w&lt;l&gt;_growth (last row) and max_w_growth (largest over layers and
   * epochs) where the rows have growth columns.
   */
  public static Map<String, Object> summary(List<Map<String, String>> rows, double chance) {
    double[] test = MetricsCsv.column(rows, "test_acc"), train = MetricsCsv.column(rows, "train_acc");
    int crashes = 0, collapsed = 0;
    for (int e = 1; e < test.length; e++) crashes += crash(test[e - 1], test[e]);
    for (double a : train) if (!(a >= 2 * chance)) collapsed++;
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("crash_events", crashes);
    s.put("collapsed_epochs", collapsed);
    s.put("epoch_to_epoch_sd", EpRunSummary.secondHalfDiffSd(test));
    s.put("max_nonconv_free", max(MetricsCsv.column(rows, "nonconv_free")));
    s.put("max_nonconv_nudged", max(MetricsCsv.column(rows, "nonconv_nudged")));
    double maxGrowth = Double.NaN;
    for (int l = 1; !rows.isEmpty() && rows.get(rows.size() - 1).containsKey("w" + l + "_growth"); l++) {
      double[] g = MetricsCsv.column(rows, "w" + l + "_growth");
      s.put("w" + l + "_growth", g[g.length - 1]);
      double m = max(g);
      if (Double.isNaN(maxGrowth) || m > maxGrowth) maxGrowth = m;
    }
    s.put("max_w_growth", maxGrowth);
    return s;
  }

  /** Largest value (NaN propagates: a non-finite fraction is reported); NaN for none. */
  static double max(double[] v) {
    double m = Double.NaN;
    for (double x : v) m = Double.isNaN(m) || Double.isNaN(x) || x > m ? x : m;
    return m;
  }

  /**
   * Replaces probe.csv's rows of {@code epoch} and later (left by an interrupted run) by {@code trace}'s rows for
   * {@code epoch} (t = 1..T), written atomically, so a resumed run ends with the file of an uninterrupted one.
   */
  static void writeProbe(RunDir run, int epoch, double[][] trace) throws IOException {
    MetricsCsv csv = new MetricsCsv(run.file(PROBE));
    csv.truncateAfter("epoch", epoch - 1);
    List<Map<String, Object>> rows = new ArrayList<>(trace.length);
    for (int t = 0; t < trace.length; t++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("epoch", epoch);
      r.put("t", t + 1);
      r.put("energy", trace[t][0]);
      r.put("mean_abs_ds", trace[t][1]);
      rows.add(r);
    }
    csv.appendAll(rows);
  }

  /** The rows of a run's probe.csv for {@code epoch}: {t, energy, mean_abs_ds}; empty if none. */
  public static List<double[]> readProbe(RunDir run, int epoch) throws IOException {
    List<double[]> out = new ArrayList<>();
    if (!run.exists(PROBE)) return out;
    for (Map<String, String> r : MetricsCsv.read(run.file(PROBE))) {
      if (Integer.parseInt(r.get("epoch")) == epoch) {
        out.add(new double[] {Double.parseDouble(r.get("t")), Double.parseDouble(r.get("energy")),
            Double.parseDouble(r.get("mean_abs_ds"))});
      }
    }
    return out;
  }
}
