package org.taunet.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simultaneous integration and working memory ({@code integration-wm}, a seed task of taunet; the seed poster's exact
 * definition is not published, see docs/tasks.md). A binary cue at trial start must be held while a noisy evidence
 * stream that follows is integrated; a rule input, on from the delay onwards, says which of the two to report.
 *
 * <p>Periods (ms): fixation, cue, evidence, delay (a {@link Duration.Choice}), decision. Inputs: fixation (1 until the
 * decision period), cue (+1 or -1 during the cue), evidence (s * mu + N(0, sd^2) per step during the evidence period,
 * s = +1 or -1), rule (+1 = report the cue, -1 = report the sign of the evidence actually shown, i.e. of its sum over
 * the evidence period, which is s in most trials; during delay and decision). With the evidence label defined by the
 * sum the task is deterministic (an ideal integrator is always right) and accuracy measures integration precision.
 * Outputs: fixation, choice1 (cue +1, or evidence s = +1), choice2.
 *
 * <p>{@code mu}: evidence mean per step (magnitude); {@code sd}: evidence noise per step; {@code input_noise}: noise on
 * every input channel over the whole trial (default 0), drawn before the label is read, so the label is still the sign
 * of the evidence actually shown.
 */
public final class IntegrationWorkingMemory extends PeriodTask {
  /** Default periods: 200 ms fixation, 300 ms cue, 1000 ms evidence, delay 250..2000 ms, 500 ms decision. */
  public static Map<String, Duration> defaultPeriods() {
    Map<String, Duration> p = new LinkedHashMap<>();
    p.put("fixation", new Duration.Constant(200));
    p.put("cue", new Duration.Constant(300));
    p.put("evidence", new Duration.Constant(1000));
    p.put("delay", new Duration.Choice(List.of(250.0, 500.0, 1000.0, 2000.0)));
    p.put("decision", new Duration.Constant(500));
    return p;
  }

  /** Registry entry; mu and sd are given per 50 ms step and scaled to dt (mu by dt/50, sd by sqrt(dt/50)). */
  static final TaskDef DEF = new TaskDef("integration-wm",
      "hold a binary cue while integrating a noisy evidence stream; a rule input says which to report",
      defaultPeriods(), List.of(
          new TaskDef.Arg("mu", 0.3, "evidence mean per 50 ms step (scaled by dt/50)"),
          new TaskDef.Arg("sd", 1.0, "evidence noise sd per 50 ms step (scaled by sqrt(dt/50))"),
          new TaskDef.Arg("input_noise", 0.0, "noise sd on every input channel over the whole trial, per 50 ms step "
              + "(scaled by sqrt(dt/50)); 0 = none")),
      (dt, t, a) -> new IntegrationWorkingMemory(dt, t, a.get("mu") * dt / 50, a.get("sd") * Math.sqrt(dt / 50),
          a.get("input_noise") * Math.sqrt(dt / 50)));

  private final double mu;
  private final double sd;
  private final double inputNoise;

  /**
   * The default task at time step {@code dtMs}: mu = 0.3 and sd = 1 per 50 ms step (mu scales with dt/50, sd with
   * sqrt(dt/50), so the evidence per second is the same at any dt): over the 1 s evidence period the generative sign s
   * agrees with the sign of the sum in 91% of trials, so about one trial in ten needs a fine comparison.
   */
  public IntegrationWorkingMemory(double dtMs) {
    this(dtMs, defaultPeriods(), 0.3 * dtMs / 50, Math.sqrt(dtMs / 50));
  }

  public IntegrationWorkingMemory(double dtMs, Map<String, Duration> periods, double mu, double sd) {
    this(dtMs, periods, mu, sd, 0);
  }

  /**
   * @param mu evidence mean per step
   * @param sd evidence noise sd per step
   * @param inputNoise sd of the noise added to every input channel on every step of the trial (before the evidence
   *     label is read, so the label is the sign of the evidence actually shown and the task stays deterministic)
   */
  public IntegrationWorkingMemory(double dtMs, Map<String, Duration> periods, double mu, double sd, double inputNoise) {
    super("integration-wm", dtMs, periods, List.of("fixation", "cue", "evidence", "rule"),
        List.of("fixation", "choice1", "choice2"), "decision", 1.0);
    if (!(mu > 0) || !(sd >= 0)) throw new IllegalArgumentException("need mu > 0 and sd >= 0");
    if (!(inputNoise >= 0) || !Double.isFinite(inputNoise)) throw new IllegalArgumentException("need input_noise >= 0");
    this.mu = mu;
    this.sd = sd;
    this.inputNoise = inputNoise;
  }

  @Override
  protected int fill(Builder b, SplittableRandom rng) {
    b.input("fixation", 1, "fixation", "cue", "evidence", "delay");
    boolean cuePlus = rng.nextBoolean();
    boolean evidencePlus = rng.nextBoolean();
    boolean reportCue = rng.nextBoolean();
    b.input("cue", cuePlus ? 1 : -1, "cue");
    b.input("evidence", (float) (evidencePlus ? mu : -mu), "evidence");
    b.noise("evidence", sd, "evidence", rng);
    b.input("rule", reportCue ? 1 : -1, "delay", "decision");
    b.noiseAll(inputNoise, rng);
    boolean plus = reportCue ? cuePlus : b.sum("evidence", "evidence") > 0;
    return plus ? 1 : 2;
  }
}
