package org.taunet.rnn;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.analysis.Criterion;
import org.taunet.analysis.WeightChange;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;

/**
 * The multi-tau study's measurements of a run (issue 13), added to summary.json after {@link RnnSummary#fields}:
 * steps to 90 % and 95 %, the area under the evaluation-loss curve, the weight change of W_rec at criterion and at the
 * end (also by tau tertile), accuracy by delay length, the eigenvalue spectrum of the linearised update
 * ({@link Spectrum}, also spectrum.csv) and the pulse persistence ({@link Persistence}) before and after training.
 */
public final class RnnMeasures {
  /** The eigenvalues of W and J, initial and trained: columns matrix (W or J), network (initial, trained), re, im. */
  public static final String SPECTRUM = "spectrum.csv";
  /** Tau groups of the weight change split: tertiles. */
  public static final int TAU_GROUPS = 3;

  private RnnMeasures() {}

  /**
   * The fields: steps_to_90 and steps_to_95 (first evaluated step at that eval_acc, -1 if never), eval_loss_area
   * (trapezoid area under eval_loss against step, loss x steps) and eval_loss_mean (that area over the step span),
   * criterion_step and w_rec_change_at_criterion (NaN if never reached), w_rec_change_by_tau (tertiles of the initial
   * tau: upper edges in s, at criterion and final, fastest first) and, for a finished run, accuracy_by_delay (delay
   * in ms to eval accuracy of the final network), spectrum (spectral radius of W and J, lifetime -dt/ln|lambda_max| of
   * J's slowest mode in s, initial and trained) and the operating-point probes of {@link #persistence}.
   *
   * @param criterionW W when eval_acc first reached the criterion (null if never)
   */
  static Map<String, Object> fields(RunDir run, RnnConfig cfg, RnnNetwork initial, RnnNetwork net,
                                    List<Map<String, String>> rows, float[] criterionW, long criterionStep,
                                    Map<String, Object> byDelay, Seeds seeds, boolean finished) throws IOException {
    int[] steps = RnnSummary.steps(rows);
    double[] acc = MetricsCsv.column(rows, "eval_acc"), loss = MetricsCsv.column(rows, "eval_loss");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("steps_to_90", Criterion.stepsTo(steps, acc, 0.9));
    s.put("steps_to_95", Criterion.stepsTo(steps, acc, 0.95));
    double area = Criterion.area(steps, loss);
    s.put("eval_loss_area", area);
    s.put("eval_loss_mean", steps.length < 2 ? Double.NaN : area / (steps[steps.length - 1] - steps[0]));
    s.put("criterion_step", criterionStep);
    s.put("w_rec_change_at_criterion", criterionW == null ? Double.NaN : WeightChange.relative(criterionW, initial.w));
    Map<String, Object> byTau = new LinkedHashMap<>();
    byTau.put("tau_upper_edges", WeightChange.groupEdges(initial.tau, TAU_GROUPS));
    byTau.put("at_criterion", criterionW == null ? nans(TAU_GROUPS)
        : WeightChange.byTauGroups(criterionW, initial.w, initial.tau, TAU_GROUPS));
    byTau.put("final", WeightChange.byTauGroups(net.w, initial.w, initial.tau, TAU_GROUPS));
    s.put("w_rec_change_by_tau", byTau);
    if (!finished) return s;
    s.put("accuracy_by_delay", byDelay);
    s.put("spectrum", spectrum(run, initial, net));
    s.putAll(persistence(cfg, initial, net, seeds));
    return s;
  }

  /**
   * persistence_s and persistence_held ({@link Persistence} around the operating point under the task's fixation
   * input; initial and trained, the same pulses) and operating_point: the relaxation's drift and the spectral radius
   * of the update linearised there with J's slowest-mode lifetime (s), initial and trained.
   */
  static Map<String, Object> persistence(RnnConfig cfg, RnnNetwork initial, RnnNetwork net, Seeds seeds) {
    float[] u0 = Persistence.operatingInput(cfg.newTask(), seeds.stream("persistence-input"));
    Map<String, Object> seconds = new LinkedHashMap<>(), held = new LinkedHashMap<>(), op = new LinkedHashMap<>();
    for (String which : new String[] {"initial", "trained"}) {
      RnnNetwork m = which.equals("initial") ? initial : net;
      Persistence.Result p = Persistence.of(m, u0, seeds.stream("persistence"));
      seconds.put(which, p.seconds());
      held.put(which, p.held());
      double radius = Spectrum.of(Spectrum.jacobian(m, p.state()), m.n).radius();
      op.put("drift_" + which, p.drift());
      op.put("j_radius_" + which, radius);
      op.put("slowest_mode_s_" + which, Spectrum.lifetime(radius, m.dt));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("persistence_s", seconds);
    s.put("persistence_held", held);
    s.put("operating_point", op);
    return s;
  }

  /** Writes spectrum.csv and returns the radii and slowest-mode lifetimes. */
  static Map<String, Object> spectrum(RunDir run, RnnNetwork initial, RnnNetwork net) throws IOException {
    StringBuilder csv = new StringBuilder("matrix,network,re,im\n");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String which : new String[] {"initial", "trained"}) {
      RnnNetwork m = which.equals("initial") ? initial : net;
      Spectrum.Eigenvalues w = Spectrum.of(Spectrum.weights(m), m.n);
      Spectrum.Eigenvalues j = Spectrum.of(Spectrum.jacobian(m), m.n);
      append(csv, "W", which, w);
      append(csv, "J", which, j);
      out.put("w_radius_" + which, w.radius());
      out.put("j_radius_" + which, j.radius());
      out.put("slowest_mode_s_" + which, Spectrum.lifetime(j.radius(), m.dt));
    }
    run.writeString(SPECTRUM, csv.toString());
    return out;
  }

  private static void append(StringBuilder csv, String matrix, String network, Spectrum.Eigenvalues e) {
    for (int i = 0; i < e.re().length; i++) {
      csv.append(matrix).append(',').append(network).append(',').append(e.re()[i]).append(',').append(e.im()[i]).append('\n');
    }
  }

  private static double[] nans(int n) {
    double[] x = new double[n];
    java.util.Arrays.fill(x, Double.NaN);
    return x;
  }
}
