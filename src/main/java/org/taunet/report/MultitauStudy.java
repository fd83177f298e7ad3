package org.taunet.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taunet.analysis.Inference;
import org.taunet.analysis.Stats;
import org.taunet.rnn.RnnSummary;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.train.TrainLoop;

/**
 * The statistics of the multi-tau RNN study (issue 13) for {@link MultitauReport}: runs placed in panels (task with
 * its timing and arguments, and any other flag that differs between the points) and conditions (tau), and per condition the steps to 90 % and 95 % (a run that never
 * reached the level counts as its number of iterations, i.e. censored at the end of training), the mean evaluation
 * loss over training, the weight change of W_rec at criterion and at the end, by tau tertile, persistence and the
 * spectral radius of the linearised update, with percentile bootstrap 95 % intervals of the means and, against the
 * reference condition (vanilla, else the first), two-sided Mann-Whitney p-values and the common-language effect size
 * A = U / (n_a n_b) (the probability that a run of the condition has the larger value; 0.5 = no effect).
 */
final class MultitauStudy {
  /** Resamples and seed of the bootstrap intervals. */
  static final int RESAMPLES = 10_000;
  static final long SEED = 13;
  /** The measures tested against the reference condition (each one comparison per condition and panel). */
  static final List<String> TESTED = List.of("steps_to_90", "steps_to_95", "eval_loss_mean",
      "w_rec_change_at_criterion", "w_rec_change");

  private MultitauStudy() {}

  /**
   * The spreads of effective timescales, per run: the sd over units of ln tau (a scale-free spread: 0.5 means a unit
   * one sd away is 1.65x faster or slower), from timescales.csv's columns, before and after training, on task drive
   * and spontaneous (noise-driven) activity. Key = measure name, value = column.
   */
  static final Map<String, String> SPREADS = spreads();
  /** Paired before/after changes tested within each condition (Wilcoxon signed-rank), after - before. */
  static final List<String> PAIRED = List.of("eff_spread", "spont_spread");

