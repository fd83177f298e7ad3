package org.taunet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.taunet.analysis.Stats;
import org.taunet.sweep.PointState;

/**
 * Statistics across runs for reports, driven by the metrics.csv column names so that any command's runs work:
 * the x column (epoch, step, ...), the curve columns (names with acc, loss, bpc or error), the accuracy column,
 * spread across seeds and the stability measures of the HTS-EP study.
 */
final class Aggregates {
  private Aggregates() {}

  /** Most curves per report: more would bury the accuracy and loss plots among diagnostics. */
  static final int MAX_CURVES = 6;
  private static final List<String> X_NAMES = List.of("epoch", "step", "iteration", "iter", "trial", "batch");
  private static final List<String> CURVE_WORDS = List.of("acc", "loss", "bpc", "error");

  /** The abscissa of learning curves: the first of epoch/step/iteration/... present, else the first column. */
  static String xColumn(List<RunData> runs) {
    Set<String> cols = columns(runs);
    for (String x : X_NAMES) if (cols.contains(x)) return x;
    return cols.isEmpty() ? null : cols.iterator().next();
  }

  /** Numeric columns to plot: those naming accuracy/loss/bpc/error (else any numeric), at most MAX_CURVES. */
  static List<String> curveColumns(List<RunData> runs, String x) {
    List<String> numeric = new ArrayList<>();
    for (String c : columns(runs)) {
      if (c.equals(x)) continue;
      boolean finite = runs.stream().anyMatch(r -> java.util.Arrays.stream(r.column(c)).anyMatch(Double::isFinite));
      if (finite) numeric.add(c);
    }
    List<String> named = numeric.stream().filter(c -> CURVE_WORDS.stream()
        .anyMatch(w -> c.toLowerCase(Locale.ROOT).contains(w))).toList();
    List<String> pick = named.isEmpty() ? numeric : named;
    return pick.subList(0, Math.min(MAX_CURVES, pick.size()));
  }

  /**
   * The accuracy column, held-out first: test_acc, else a test accuracy, else an eval (RNN: fresh trials) or valid
   * accuracy, else accuracy, else any acc; null if none.
   */
  static String accuracyColumn(List<String> cols) {
    if (cols.contains("test_acc")) return "test_acc";
    for (String held : new String[] {"test", "eval", "valid"}) {
      for (String c : cols) if (c.contains(held) && c.contains("acc")) return c;
    }
    if (cols.contains("accuracy")) return "accuracy";
    for (String c : cols) if (c.contains("acc")) return c;
    return null;
  }

  /** The column a table summarises: the accuracy column, else the first curve column. */
  static String primaryMetric(List<String> curveCols) {
    String acc = accuracyColumn(curveCols);
    return acc != null ? acc : curveCols.isEmpty() ? null : curveCols.get(0);
  }

  /** Union of metrics columns over runs, first-seen order. */
  static Set<String> columns(List<RunData> runs) {
    Set<String> cols = new LinkedHashSet<>();
    for (RunData r : runs) if (!r.metrics().isEmpty()) cols.addAll(r.metrics().get(0).keySet());
    return cols;
  }

  /** Runs grouped by condition, first-seen order. */
  static Map<String, List<RunData>> byCondition(List<RunData> runs) {
    Map<String, List<RunData>> g = new LinkedHashMap<>();
    for (RunData r : runs) g.computeIfAbsent(r.condition(), k -> new ArrayList<>()).add(r);
    return g;
  }

  /** A learning curve across runs: at each x, mean and sample sd of the runs with a finite value there. */
  record Curve(double[] x, double[] mean, double[] sd, int[] n) {
    /** Whether any x has two or more runs (a band is then meaningful). */
    boolean hasSpread() {
      for (int k : n) if (k > 1) return true;
      return false;
    }
  }

  static Curve curve(List<RunData> runs, String x, String y) {
    TreeSet<Double> xs = new TreeSet<>();
    for (RunData r : runs) for (double v : r.column(x)) if (Double.isFinite(v)) xs.add(v);
    int m = xs.size();
    double[] xv = xs.stream().mapToDouble(d -> d).toArray();
    double[] mean = new double[m];
    double[] sd = new double[m];
    int[] n = new int[m];
    for (int i = 0; i < m; i++) {
      List<Double> vals = new ArrayList<>();
      for (RunData r : runs) {
        double[] rx = r.column(x);
        double[] ry = r.column(y);
        for (int j = 0; j < rx.length; j++) if (rx[j] == xv[i] && Double.isFinite(ry[j])) vals.add(ry[j]);
      }
      double[] ms = Stats.meanSd(vals.stream().mapToDouble(d -> d).toArray());
      mean[i] = ms[0];
      sd[i] = ms[1];
      n[i] = vals.size();
    }
    return new Curve(xv, mean, sd, n);
  }

  /**
   * The stability row of one condition.
   *
   * @param metric the summarised metrics column
   * @param finalMean mean of each run's last finite value of {@code metric} (runs without one are left out)
   * @param finalSd their sample sd
   * @param finalN how many runs had one
   * @param epochVariance mean over runs of {@link #epochToEpochVariance}
   */
  record ConditionStats(String condition, int runs, int finished, int diverged, int failed, int collapsed,
                        int unfinished, String metric, double finalMean, double finalSd, int finalN,
                        double epochVariance) {
    /** Fraction of runs that diverged or collapsed. */
    double unstableFraction() {
      return runs == 0 ? Double.NaN : (double) (diverged + collapsed) / runs;
    }
  }

  static ConditionStats stats(String condition, List<RunData> runs, String metric) {
    int fin = 0, div = 0, fail = 0, col = 0, open = 0;
    List<Double> finals = new ArrayList<>();
    List<Double> variances = new ArrayList<>();
    for (RunData r : runs) {
      PointState.State s = r.state().state();
      if (s == PointState.State.FINISHED) fin++;
      else if (s == PointState.State.DIVERGED) div++;
      else if (s == PointState.State.FAILED) fail++;
      else open++;
      if (r.collapsed()) col++;
      if (metric == null) continue;
      double[] v = r.column(metric);
      for (int i = v.length - 1; i >= 0; i--) {
        if (Double.isFinite(v[i])) {
          finals.add(v[i]);
          break;
        }
      }
      double ev = epochToEpochVariance(v);
      if (Double.isFinite(ev)) variances.add(ev);
    }
    double[] ms = Stats.meanSd(finals.stream().mapToDouble(d -> d).toArray());
    double evMean = Stats.meanSd(variances.stream().mapToDouble(d -> d).toArray())[0];
    return new ConditionStats(condition, runs.size(), fin, div, fail, col, open, metric, ms[0], ms[1], finals.size(),
        evMean);
  }

  /**
   * Variance of the successive changes a[e] - a[e-1] over the second half of a run (e >= E/2), the
   * epoch-to-epoch fluctuation of the HTS-EP stability claims; NaN with fewer than 2 finite changes.
   */
  static double epochToEpochVariance(double[] a) {
    List<Double> d = new ArrayList<>();
    for (int e = Math.max(1, a.length / 2); e < a.length; e++) {
      double c = a[e] - a[e - 1];
      if (Double.isFinite(c)) d.add(c);
    }
    if (d.size() < 2) return Double.NaN;
    double s = Stats.meanSd(d.stream().mapToDouble(x -> x).toArray())[1];
    return s * s;
  }

}
