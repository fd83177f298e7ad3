package org.taunet.ep;

import java.util.SplittableRandom;
import org.taunet.data.Dataset;
import org.taunet.run.Seeds;

/**
 * The relaxation probe: a fixed batch of test examples relaxed from the zero state by the free dynamics (beta = 0), with
 * the mean energy and the mean absolute state change recorded at every step, to see whether a relaxation settles,
 * creeps or oscillates (scalar dt &gt; 1 overshoots by a factor |1 - dt| per step; heterogeneous dt_i may damp the
 * synchronous oscillation). For step t = 1..T:
 * <pre>
 *   energy_t   = (1/B) sum_k E(s_k^t)                                     (S&amp;B 2017, Eq. 1, beta = 0; dimensionless)
 *   mean_ds_t  = (1/(B N)) sum_k sum_{l&gt;=1, i} |s_{k,l,i}^t - s_{k,l,i}^{t-1}|   (N = hidden + output neurons)
 * </pre>
 * The examples are the first B of a permutation of the test set drawn from the stream {@code "probe"}, so every run of a
 * seed probes the same images whatever its condition. The probe has its own state and workspaces and draws nothing
 * after construction: running it does not change training (the {@code Trainable.evaluate} contract).
 */
final class EpProbe {
  private final EpNetwork net;
  private final Relaxer relaxer;
  private final EpState state;
  private final EpState prev;
  private final float[] y;
  private final int rows;
  private final int steps;

  /**
   * A probe of {@code min(count, test.n())} examples chosen by {@code probeRng}, relaxing {@code steps} steps.
   *
   * @param count probe batch size B, &gt;= 1
   */
  EpProbe(EpNetwork net, Dataset test, int count, int steps, SplittableRandom probeRng) {
    this.net = net;
    this.steps = steps;
    rows = Math.min(count, test.n());
    int[] order = Seeds.permutation(test.n(), probeRng);
    state = new EpState(net.sizes, rows);
    prev = new EpState(net.sizes, rows);
    y = new float[rows * net.sizes[net.sizes.length - 1]];
    int dim = test.dim();
    for (int k = 0; k < rows; k++) System.arraycopy(test.x(), order[k] * dim, state.s[0], k * dim, dim);
    relaxer = new Relaxer(net, rows);
  }

  /** Steps per probe relaxation. */
  int steps() {
    return steps;
  }

  /**
   * Relaxes the probe batch from zero with the current weights.
   *
   * @return {energy_t, mean_ds_t} for t = 1..steps, as [steps][2]
   */
  double[][] run() {
    for (int l = 1; l < net.sizes.length; l++) java.util.Arrays.fill(state.s[l], 0f);
    relaxer.setInput(state, rows);
    int neurons = 0;
    for (int l = 1; l < net.sizes.length; l++) neurons += net.sizes[l];
    double[][] out = new double[steps][2];
    for (int t = 0; t < steps; t++) {
      prev.copyFrom(state);
      relaxer.step(state, y, 0f);
      double ds = 0;
      for (int l = 1; l < net.sizes.length; l++) {
        float[] a = state.s[l], b = prev.s[l];
        for (int i = 0; i < rows * net.sizes[l]; i++) ds += Math.abs(a[i] - b[i]);
      }
      out[t][0] = relaxer.meanEnergy(state);
      out[t][1] = ds / ((double) rows * neurons);
    }
    return out;
  }
}
