package org.taunet.rnn;

import java.util.SplittableRandom;
import org.taunet.analysis.EffectiveTimescales;
import org.taunet.analysis.ExpFit;
import org.taunet.tasks.Task;
import org.taunet.tasks.Trial;

/**
 * Measures effective timescales of a network on task-like input: {@link #STREAMS} independent streams of the task's
 * trials played back to back without resetting the state (unpadded, so trial starts do not line up across streams),
 * simulated noise-free for the given number of steps; the first {@link #BURN_IN} steps are dropped and each unit's
 * rate autocorrelation is fitted by {@link EffectiveTimescales} with lags up to {@link #MAX_LAG} (fewer for short
 * simulations). {@link #spontaneous} does the same without input, driven by private noise only.
 */
public final class TimescaleProbe {
  public static final int STREAMS = 8;
  public static final int BURN_IN = 100;
  public static final int MAX_LAG = 200;
  /**
   * sd of the private noise added to every unit's drive per step in the spontaneous probe (as {@code --noise}): about
   * a tenth of the drive a task input of size 1 gives (Win ~ N(0, 1/nIn)), enough to keep a silent network moving and
   * small enough to probe the dynamics near the rest state.
   */
  public static final double SPONTANEOUS_NOISE = 0.1;

  private TimescaleProbe() {}

  /** Per-unit fits for {@code net} driven by {@code steps} steps of {@code task} trials drawn from {@code rng}. */
  public static ExpFit[] measure(RnnNetwork net, Task task, int steps, SplittableRandom rng) {
    return fits(taskAcf(net, task, steps, rng), net.dt);
  }

  /**
   * Per-unit fits for {@code net} under spontaneous activity: zero input, private noise of sd
   * {@link #SPONTANEOUS_NOISE} on every unit's drive per step (drawn from {@code rng}), otherwise as {@link #measure}.
   */
  public static ExpFit[] spontaneous(RnnNetwork net, int steps, SplittableRandom rng) {
    return fits(spontaneousAcf(net, steps, rng), net.dt);
  }

  /** The autocorrelations behind {@link #measure}: per unit, rho(k) for k = 0..max lag (null for a constant unit). */
  public static double[][] taskAcf(RnnNetwork net, Task task, int steps, SplittableRandom rng) {
    int maxLag = maxLag(steps);
    float[] u = inputs(task, steps, rng);
    Bptt sim = new Bptt(net, steps, STREAMS);
    sim.forward(u, 0, null);
    return EffectiveTimescales.acfs(sim.rates(), STREAMS * net.n, steps, STREAMS, net.n, burnIn(steps), maxLag);
  }

  /** The autocorrelations behind {@link #spontaneous}, as {@link #taskAcf}. */
  public static double[][] spontaneousAcf(RnnNetwork net, int steps, SplittableRandom rng) {
    int maxLag = maxLag(steps);
    Bptt sim = new Bptt(net, steps, STREAMS);
    sim.forward(new float[steps * STREAMS * net.nIn], SPONTANEOUS_NOISE, rng);
    return EffectiveTimescales.acfs(sim.rates(), STREAMS * net.n, steps, STREAMS, net.n, burnIn(steps), maxLag);
  }

  /** The fit of each unit's autocorrelation ({@link EffectiveTimescales#fit}). */
  public static ExpFit[] fits(double[][] acf, double dt) {
    ExpFit[] f = new ExpFit[acf.length];
    for (int i = 0; i < acf.length; i++) f[i] = EffectiveTimescales.fit(acf[i], dt);
    return f;
  }

  private static int burnIn(int steps) {
    return Math.min(BURN_IN, steps / 10);
  }

  private static int maxLag(int steps) {
    int maxLag = Math.min(MAX_LAG, (steps - burnIn(steps)) / 4);
    if (maxLag < 5) throw new IllegalArgumentException("timescale simulation too short: " + steps + " steps");
    return maxLag;
  }

  /** [steps x STREAMS x nIn]: each stream is trials of {@code task} concatenated. */
  static float[] inputs(Task task, int steps, SplittableRandom rng) {
    int nIn = task.nIn();
    float[] u = new float[steps * STREAMS * nIn];
    for (int s = 0; s < STREAMS; s++) {
      int t = 0;
      while (t < steps) {
        Trial tr = task.sample(rng);
        for (int k = 0; k < tr.length() && t < steps; k++, t++) {
          System.arraycopy(tr.inputs()[k], 0, u, (t * STREAMS + s) * nIn, nIn);
        }
      }
    }
    return u;
  }
}
