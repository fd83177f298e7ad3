package org.taunet.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Multi-timescale working memory ({@code multiscale-wm}, a seed task of taunet; the seed poster's exact definition is
 * not published, see docs/tasks.md). Pulses arrive on two channels during a stimulus period; the network must count
 * them, keep which channel received more through a delay drawn from a set spanning short to long times, and report
 * that channel when the fixation input turns off (the go cue).
 *
 * <p>Periods (ms): fixation, stimulus, delay (a {@link Duration.Choice}), decision. Inputs: fixation (1 until the
 * decision period), left, right (pulses of height 1). On each stimulus step the rich side gets a pulse with
 * probability {@code pRich}, the other with {@code pPoor}; the label is the side with more pulses (pulse trains with a
 * tie are drawn again). Outputs: fixation, left, right.
 *
 * <p>{@code pRich}: pulse probability per step of the side chosen to be rich; {@code pPoor}: that of the other side.
 */
public final class MultiscaleWorkingMemory extends PeriodTask {
  /** Default periods: 200 ms fixation, 1000 ms stimulus, delay 250..4000 ms, 500 ms decision. */
  public static Map<String, Duration> defaultPeriods() {
    Map<String, Duration> p = new LinkedHashMap<>();
    p.put("fixation", new Duration.Constant(200));
    p.put("stimulus", new Duration.Constant(1000));
    p.put("delay", new Duration.Choice(List.of(250.0, 500.0, 1000.0, 2000.0, 4000.0)));
    p.put("decision", new Duration.Constant(500));
    return p;
  }

  /** Registry entry; the pulse probabilities are given per 50 ms and scaled to dt (capped at 1). */
  static final TaskDef DEF = new TaskDef("multiscale-wm",
      "count pulses on two channels, hold which side had more through a delay of 250 ms to 4 s, report it",
      defaultPeriods(), List.of(
          new TaskDef.Arg("p_rich", 0.3, "pulse probability of the rich side per 50 ms (scaled to dt, capped at 1)"),
          new TaskDef.Arg("p_poor", 0.15, "pulse probability of the poor side per 50 ms (scaled to dt, capped at 1)")),
      (dt, t, a) -> new MultiscaleWorkingMemory(dt, t, Math.min(1, a.get("p_rich") * dt / 50),
          Math.min(1, a.get("p_poor") * dt / 50)));

  private final double pRich;
  private final double pPoor;

  /** The default task at time step {@code dtMs}: pRich = 0.3, pPoor = 0.15 per 50 ms (scaled to dt, capped at 1). */
  public MultiscaleWorkingMemory(double dtMs) {
    this(dtMs, defaultPeriods(), Math.min(1, 0.3 * dtMs / 50), Math.min(1, 0.15 * dtMs / 50));
  }

  public MultiscaleWorkingMemory(double dtMs, Map<String, Duration> periods, double pRich, double pPoor) {
    super("multiscale-wm", dtMs, periods, List.of("fixation", "left", "right"), List.of("fixation", "left", "right"),
        "decision", 1.0);
    if (!(pRich > pPoor && pPoor >= 0 && pRich <= 1)) throw new IllegalArgumentException("need 0 <= pPoor < pRich <= 1");
    this.pRich = pRich;
    this.pPoor = pPoor;
  }

  @Override
  protected int fill(Builder b, SplittableRandom rng) {
    b.input("fixation", 1, "fixation", "stimulus", "delay");
    int[] s = b.span("stimulus");
    boolean leftRich = rng.nextBoolean();
    int nLeft, nRight;
    do {
      nLeft = 0;
      nRight = 0;
      for (int t = s[0]; t < s[1]; t++) {
        boolean l = rng.nextDouble() < (leftRich ? pRich : pPoor);
        boolean r = rng.nextDouble() < (leftRich ? pPoor : pRich);
        b.inputAt("left", t, l ? 1 : 0);
        b.inputAt("right", t, r ? 1 : 0);
        nLeft += l ? 1 : 0;
        nRight += r ? 1 : 0;
      }
    } while (nLeft == nRight);
    return nLeft > nRight ? 1 : 2;
  }
}
