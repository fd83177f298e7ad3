package org.taunet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.taunet.analysis.Inference;
import org.taunet.analysis.Stats;
import org.taunet.tau.ConstantTau;
import org.taunet.tau.TauDistribution;
import org.taunet.tau.TauSpec;

/**
 * The runs of an {@code hts-ep-stability} sweep sorted into the study's design, and its statistics. A run is placed by
 * its flags: a panel (dataset, preset and every other varying flag, e.g. the mechanism arm's symmetric/beta/t-nudged
 * or T1), a cell (mean dt of its --tau to 4 significant digits, --lr-scale) and a condition (the --tau family: scalar, normal, gamma,
 * lognormal, uniform, bimodal; "lr-like-dt FAMILY" for the control with --lr-like-dt). A run failed if it diverged
 * (NaN/Inf) or collapsed (final training accuracy below 2 x chance); crash runs had a test-accuracy drop of more than 5
 * points between two epochs.
 */
final class HtsStudy {
  /** Bootstrap resamples and permutations of every interval and test. */
  static final int RESAMPLES = 4000;
  /** Seed of every resampling (a fixed seed: the report of one sweep folder is reproducible). */
  static final long SEED = 12;
  /** Flags that define cell and condition, and the replicate axis; every other varying flag defines a panel. */
  static final Set<String> DESIGN = Set.of("tau", "lr-scale", "lr-like-dt", "seed", "dataset", "preset");

  /** One run placed in the design. */
  record Run(RunData data, String panel, String condition, double meanDt, double cv, double lrScale) {
    boolean failed() {
      return data.state().state() == org.taunet.sweep.PointState.State.DIVERGED || data.collapsed()
          || "true".equals(data.summary().get("diverged"));
    }

    boolean crashed() {
      return data.summaryNumber("crash_events") > 0;
    }

    double finalAcc() {
      return failed() ? Double.NaN : data.summaryNumber("test_acc");
    }
  }

  /** The statistics of one condition in one cell, against the scalar runs of that cell where there are some. */
  record Row(String panel, double meanDt, double lrScale, String condition, double cv, int n, int failures,
             Inference.Interval failureRate, double fisherP, int crashes, Inference.Interval acc,
             Inference.Interval accVsScalar, double accSd, double sdPermutationP, double e2eSd) {}

  private HtsStudy() {}

