package org.taunet.ep;

/**
 * The states of one minibatch: {@code s[l]} is B x n_l row-major for layers 0..L, where
 * {@code s[0]} is the clamped input (pixels in [0, 1]) and is never changed by relaxation.
 */
public final class EpState {
  final int batch;
  final int[] sizes;
  final float[][] s;

  /** Zero state for a batch of {@code batch} examples; capacity is fixed at construction. */
  public EpState(int[] sizes, int batch) {
    this.batch = batch;
    this.sizes = sizes.clone();
    this.s = new float[sizes.length][];
    for (int l = 0; l < sizes.length; l++) s[l] = new float[batch * sizes[l]];
  }

  /** Copies every layer of {@code other} (same shape) into this state. */
  public void copyFrom(EpState other) {
    for (int l = 0; l < s.length; l++) System.arraycopy(other.s[l], 0, s[l], 0, s[l].length);
  }

  /** Layer l of example k as a new array (for tests and inspection). */
  public float[] layer(int l, int k) {
    return java.util.Arrays.copyOfRange(s[l], k * sizes[l], (k + 1) * sizes[l]);
  }

  /** Index of the most active output unit of example k: the network's prediction. */
  public int predict(int k) {
    int out = sizes.length - 1, n = sizes[out];
    int best = 0;
    for (int j = 1; j < n; j++) if (s[out][k * n + j] > s[out][k * n + best]) best = j;
    return best;
  }
}
