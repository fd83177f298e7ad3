package org.taunet.rnn;

import java.util.SplittableRandom;

/**
 * How long activity outlasts a brief input pulse, the second probe of "closeness to sustained activity". From x = 0
 * with zero input the network runs {@link #SETTLE_MS} ms, then each of {@link #STREAMS} streams gets a constant input
 * pulse u ~ N(0, 1) per channel for {@link #PULSE_MS} ms, then zero input again; the same run without the pulse is the
 * baseline. With d_t the mean over streams of ||r_t - r_t(baseline)|| (rates, Euclidean norm over units), the
 * persistence is the time from the pulse's end until d_t first falls below d(pulse end) / e, in seconds, capped at
 * {@link #HORIZON_MS} ms (a network that keeps the pulse longer reads as the cap). Noise-free, so deterministic.
 */
public final class Persistence {
  public static final int STREAMS = 8;
  public static final double SETTLE_MS = 1000;
  public static final double PULSE_MS = 100;
  public static final double HORIZON_MS = 20000;

  private Persistence() {}

  /** The persistence of {@code net} in seconds, pulses drawn from {@code rng}. */
  public static double of(RnnNetwork net, SplittableRandom rng) {
    double dtMs = net.dt * 1000;
    int settle = steps(SETTLE_MS, dtMs), pulse = Math.max(1, steps(PULSE_MS, dtMs)), horizon = steps(HORIZON_MS, dtMs);
    int total = settle + pulse + horizon, nIn = net.nIn, n = net.n;
    float[] u = new float[total * STREAMS * nIn];
    for (int s = 0; s < STREAMS; s++) {
      for (int k = 0; k < nIn; k++) {
        float v = (float) rng.nextGaussian();
        for (int t = settle; t < settle + pulse; t++) u[(t * STREAMS + s) * nIn + k] = v;
      }
    }
    Bptt sim = new Bptt(net, total, STREAMS);
    sim.forward(u, 0, null);
    float[] pulsed = sim.rates().clone();
    sim.forward(new float[u.length], 0, null);
    float[] base = sim.rates();
    double[] d = new double[total + 1];
    for (int t = 0; t <= total; t++) {
      for (int s = 0; s < STREAMS; s++) {
        double sq = 0;
        for (int i = 0; i < n; i++) {
          double e = pulsed[(t * STREAMS + s) * n + i] - base[(t * STREAMS + s) * n + i];
          sq += e * e;
        }
        d[t] += Math.sqrt(sq) / STREAMS;
      }
    }
    return decayTime(d, settle + pulse, net.dt);
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

  private static int steps(double ms, double dtMs) {
    return (int) Math.round(ms / dtMs);
  }
}
