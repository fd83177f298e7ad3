package org.taunet.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * neurogym's PerceptualDecisionMaking-v0 (Britten et al. 1992 random-dot motion, two alternatives), with neurogym's
 * default timings: fixation 100 ms, stimulus 2000 ms, decision 100 ms; coherences {0, 6.4, 12.8, 25.6, 51.2}%; input
 * noise sigma = sqrt(2 * 100 * 0.01) scaled as sigma / sqrt(dt in ms). Inputs: fixation (fixation and stimulus),
 * stimulus1 = (1 + c/100)/2, stimulus2 = (1 - c/100)/2 (c signed by the correct side) plus noise on both. Outputs:
 * fixation, choice1, choice2. At zero coherence the label is a coin flip that the input does not reveal.
 */
public final class PerceptualDecisionMaking extends PeriodTask {
  static final double[] COHERENCES = {0, 6.4, 12.8, 25.6, 51.2};
  static final double SIGMA = Math.sqrt(2 * 100 * 0.01);

  /** neurogym's default periods. */
  public static Map<String, Duration> defaultPeriods() {
    Map<String, Duration> p = new LinkedHashMap<>();
    p.put("fixation", new Duration.Constant(100));
    p.put("stimulus", new Duration.Constant(2000));
    p.put("decision", new Duration.Constant(100));
    return p;
  }

  /** Registry entry. */
  static final TaskDef DEF = new TaskDef("perceptual-dm",
      "report the side of the stronger of two noisy stimuli (random-dot motion, 5 coherences)", defaultPeriods(),
      List.of(new TaskDef.Arg("sigma", SIGMA, "input noise, applied as sigma / sqrt(dt in ms) per step (neurogym)")),
      (dt, t, a) -> new PerceptualDecisionMaking(dt, t, a.get("sigma")));

  private final double sigma;

  public PerceptualDecisionMaking(double dtMs) {
    this(dtMs, defaultPeriods(), SIGMA);
  }

  /** @param sigma input noise, applied as sigma / sqrt(dt in ms) per step */
  public PerceptualDecisionMaking(double dtMs, Map<String, Duration> periods, double sigma) {
    super("perceptual-dm", dtMs, periods, List.of("fixation", "stimulus1", "stimulus2"),
        List.of("fixation", "choice1", "choice2"), "decision", 1.0);
    if (!(sigma >= 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("need sigma >= 0: " + sigma);
    this.sigma = sigma;
  }

  @Override
  protected int fill(Builder b, SplittableRandom rng) {
    int label = 1 + rng.nextInt(2);
    double coh = COHERENCES[rng.nextInt(COHERENCES.length)];
    double signed = label == 1 ? coh : -coh;
    double sigmaDt = sigma / Math.sqrt(dtMs());
    b.input("fixation", 1, "fixation", "stimulus");
    b.input("stimulus1", (float) ((1 + signed / 100) / 2), "stimulus");
    b.input("stimulus2", (float) ((1 - signed / 100) / 2), "stimulus");
    b.noise("stimulus1", sigmaDt, "stimulus", rng);
    b.noise("stimulus2", sigmaDt, "stimulus", rng);
    return label;
  }
}
