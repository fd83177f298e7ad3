package org.taunet.elm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taunet.data.seq.SequenceTask;

/**
 * Synthetic spike task needing memory: in the first {@code cue} steps the channels of the class's group fire with
 * probability 0.3, then every channel fires at random (probability 0.05) until the last step, where the class is
 * scored. Training examples are redrawn each epoch from the epoch's stream; valid/test are fixed.
 */
public final class DelayedCueTask implements SequenceTask {
  static final int CLASSES = 3, GROUP = 3, CHANNELS = CLASSES * GROUP;
  private final int steps, cue, trainSize, testSize;
  private final long seed;
  private long epochSeed;

  public DelayedCueTask(int steps, int cue, int trainSize, int testSize, long seed) {
    this.steps = steps;
    this.cue = cue;
    this.trainSize = trainSize;
    this.testSize = testSize;
    this.seed = seed;
    this.epochSeed = seed ^ 0x5eed;
  }

  @Override public String name() { return "delayed-cue"; }

  @Override public int channels() { return CHANNELS; }

  @Override public int steps() { return steps; }

  @Override public int numClasses() { return CLASSES; }

  @Override public int size(Split split) { return split == Split.TRAIN ? trainSize : testSize; }

  @Override public void newEpoch(SplittableRandom rng) { epochSeed = rng.nextLong(); }

  @Override public void fill(Split split, int[] idx, float[] x, int[] labels) {
    Arrays.fill(x, 0, steps * idx.length * CHANNELS, 0f);
    long base = split == Split.TRAIN ? epochSeed : seed * 31 + split.ordinal();
    for (int b = 0; b < idx.length; b++) {
      SplittableRandom rng = new SplittableRandom(base * 1_000_003L + idx[b]);
      int label = rng.nextInt(CLASSES);
      labels[b] = label;
      for (int t = 0; t < steps; t++) {
        for (int c = 0; c < CHANNELS; c++) {
          double p = t < cue ? (c / GROUP == label ? 0.3 : 0.0) : 0.05;
          if (rng.nextDouble() < p) x[(t * idx.length + b) * CHANNELS + c] = 1f;
        }
      }
    }
  }

  @Override public String note() { return "synthetic delayed cue"; }
}
