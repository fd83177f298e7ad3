package org.taunet.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.analysis.Criterion;
import org.taunet.analysis.ExpFit;
import org.taunet.analysis.Stats;
import org.taunet.analysis.WeightChange;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;
import org.taunet.tasks.Task;
import org.taunet.train.TrainLoop;

/**
 * The end-of-run analysis of an RNN run and its reading back for tables: summary.json (status, final and best
 * evaluation accuracy, steps to criterion, relative weight change of W_rec and W_in, intrinsic and effective
 * timescale summaries before and after training, on task input and spontaneous) and timescales.csv (per unit: intrinsic
 * tau at the start and end, effective timescale of the initial and of the trained network on task input with the
 * chosen fit model, and under spontaneous activity). The study's further measurements: {@link RnnMeasures}.
 *
 * @param run folder name
 * @param task task name
 * @param tau condition or spec as configured
 * @param seed master seed
 * @param status finished, diverged or running
 * @param finalAcc evaluation accuracy at the last evaluation
 * @param stepsToCriterion first evaluated step with accuracy &gt;= criterion, -1 if never
 * @param wRecChange ||W - W0||_F / ||W0||_F
 * @param wInChange the same for Win
 * @param effTauMedian median effective timescale of the trained network (s)
 * @param effTauInitMedian median effective timescale of the initial network (s)
 */
