package org.taunet.ep;

import org.taunet.train.StateReader;
import org.taunet.train.StateWriter;
import org.taunet.train.Stateful;

/**
 * Persistent particles (Scellier &amp; Bengio 2017, Sec. 4): the free-phase state of every example of a
 * dataset, stored at the end of its free phase and used as the initial state at its next visit.
 * {@code states[l]} is N x n_l for layers 1..L; all start at 0. State ({@link Stateful}): {@code <l>} [N, n_l] for
 * l = 1..L.
 */
public final class Particles implements Stateful {
  final int examples;
  final int[] sizes;
  final float[][] states;

  public Particles(int[] sizes, int examples) {
    this.sizes = sizes.clone();
    this.examples = examples;
    states = new float[sizes.length][];
    for (int l = 1; l < sizes.length; l++) states[l] = new float[Math.multiplyExact(examples, sizes[l])];
  }

  /** Copies the particles of examples idx[from .. from+rows) into rows 0.. of {@code state}. */
  void load(int[] idx, int from, int rows, EpState state) {
    for (int l = 1; l < sizes.length; l++) {
      int n = sizes[l];
      for (int k = 0; k < rows; k++) System.arraycopy(states[l], idx[from + k] * n, state.s[l], k * n, n);
    }
  }

  /** Stores rows 0.. of {@code state} as the particles of examples idx[from .. from+rows). */
  void store(int[] idx, int from, int rows, EpState state) {
    for (int l = 1; l < sizes.length; l++) {
      int n = sizes[l];
      for (int k = 0; k < rows; k++) System.arraycopy(state.s[l], k * n, states[l], idx[from + k] * n, n);
    }
  }

  @Override
  public void exportState(StateWriter out) {
    for (int l = 1; l < sizes.length; l++) out.writeTensor(Integer.toString(l), states[l], examples, sizes[l]);
  }

  @Override
  public void importState(StateReader in) {
    for (int l = 1; l < sizes.length; l++) in.readTensor(Integer.toString(l), states[l], examples, sizes[l]);
  }
}
