package org.taunet.seq;

import java.util.Arrays;

/**
 * A batch of input sequences in compressed sparse rows: row r = t * batch + b (time-major) lists the nonzero
 * channels of time step t of example b and their values. Spike inputs are about 1% dense and one-hot bytes have
 * exactly one entry per row, so models gather the few nonzero inputs per step instead of dense products.
 * Buffers grow as needed and are reused across batches.
 */
public final class SparseInput {
  private int steps;
  private int batch;
  private int channels;
  /**
   * Row r's entries are {@code index[start[r] .. start[r+1])} with values {@code value[...]}: read by the models'
   * kernels (ELM, LSTM) in their inner loops, written only by this class (the arrays are replaced when they grow).
   */
  public int[] start = new int[1];
  /** Channel of each nonzero entry, row after row (see {@link #start}). */
  public int[] index = new int[16];
  /** Value of each nonzero entry (see {@link #start}). */
  public float[] value = new float[16];

  /** Time steps of the current batch. */
  public int steps() {
    return steps;
  }

  /** Batch size of the current batch. */
  public int batch() {
    return batch;
  }

  /** Input channels. */
  public int channels() {
    return channels;
  }

  /** Nonzero entries in all rows. */
  public int nonzeros() {
    return start[steps * batch];
  }

  /** Loads dense time-major inputs {@code x[(t * batch + b) * channels + c]}, keeping only nonzeros. */
  public void setDense(float[] x, int steps, int batch, int channels) {
    reset(steps, batch, channels);
    int rows = steps * batch, n = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * channels;
      for (int c = 0; c < channels; c++) {
        float v = x[base + c];
        if (v != 0f) {
          if (n == index.length) grow(n + 1);
          index[n] = c;
          value[n++] = v;
        }
      }
      start[r + 1] = n;
    }
  }

  /** Loads one-hot symbols {@code symbols[t * batch + b]} in [0, channels). */
  public void setOneHot(int[] symbols, int steps, int batch, int channels) {
    reset(steps, batch, channels);
    int rows = steps * batch;
    if (index.length < rows) grow(rows);
    for (int r = 0; r < rows; r++) {
      int s = symbols[r];
      if (s < 0 || s >= channels) throw new IllegalArgumentException("symbol " + s + " outside [0, " + channels + ")");
      index[r] = s;
      value[r] = 1f;
      start[r + 1] = r + 1;
    }
  }

  private void reset(int steps, int batch, int channels) {
    if (steps < 1 || batch < 1 || channels < 1) throw new IllegalArgumentException("empty input");
    this.steps = steps;
    this.batch = batch;
    this.channels = channels;
    if (start.length < steps * batch + 1) start = new int[steps * batch + 1];
    start[0] = 0;
  }

  private void grow(int min) {
    int cap = Math.max(min, index.length * 2);
    index = Arrays.copyOf(index, cap);
    value = Arrays.copyOf(value, cap);
  }
}
