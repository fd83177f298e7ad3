package org.taunet.ep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;

/**
 * What one finished (or stopped) EP run folder says, for tables across runs: final and best test
 * accuracy, the cold-start accuracy, status, and the epoch-to-epoch test-accuracy fluctuation over
 * the last half of training (sd of acc[e] - acc[e-1]; a measure of this project, issue 12, not one defined in the
 * HTS-EP paper).
 */
public record EpRunSummary(String run, String dataset, String tau, long seed, String status, boolean collapsed,
                           int epochs, double finalTest, double bestTest, double coldStartTest, double finalTrain,
                           double epochToEpochSd, String dataNote) {

  /** Reads config.json, metrics.csv and (if present) summary.json of a run folder. */
  public static EpRunSummary read(RunDir run) throws IOException {
    EpConfig cfg = run.readJson("config.json", EpConfig.class);
    List<Map<String, String>> rows = EpTrainer.metricsRows(run);
    double[] test = MetricsCsv.column(rows, "test_acc");
    double[] train = MetricsCsv.column(rows, "train_acc");
    double finalTrain = train.length == 0 ? Double.NaN : train[train.length - 1];
    String status = "running";
    boolean collapsed = false;
    double cold = Double.NaN;
    String note = "";
    if (java.nio.file.Files.exists(run.file(org.taunet.train.TrainLoop.SUMMARY))) {
      JsonNode s = run.readJsonTree(org.taunet.train.TrainLoop.SUMMARY);
      status = s.path("status").asText();
      collapsed = s.path("collapsed").asBoolean(false);
      cold = s.path("test_acc_cold_start").asDouble(Double.NaN);
      note = s.path("data_note").asText("");
    }
    return new EpRunSummary(run.path().getFileName().toString(), cfg.dataset(), cfg.tau().spec(), cfg.seed(), status,
        collapsed, test.length, test.length == 0 ? Double.NaN : test[test.length - 1], EpTrainer.maxIgnoringNaN(test), cold, finalTrain,
        secondHalfDiffSd(test), note);
  }

  /** Standard deviation of acc[e] - acc[e-1] over the second half of the epochs (NaN if fewer than 3 diffs). */
  static double secondHalfDiffSd(double[] acc) {
    List<Double> d = new ArrayList<>();
    for (int e = Math.max(1, acc.length / 2); e < acc.length; e++) d.add(acc[e] - acc[e - 1]);
    if (d.size() < 3) return Double.NaN;
    double mean = d.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = d.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(ss / (d.size() - 1));
  }

  /** Groups runs by (dataset, tau), in first-seen order. */
  public static Map<String, List<EpRunSummary>> byCondition(List<EpRunSummary> runs) {
    Map<String, List<EpRunSummary>> groups = new LinkedHashMap<>();
    for (EpRunSummary r : runs) groups.computeIfAbsent(r.dataset() + " | " + r.tau(), k -> new ArrayList<>()).add(r);
    return groups;
  }

  /** Mean and sample standard deviation (sd NaN for one value). */
  public static double[] meanSd(double[] v) {
    double mean = 0;
    for (double x : v) mean += x / v.length;
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN};
  }
}
