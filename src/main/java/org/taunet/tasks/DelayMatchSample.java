package org.taunet.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * neurogym's DelayMatchSample-v0 (Miller, Erickson &amp; Desimone 1996), with neurogym's default timings: fixation
 * 300 ms, sample 500 ms, delay 1000 ms, test 500 ms, decision 900 ms. The sample is an angle theta in {0, pi/2}
 * shown as (cos theta, sin theta) on two stimulus channels; the test is the same angle (match) or the other one;
 * noise sigma / sqrt(dt in ms) with sigma = sqrt(2 * 100 * 0.01) on the stimulus during sample and test. Inputs:
 * fixation (1 until the decision period), stimulus_cos, stimulus_sin. Outputs: fixation, match, non-match.
 */
public final class DelayMatchSample extends PeriodTask {
  /** neurogym's default periods. */
  public static Map<String, Duration> defaultPeriods() {
    Map<String, Duration> p = new LinkedHashMap<>();
    p.put("fixation", new Duration.Constant(300));
    p.put("sample", new Duration.Constant(500));
    p.put("delay", new Duration.Constant(1000));
    p.put("test", new Duration.Constant(500));
    p.put("decision", new Duration.Constant(900));
    return p;
  }

  /** Registry entry. */
  static final TaskDef DEF = new TaskDef("delay-match-sample",
      "report whether the test angle matches the sample angle shown before a delay", defaultPeriods(),
      List.of(new TaskDef.Arg("sigma", PerceptualDecisionMaking.SIGMA,
          "input noise, applied as sigma / sqrt(dt in ms) per step (neurogym)")),
      (dt, t, a) -> new DelayMatchSample(dt, t, a.get("sigma")));

  private final double sigma;

  public DelayMatchSample(double dtMs) {
    this(dtMs, defaultPeriods(), PerceptualDecisionMaking.SIGMA);
  }

  /** @param sigma input noise, applied as sigma / sqrt(dt in ms) per step */
  public DelayMatchSample(double dtMs, Map<String, Duration> periods, double sigma) {
    super("delay-match-sample", dtMs, periods, List.of("fixation", "stimulus_cos", "stimulus_sin"),
        List.of("fixation", "match", "non-match"), "decision", 1.0);
    if (!(sigma >= 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("need sigma >= 0: " + sigma);
    this.sigma = sigma;
  }

  @Override
  protected int fill(Builder b, SplittableRandom rng) {
    int label = 1 + rng.nextInt(2);
    double sample = rng.nextBoolean() ? 0 : 0.5;
    double test = label == 1 ? sample : 0.5 - sample;
    double sigmaDt = sigma / Math.sqrt(dtMs());
    b.input("fixation", 1, "fixation", "sample", "delay", "test");
    b.input("stimulus_cos", (float) Math.cos(sample * Math.PI), "sample");
    b.input("stimulus_sin", (float) Math.sin(sample * Math.PI), "sample");
    b.input("stimulus_cos", (float) Math.cos(test * Math.PI), "test");
    b.input("stimulus_sin", (float) Math.sin(test * Math.PI), "test");
    for (String p : new String[] {"sample", "test"}) {
      b.noise("stimulus_cos", sigmaDt, p, rng);
      b.noise("stimulus_sin", sigmaDt, p, rng);
    }
    return label;
  }
}