  /**
   * Places every finished or diverged run ({@code flags}: each run's full flags, base and grid); unfinished runs, runs
   * that failed with an exception and runs without a parseable --tau are left out.
   */
  static List<Run> place(List<RunData> runs, List<Map<String, String>> flags, Set<String> varying) {
    List<Run> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      var state = runs.get(i).state().state();
      if (state != org.taunet.sweep.PointState.State.FINISHED && state != org.taunet.sweep.PointState.State.DIVERGED) {
        continue; // unfinished, or failed by an exception: neither outcome of training
      }
      Map<String, String> f = flags.get(i);
      TauDistribution tau;
      try {
        tau = TauSpec.of(f.getOrDefault("tau", "0.5"));
      } catch (IllegalArgumentException e) {
        continue;
      }
      String like = f.getOrDefault("lr-like-dt", "").strip();
      String condition = family(tau);
      TauDistribution shape = tau;
      if (!like.isEmpty() && !like.equalsIgnoreCase("none")) {
        shape = TauSpec.of(like);
        condition = "lr-like-dt " + family(shape);
      }
      double mean = Double.parseDouble(fmt(tau.mean())); // 4 digits: a truncated normal's 1.000001 is the cell dt 1
      double cv = Math.sqrt(Math.max(0, shape.variance())) / shape.mean();
      StringBuilder panel = new StringBuilder(f.getOrDefault("dataset", "mnist") + " " + f.getOrDefault("preset", "net1"));
      for (String k : varying) {
        if (!DESIGN.contains(k)) panel.append(' ').append(k).append('=').append(f.getOrDefault(k, ""));
      }
      out.add(new Run(runs.get(i), panel.toString(), condition, mean, cv, Double.parseDouble(f.getOrDefault("lr-scale", "1"))));
    }
    return out;
  }

  /** The condition name of a --tau: "scalar" for a constant, else the spec's family name. */
  static String family(TauDistribution d) {
    if (d instanceof org.taunet.tau.NamedTau n) d = n.distribution();
    if (d instanceof ConstantTau) return "scalar";
    String s = d.spec();
    int colon = s.indexOf(':');
    return (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /** Runs grouped by panel, then cell "meanDt|lrScale", then condition, in first-seen order. */
  static Map<String, Map<String, Map<String, List<Run>>>> grouped(List<Run> runs) {
    Map<String, Map<String, Map<String, List<Run>>>> out = new LinkedHashMap<>();
    for (Run r : runs) {
      out.computeIfAbsent(r.panel(), k -> new LinkedHashMap<>())
          .computeIfAbsent(cell(r.meanDt(), r.lrScale()), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.condition(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  static String cell(double meanDt, double lrScale) {
    return fmt(meanDt) + "|" + fmt(lrScale);
  }

  /** A short form of a design value: 0.5, 1, 2.5, 0.333. */
  static String fmt(double v) {
    if (!Double.isFinite(v)) return String.valueOf(v);
    return java.math.BigDecimal.valueOf(Double.parseDouble(String.format(Locale.ROOT, "%.4g", v))).stripTrailingZeros()
        .toPlainString();
  }

  /** One row per (panel, cell, condition), each compared with the cell's scalar runs. */
  static List<Row> rows(List<Run> runs) {
    List<Row> out = new ArrayList<>();
    for (var panel : grouped(runs).entrySet()) {
      for (var cell : panel.getValue().entrySet()) {
        List<Run> scalar = cell.getValue().getOrDefault("scalar", List.of());
        for (var cond : cell.getValue().entrySet()) out.add(row(panel.getKey(), cond.getKey(), cond.getValue(), scalar));
      }
    }
    return out;
  }

  private static Row row(String panel, String condition, List<Run> runs, List<Run> scalar) {
    Run first = runs.get(0);
    int n = runs.size(), k = (int) runs.stream().filter(Run::failed).count();
    int crashes = (int) runs.stream().filter(Run::crashed).count();
    double[] acc = runs.stream().mapToDouble(Run::finalAcc).toArray();
    double[] e2e = runs.stream().mapToDouble(r -> r.data().summaryNumber("epoch_to_epoch_sd")).toArray();
    boolean compare = !condition.equals("scalar") && !scalar.isEmpty();
    double fisher = Double.NaN, permutation = Double.NaN;
    Inference.Interval diff = new Inference.Interval(Double.NaN, Double.NaN, Double.NaN);
    if (compare) {
      int ks = (int) scalar.stream().filter(Run::failed).count();
      fisher = Inference.fisherExact(k, n - k, ks, scalar.size() - ks);
      double[] sAcc = scalar.stream().mapToDouble(Run::finalAcc).toArray();
      diff = Inference.bootstrapMeanDifference(acc, sAcc, 0.05, RESAMPLES, SEED);
      permutation = Inference.permutationSdTest(acc, sAcc, RESAMPLES, SEED);
    }
    return new Row(panel, first.meanDt(), first.lrScale(), condition, first.cv(), n, k,
        Inference.wilson(k, n, Inference.Z95), fisher, crashes, Inference.bootstrapMean(acc, 0.05, RESAMPLES, SEED),
        diff, Stats.meanSd(acc)[1], permutation, Stats.mean(e2e));
  }

  /** How many tests the rows report (Fisher, bootstrap difference, permutation: each finite value counts). */
  static int comparisons(List<Row> rows) {
    int m = 0;
    for (Row r : rows) {
      if (Double.isFinite(r.fisherP())) m++;
      if (Double.isFinite(r.accVsScalar().lo())) m++;
      if (Double.isFinite(r.sdPermutationP())) m++;
    }
    return m;
  }

  static final String CSV_HEADER = "panel,mean_dt,lr_scale,condition,cv,runs,failures,failure_rate,wilson_lo,wilson_hi,"
      + "fisher_p_vs_scalar,crash_runs,final_acc_mean,boot_lo,boot_hi,acc_diff_vs_scalar,diff_boot_lo,diff_boot_hi,"
      + "final_acc_sd,sd_permutation_p,epoch_to_epoch_sd_mean";

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (Row r : rows) {
      sb.append('"').append(r.panel()).append("\",").append(r.meanDt()).append(',').append(r.lrScale()).append(',')
          .append(r.condition()).append(',').append(r.cv()).append(',').append(r.n()).append(',').append(r.failures())
          .append(',').append(r.failureRate().estimate()).append(',').append(r.failureRate().lo()).append(',')
          .append(r.failureRate().hi()).append(',').append(r.fisherP()).append(',').append(r.crashes()).append(',')
          .append(r.acc().estimate()).append(',').append(r.acc().lo()).append(',').append(r.acc().hi()).append(',')
          .append(r.accVsScalar().estimate()).append(',').append(r.accVsScalar().lo()).append(',')
          .append(r.accVsScalar().hi()).append(',').append(r.accSd()).append(',').append(r.sdPermutationP()).append(',')
          .append(r.e2eSd()).append('\n');
    }
    return sb.toString();
  }
}