  private static Map<String, String> spreads() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("eff_spread_initial", "tau_effective_initial");
    m.put("eff_spread", "tau_effective");
    m.put("spont_spread_initial", "tau_spontaneous_initial");
    m.put("spont_spread", "tau_spontaneous");
    return m;
  }

  /** One run: its panel, condition, folder, summary.json, number of iterations and timescale spreads. */
  record Run(String panel, String condition, Path dir, JsonNode summary, int iterations, Map<String, Double> spreads) {
    double value(String measure) {
      JsonNode v = summary.path(measure);
      if (measure.startsWith("steps_to_")) {
        int s = v.asInt(-1);
        return s < 0 ? iterations : s;
      }
      return number(v);
    }

    double path(String... keys) {
      JsonNode n = summary;
      for (String k : keys) n = n.path(k);
      return number(n);
    }
  }

  /**
   * One condition of a panel: the means with intervals, tests against the reference, tertile means; Fisher's exact
   * p of runs reaching 90 % against the reference (NaN for the reference); per {@link #PAIRED} measure the mean
   * change after - before with its interval and the signed-rank test of it.
   */
  record Row(String panel, String condition, int runs, int reached90, Map<String, Inference.Interval> means,
             Map<String, Inference.RankSum> tests, Map<String, Double> effect, double[] tertilesAtCriterion,
             double reachedP, Map<String, Inference.Interval> changes, Map<String, Inference.SignedRank> paired) {}

  /**
   * The runs of the sweep points with a summary.json; panel from task, timing and task-args, followed by NAME=VALUE
   * for every other flag whose value differs between the sweep's points (e.g. units or gain set per allocation row);
   * condition from tau.
   */
  static List<Run> runs(List<Map<String, String>> flags, List<Path> dirs) throws IOException {
    List<String> varying = new ArrayList<>();
    for (Map<String, String> f : flags) {
      for (String k : f.keySet()) {
        if (List.of("task", "timing", "task-args", "tau", "seed", "out").contains(k) || varying.contains(k)) continue;
        if (flags.stream().map(g -> g.get(k)).distinct().count() > 1) varying.add(k);
      }
    }
    List<Run> out = new ArrayList<>();
    for (int i = 0; i < flags.size(); i++) {
      Map<String, String> f = flags.get(i);
      if (!Files.exists(dirs.get(i).resolve(TrainLoop.SUMMARY))) continue;
      JsonNode s = RunDir.open(dirs.get(i)).readJsonTree(TrainLoop.SUMMARY);
      StringBuilder panel = new StringBuilder(String.join(" ", f.getOrDefault("task", "multiscale-wm"),
          f.getOrDefault("timing", ""), f.getOrDefault("task-args", "")).strip());
      for (String k : varying) panel.append(' ').append(k).append('=').append(f.getOrDefault(k, ""));
      out.add(new Run(panel.toString(), f.getOrDefault("tau", "vanilla"), dirs.get(i), s,
          Integer.parseInt(f.getOrDefault("iterations", "1000")), logSpreads(dirs.get(i))));
    }
    return out;
  }

  /** {@link #SPREADS} of the run folder {@code dir}; NaN without timescales.csv or with fewer than 2 finite values. */
  static Map<String, Double> logSpreads(Path dir) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    Path f = dir.resolve(RnnSummary.TIMESCALES);
    List<Map<String, String>> rows = Files.exists(f) ? MetricsCsv.read(f) : List.of();
    for (var e : SPREADS.entrySet()) {
      double[] logs = rows.stream().mapToDouble(r -> RnnStudyReport.num(r.get(e.getValue())))
          .filter(v -> v > 0 && v < Double.POSITIVE_INFINITY).map(Math::log).toArray();
      out.put(e.getKey(), logs.length < 2 ? Double.NaN : Stats.meanSd(logs)[1]);
    }
    return out;
  }

  /** panel -> condition -> runs, in order of appearance. */
  static Map<String, Map<String, List<Run>>> grouped(List<Run> runs) {
    Map<String, Map<String, List<Run>>> g = new LinkedHashMap<>();
    for (Run r : runs) g.computeIfAbsent(r.panel(), k -> new LinkedHashMap<>()).computeIfAbsent(r.condition(),
        k -> new ArrayList<>()).add(r);
    return g;
  }

  /** The reference condition of a panel: vanilla if present, else the first. */
  static String reference(Map<String, List<Run>> conditions) {
    return conditions.containsKey("vanilla") ? "vanilla" : conditions.keySet().iterator().next();
  }

  /** The measures of the table, in column order. */
  static final List<String> MEASURES = List.of("final_eval_acc", "steps_to_90", "steps_to_95", "eval_loss_mean",
      "w_rec_change_at_criterion", "w_rec_change", "persistence", "j_radius", "slowest_mode_s", "eff_spread_initial",
      "eff_spread", "spont_spread_initial", "spont_spread");

  static double measure(Run r, String m) {
    return switch (m) {
      case "persistence" -> r.path("persistence_s", "trained");
      case "j_radius" -> r.path("spectrum", "j_radius_trained");
      case "slowest_mode_s" -> r.path("spectrum", "slowest_mode_s_trained");
      default -> r.spreads().containsKey(m) ? r.spreads().get(m) : r.value(m);
    };
  }

  static double[] values(List<Run> runs, String m) {
    return runs.stream().mapToDouble(r -> measure(r, m)).toArray();
  }

  /** The rows of every panel. */
  static List<Row> rows(Map<String, Map<String, List<Run>>> grouped) {
    List<Row> out = new ArrayList<>();
    for (var panel : grouped.entrySet()) {
      List<Run> ref = panel.getValue().get(reference(panel.getValue()));
      for (var c : panel.getValue().entrySet()) {
        List<Run> runs = c.getValue();
        Map<String, Inference.Interval> means = new LinkedHashMap<>();
        for (String m : MEASURES) means.put(m, Inference.bootstrapMean(values(runs, m), 0.05, RESAMPLES, SEED));
        Map<String, Inference.RankSum> tests = new LinkedHashMap<>();
        Map<String, Double> effect = new LinkedHashMap<>();
        if (runs != ref) {
          for (String m : TESTED) {
            double[] a = Stats.finite(values(runs, m)), b = Stats.finite(values(ref, m));
            Inference.RankSum t = Inference.mannWhitney(a, b);
            tests.put(m, t);
            effect.put(m, t.w() / ((double) a.length * b.length));
          }
        }
        double[] tert = new double[3];
        for (int g = 0; g < 3; g++) {
          final int k = g;
          tert[g] = Stats.mean(runs.stream().mapToDouble(r -> number(r.summary().path("w_rec_change_by_tau")
              .path("at_criterion").path(k))).toArray());
        }
        int reached = reached90(runs), refReached = reached90(ref);
        double reachedP = runs == ref ? Double.NaN
            : Inference.fisherExact(reached, runs.size() - reached, refReached, ref.size() - refReached);
        Map<String, Inference.Interval> changes = new LinkedHashMap<>();
        Map<String, Inference.SignedRank> paired = new LinkedHashMap<>();
        for (String m : PAIRED) {
          double[] d = runs.stream().mapToDouble(r -> measure(r, m) - measure(r, m + "_initial")).toArray();
          changes.put(m, Inference.bootstrapMean(Stats.finite(d), 0.05, RESAMPLES, SEED));
          paired.put(m, Inference.signedRank(d));
        }
        out.add(new Row(panel.getKey(), c.getKey(), runs.size(), reached, means, tests, effect, tert, reachedP, changes,
            paired));
      }
    }
    return out;
  }

  private static int reached90(List<Run> runs) {
    return (int) runs.stream().filter(r -> r.summary().path("steps_to_90").asInt(-1) >= 0).count();
  }

  /**
   * The number of tests in the table: TESTED measures and the reached-90 % Fisher test per non-reference condition,
   * and the PAIRED signed-rank tests per condition.
   */
  static int comparisons(List<Row> rows) {
    return rows.stream().mapToInt(r -> r.tests().size() + (Double.isNaN(r.reachedP()) ? 0 : 1) + r.paired().size())
        .sum();
  }

  /** multitau-stats.csv: one line per panel and condition (commas inside a panel or condition written as ';'). */
  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder("panel,condition,runs,reached_90");
    for (String m : MEASURES) sb.append(',').append(m).append(',').append(m).append("_lo,").append(m).append("_hi");
    for (String m : TESTED) sb.append(',').append(m).append("_p,").append(m).append("_A");
    sb.append(",w_change_at_criterion_fast,w_change_at_criterion_mid,w_change_at_criterion_slow,reached_90_fisher_p");
    for (String m : PAIRED) sb.append(',').append(m).append("_change,").append(m).append("_change_lo,").append(m)
        .append("_change_hi,").append(m).append("_change_p");
    sb.append('\n');
    for (Row r : rows) {
      sb.append(r.panel().replace(',', ';')).append(',').append(r.condition().replace(',', ';')).append(',')
          .append(r.runs()).append(',').append(r.reached90());
      for (String m : MEASURES) {
        Inference.Interval i = r.means().get(m);
        sb.append(',').append(g(i.estimate())).append(',').append(g(i.lo())).append(',').append(g(i.hi()));
      }
      for (String m : TESTED) {
        Inference.RankSum t = r.tests().get(m);
        sb.append(',').append(t == null ? "" : g(t.p())).append(',').append(t == null ? "" : g(r.effect().get(m)));
      }
      for (double v : r.tertilesAtCriterion()) sb.append(',').append(g(v));
      sb.append(',').append(g(r.reachedP()));
      for (String m : PAIRED) {
        Inference.Interval i = r.changes().get(m);
        sb.append(',').append(g(i.estimate())).append(',').append(g(i.lo())).append(',').append(g(i.hi())).append(',')
            .append(g(r.paired().get(m).p()));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A JSON number, or NaN / Infinity written as text; NaN for anything else. */
  static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : n.isTextual() ? RnnStudyReport.num(n.asText()) : Double.NaN;
  }

  static String g(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
