package org.taunet.rnn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.tasks.Task;

/**
 * How long activity outlasts a brief input pulse around the network's operating point, the second probe of
 * "closeness to sustained activity" (with {@link Spectrum}).
 *
 * <p>Operating point: the network runs from x = 0 for {@link #SETTLE_MS} ms under a constant operating input u0 (for
 * a task, {@link #operatingInput}: the mean input of a trial's first step, i.e. the fixation period's input, where a
 * trained network waits between trials), relaxing towards the state it holds there. (Probing at x = 0 with zero
 * input, as before, put trained networks where they never operate: their linearisation there is unstable and every
 * pulse read as the cap.) Then each of {@link #STREAMS} streams gets u0 + p for {@link #PULSE_MS} ms,
 * p ~ N(0, {@link #PULSE_SD}^2) per channel, then u0 again; the same run without the pulse is the baseline. With
 * d_t = ||r_t - r_t(baseline)|| (rates, Euclidean norm over units) per stream, a stream's decay time is the time from
 * the pulse's end until d_t first falls below d(pulse end) / e, censored at {@link #HORIZON_MS} ms; the persistence
 * is the median over the streams, and {@link Result#held} the fraction of streams censored (a pulse that moved the
 * network into another stable state, e.g. a stored memory, is held for the whole horizon). Noise-free, so
 * deterministic.
 */
public final class Persistence {
  public static final int STREAMS = 8;
  /** 10 s: more than 5 times the slowest seed tau (1.9 s), so an intrinsic transient has died out. */
  public static final double SETTLE_MS = 10000;
  public static final double PULSE_MS = 100;
  /** sd of the pulse per input channel, the size of the seed tasks' inputs (pulses, cues, fixation of 1). */
  public static final double PULSE_SD = 1;
  public static final double HORIZON_MS = 20000;
  /** Trials averaged for the operating input (averages out input noise). */
  public static final int OPERATING_TRIALS = 64;

  private Persistence() {}

  /**
   * One probe.
   *
   * @param seconds median over streams of the decay time (s), at most {@link #HORIZON_MS} / 1000
   * @param held fraction of streams whose difference never fell below 1/e of its value at the pulse's end
   * @param drift RMS over units of the baseline's rate change over the last second of the relaxation (0 at a fixed
   *     point; large for a network that oscillates or is chaotic under u0)
   * @param state the baseline's state x at the end of the relaxation (the operating point), [n]
   */
  public record Result(double seconds, double held, double drift, float[] state) {}

  /** The persistence of {@code net} around its operating point under the constant input {@code u0} ([nIn]). */
  public static Result of(RnnNetwork net, float[] u0, SplittableRandom rng) {
    if (u0.length != net.nIn) throw new IllegalArgumentException("u0 has " + u0.length + " values, need " + net.nIn);
    double dtMs = net.dt * 1000;
    int settle = steps(SETTLE_MS, dtMs), pulse = Math.max(1, steps(PULSE_MS, dtMs)), horizon = steps(HORIZON_MS, dtMs);
    int total = settle + pulse + horizon, nIn = net.nIn, n = net.n;
    float[] base = new float[total * STREAMS * nIn];
    for (int t = 0; t < total * STREAMS; t++) System.arraycopy(u0, 0, base, t * nIn, nIn);
    float[] u = base.clone();
    for (int s = 0; s < STREAMS; s++) {
      for (int k = 0; k < nIn; k++) {
        float v = (float) (PULSE_SD * rng.nextGaussian());
        for (int t = settle; t < settle + pulse; t++) u[(t * STREAMS + s) * nIn + k] += v;
      }
    }
    Bptt sim = new Bptt(net, total, STREAMS);
    sim.forward(u, 0, null);
    float[] pulsed = sim.rates().clone();
    sim.forward(base, 0, null);
    float[] rb = sim.rates();
    float[] state = Arrays.copyOfRange(sim.x, settle * STREAMS * n, settle * STREAMS * n + n);
    double[] times = new double[STREAMS];
    int held = 0;
    for (int s = 0; s < STREAMS; s++) {
      double[] d = new double[total + 1];
      for (int t = 0; t <= total; t++) {
        double sq = 0;
        for (int i = 0; i < n; i++) {
          double e = pulsed[(t * STREAMS + s) * n + i] - rb[(t * STREAMS + s) * n + i];
          sq += e * e;
        }
        d[t] = Math.sqrt(sq);
      }
      times[s] = decayTime(d, settle + pulse, net.dt);
      if (censored(d, settle + pulse)) held++;
    }
    Arrays.sort(times);
    double median = (times[(STREAMS - 1) / 2] + times[STREAMS / 2]) / 2;
    int back = Math.min(settle, steps(1000, dtMs));
    double drift = 0;
    for (int i = 0; i < n; i++) {
      double e = rb[settle * STREAMS * n + i] - rb[(settle - back) * STREAMS * n + i];
      drift += e * e;
    }
    return new Result(median, (double) held / STREAMS, Math.sqrt(drift / n), state);
  }

  /**
   * The operating input of {@code task}: the mean over {@link #OPERATING_TRIALS} trials drawn from {@code rng} of the
   * input at a trial's first step (the fixation period of the seed tasks: fixation = 1, every other channel 0 up to
   * input noise).
   */
  public static float[] operatingInput(Task task, SplittableRandom rng) {
    double[] sum = new double[task.nIn()];
    for (int k = 0; k < OPERATING_TRIALS; k++) {
      float[] first = task.sample(rng).inputs()[0];
      for (int c = 0; c < sum.length; c++) sum[c] += first[c];
    }
    float[] u0 = new float[sum.length];
    for (int c = 0; c < sum.length; c++) u0[c] = (float) (sum[c] / OPERATING_TRIALS);
    return u0;
  }

  /**
   * The time (s) after index {@code from} until {@code d} first falls below d[from] / e, steps of {@code dt} s; the
   * remaining length of {@code d} if it never does (censored), 0 if d[from] is 0.
   */
  static double decayTime(double[] d, int from, double dt) {
    double level = d[from] / Math.E;
    for (int t = from; t < d.length; t++) if (d[t] < level || d[t] == 0) return (t - from) * dt;
    return (d.length - 1 - from) * dt;
  }

  private static boolean censored(double[] d, int from) {
    double level = d[from] / Math.E;
    for (int t = from; t < d.length; t++) if (d[t] < level || d[t] == 0) return false;
    return true;
  }

  private static int steps(double ms, double dtMs) {
    return (int) Math.round(ms / dtMs);
  }
}