public record RnnSummary(String run, String task, String tau, long seed, String status, double finalAcc,
                         int stepsToCriterion, double wRecChange, double wInChange, double effTauMedian,
                         double effTauInitMedian) {
  /** The summary file (the loop's). */
  public static final String FILE = TrainLoop.SUMMARY;
  public static final String TIMESCALES = "timescales.csv";
  /** Example autocorrelations with their fits ({@link AutocorrelationExamples}). */
  public static final String AUTOCORRELATION = AutocorrelationExamples.FILE;

  /**
   * The RNN's fields of summary.json (after the loop's status, collapsed, steps, train_seconds): task, tau, tau_spec,
   * final and best eval_acc, criterion, steps and trials to criterion, w_rec_change, w_in_change, tau_intrinsic and,
   * for a finished run with timescaleSteps &gt; 0, the effective timescales before and after training on task input
   * ({@link TimescaleProbe#measure}) and under spontaneous activity ({@link TimescaleProbe#spontaneous}), also written
   * per unit to timescales.csv, with a few units' autocorrelations and fits in autocorrelation.csv.
   *
   * @param rows the run's metrics rows (column {@code step}; possibly none)
   */
  static Map<String, Object> fields(RunDir run, RnnConfig cfg, Task task, RnnNetwork initial, RnnNetwork net,
                                    List<Map<String, String>> rows, TrainLoop.Status status, Seeds seeds)
      throws IOException {
    int[] steps = steps(rows);
    double[] acc = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("eval_acc"))).toArray();
    int toCriterion = Criterion.stepsTo(steps, acc, cfg.criterion());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("task", cfg.task());
    s.put("tau", cfg.tau().spec());
    s.put("tau_spec", cfg.tauSpec());
    s.put("final_eval_acc", acc.length == 0 ? Double.NaN : acc[acc.length - 1]);
    s.put("best_eval_acc", Arrays.stream(acc).max().orElse(Double.NaN));
    s.put("criterion", cfg.criterion());
    s.put("steps_to_criterion", toCriterion);
    s.put("trials_to_criterion", toCriterion < 0 ? -1 : (long) toCriterion * cfg.batchSize());
    s.put("w_rec_change", WeightChange.relative(net.w, initial.w));
    s.put("w_in_change", WeightChange.relative(net.win, initial.win));
    s.put("tau_intrinsic", stats(toDouble(net.tau)));
    if (cfg.timescaleSteps() > 0 && status == TrainLoop.Status.FINISHED) {
      // the same input streams for the initial and the trained network
      double[][] acfBefore = TimescaleProbe.taskAcf(initial, task, cfg.timescaleSteps(), seeds.stream("timescale-input"));
      double[][] acfAfter = TimescaleProbe.taskAcf(net, task, cfg.timescaleSteps(), seeds.stream("timescale-input"));
      ExpFit[] before = TimescaleProbe.fits(acfBefore, initial.dt);
      ExpFit[] after = TimescaleProbe.fits(acfAfter, net.dt);
      s.put("tau_effective_initial", stats(taus(before)));
      s.put("tau_effective", stats(taus(after)));
      s.put("double_exponential_fraction", Arrays.stream(after).filter(f -> f.model() == 2).count() / (double) after.length);
      // spontaneous: zero input, the same private noise for both networks
      double[][] spBefore = TimescaleProbe.spontaneousAcf(initial, cfg.timescaleSteps(), seeds.stream("timescale-noise"));
      double[][] spAfter = TimescaleProbe.spontaneousAcf(net, cfg.timescaleSteps(), seeds.stream("timescale-noise"));
      ExpFit[] spontBefore = TimescaleProbe.fits(spBefore, initial.dt);
      ExpFit[] spontAfter = TimescaleProbe.fits(spAfter, net.dt);
      s.put("tau_spontaneous_initial", stats(taus(spontBefore)));
      s.put("tau_spontaneous", stats(taus(spontAfter)));
      writeTimescales(run, initial, net, new ExpFit[][] {before, after, spontBefore, spontAfter});
      run.writeString(AUTOCORRELATION, AutocorrelationExamples.csv(initial, new double[][][] {acfBefore, acfAfter,
          spBefore, spAfter}, new ExpFit[][] {before, after, spontBefore, spontAfter}));
    }
    return s;
  }

  /**
   * The step of each metrics row: column {@code step}, or {@code iteration} in the metrics.csv of a run folder written
   * before the shared training core.
   */
  public static int[] steps(List<Map<String, String>> rows) {
    return rows.stream().mapToInt(r -> Integer.parseInt(r.containsKey("step") ? r.get("step") : r.get("iteration")))
        .toArray();
  }

  /** fits: task-driven before and after training, spontaneous before and after. */
  private static void writeTimescales(RunDir run, RnnNetwork initial, RnnNetwork net, ExpFit[][] fits)
      throws IOException {
    StringBuilder sb = new StringBuilder("unit,tau_intrinsic_initial,tau_intrinsic,tau_effective_initial,tau_effective,"
        + "model,tau_single,tau1,tau2,a1,a2,tau_spontaneous_initial,tau_spontaneous\n");
    for (int i = 0; i < net.n; i++) {
      ExpFit f = fits[1][i];
      sb.append(i).append(',').append(initial.tau[i]).append(',').append(net.tau[i]).append(',').append(fits[0][i].tau())
          .append(',').append(f.tau()).append(',').append(f.model()).append(',').append(f.tauSingle()).append(',')
          .append(f.tau1()).append(',').append(f.tau2()).append(',').append(f.a1()).append(',').append(f.a2())
          .append(',').append(fits[2][i].tau()).append(',').append(fits[3][i].tau()).append('\n');
    }
    run.writeString(TIMESCALES, sb.toString());
  }

  static double[] taus(ExpFit[] fits) {
    return Arrays.stream(fits).mapToDouble(ExpFit::tau).toArray();
  }

  static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) d[i] = x[i];
    return d;
  }

  /** n (finite values), mean, sd, min, q25, median, q75, max of the finite values. */
  static Map<String, Object> stats(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", v.length);
    if (v.length == 0) return m;
    double mean = Arrays.stream(v).average().orElse(Double.NaN);
    double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
    m.put("mean", mean);
    m.put("sd", v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0.0);
    m.put("min", v[0]);
    m.put("q25", Stats.quantile(v, 0.25));
    m.put("median", Stats.quantile(v, 0.5));
    m.put("q75", Stats.quantile(v, 0.75));
    m.put("max", v[v.length - 1]);
    return m;
  }


  /** Reads config.json, metrics.csv and (if present) summary.json of a run folder. */
  public static RnnSummary read(RunDir run) throws IOException {
    RnnConfig cfg = run.readJson("config.json", RnnConfig.class);
    List<Map<String, String>> rows = run.metrics(TrainLoop.METRICS).rows();
    double acc = rows.isEmpty() ? Double.NaN : Double.parseDouble(rows.get(rows.size() - 1).get("eval_acc"));
    String status = "running";
    int crit = -1;
    double wRec = Double.NaN, wIn = Double.NaN, eff = Double.NaN, effInit = Double.NaN;
    if (Files.exists(run.file(FILE))) {
      JsonNode s = run.readJsonTree(FILE);
      status = s.path("status").asText();
      crit = s.path("steps_to_criterion").asInt(-1);
      wRec = s.path("w_rec_change").asDouble(Double.NaN);
      wIn = s.path("w_in_change").asDouble(Double.NaN);
      eff = s.path("tau_effective").path("median").asDouble(Double.NaN);
      effInit = s.path("tau_effective_initial").path("median").asDouble(Double.NaN);
    }
    return new RnnSummary(run.path().getFileName().toString(), cfg.task(), cfg.tau().spec(), cfg.seed(), status, acc, crit,
        wRec, wIn, eff, effInit);
  }
}
