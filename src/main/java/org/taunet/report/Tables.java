package org.taunet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taunet.sweep.Collector;

/** The stability table of a report, as CSV (raw numbers) and HTML (accuracies in percent). */
final class Tables {
  private Tables() {}

  /** One CSV row per condition, numbers unscaled. */
  static String conditionsCsv(List<Aggregates.ConditionStats> rows) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Aggregates.ConditionStats s : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("condition", s.condition());
      m.put("runs", Integer.toString(s.runs()));
      m.put("finished", Integer.toString(s.finished()));
      m.put("diverged", Integer.toString(s.diverged()));
      m.put("failed", Integer.toString(s.failed()));
      m.put("collapsed", Integer.toString(s.collapsed()));
      m.put("unfinished", Integer.toString(s.unfinished()));
      m.put("unstable_fraction", num(s.unstableFraction()));
      m.put("metric", s.metric() == null ? "" : s.metric());
      m.put("final_mean", num(s.finalMean()));
      m.put("final_sd", num(s.finalSd()));
      m.put("final_n", Integer.toString(s.finalN()));
      m.put("epoch_to_epoch_variance", num(s.epochVariance()));
      out.add(m);
    }
    return Collector.csv(out);
  }

  /** What the table's columns mean. */
  static String legend(String metric) {
    return "Final " + (metric == null ? "metric" : metric) + ": each run's last finite value, mean +- sd over the "
        + "runs that have one (n). Unstable: fraction of runs that diverged or collapsed (finished near chance). "
        + "Epoch-to-epoch variance: variance of the change between successive evaluations over the second half of "
        + "a run, mean over runs" + (isAccuracy(metric) ? " (accuracies in percent, variance in points squared)." : ".");
  }

  static String conditionsHtml(List<Aggregates.ConditionStats> rows) {
    StringBuilder sb = new StringBuilder("<table>\n<tr><th>condition</th><th>runs</th><th>finished</th>"
        + "<th>diverged</th><th>failed</th><th>collapsed</th><th>unfinished</th><th>unstable</th>"
        + "<th>final (mean &plusmn; sd, n)</th><th>epoch-to-epoch variance</th></tr>\n");
    for (Aggregates.ConditionStats s : rows) {
      double k = isAccuracy(s.metric()) ? 100 : 1;
      sb.append("<tr><td>").append(Html.escape(s.condition())).append("</td>");
      for (int v : new int[] {s.runs(), s.finished(), s.diverged(), s.failed(), s.collapsed(), s.unfinished()}) {
        sb.append("<td>").append(v).append("</td>");
      }
      sb.append(String.format(Locale.ROOT, "<td>%.0f%%</td><td>%s &plusmn; %s (%d)</td><td>%s</td></tr>%n",
          100 * s.unstableFraction(), fmt(k * s.finalMean()), fmt(k * s.finalSd()), s.finalN(),
          fmt(k * k * s.epochVariance())));
    }
    return sb.append("</table>\n").toString();
  }

  /** A list of the runs that diverged or failed, with their reasons (empty when none). */
  static String problemsHtml(List<RunData> runs) {
    StringBuilder sb = new StringBuilder();
    for (RunData r : runs) {
      if (r.state().reason().isEmpty()) continue;
      sb.append("<li><code>").append(Html.escape(r.id())).append("</code> ").append(r.state().state().label())
          .append(": ").append(Html.escape(r.state().reason())).append("</li>\n");
    }
    return sb.isEmpty() ? "" : "<p>Runs that did not finish normally:</p>\n<ul>\n" + sb + "</ul>\n";
  }

  static boolean isAccuracy(String metric) {
    return metric != null && metric.toLowerCase(Locale.ROOT).contains("acc");
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "&ndash;";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }
}
