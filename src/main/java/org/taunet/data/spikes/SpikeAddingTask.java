package org.taunet.data.spikes;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.taunet.data.seq.SequenceTask;

/**
 * SHD-Adding (Spieler et al. 2024) and its FSDD twin: an example is two samples drawn independently (uniformly, with
 * replacement), each cropped to the window and binned, concatenated in time; the label is
 * (y1 mod 10) + (y2 mod 10), one of 19 classes, scored on the last step. Training pairs are redrawn by
 * {@link #newEpoch}; validation and test pairs are fixed by the seed.
 */
final class SpikeAddingTask implements SequenceTask {
  /** Classes: digit sums 0..18. */
  static final int CLASSES = 19;
  /**
   * Fixed validation/test pairs per split: the pool size, but at least this many, so that accuracy on the small
   * FSDD test pool (300 samples) still has a standard error of about 1.5 points.
   */
  static final int MIN_EVAL_PAIRS = 1000;

  private final String name;
  private final SpikeSplits splits;
  private final SpikeBinning binning;
  private final String note;
  private int[] trainPairs;
  private final int[] validPairs;
  private final int[] testPairs;

  SpikeAddingTask(String name, SpikeSplits splits, SpikeBinning binning, org.taunet.run.Seeds seeds, String note) {
    this.name = name;
    this.splits = splits;
    this.binning = binning;
    this.note = note;
    this.trainPairs = draw(splits.train().size(), splits.train().size(), seeds.stream("adding-train-pairs"));
    this.validPairs = draw(Math.max(MIN_EVAL_PAIRS, splits.valid().size()), splits.valid().size(),
        seeds.stream("adding-valid-pairs"));
    this.testPairs = draw(Math.max(MIN_EVAL_PAIRS, splits.test().size()), splits.test().size(),
        seeds.stream("adding-test-pairs"));
  }

  /** {@code count} pairs (first at 2k, second at 2k+1) of indices into a pool of {@code n}. */
  private static int[] draw(int count, int n, SplittableRandom rng) {
    if (n < 1) throw new IllegalArgumentException("empty sample pool");
    int[] p = new int[2 * count];
    for (int i = 0; i < p.length; i++) p[i] = rng.nextInt(n);
    return p;
  }

  private int[] pairs(Split split) {
    return switch (split) {
      case TRAIN -> trainPairs;
      case VALID -> validPairs;
      case TEST -> testPairs;
    };
  }

  @Override public String name() { return name; }

  @Override public int channels() { return binning.channels(); }

  @Override public int steps() { return 2 * binning.steps(); }

  @Override public int numClasses() { return CLASSES; }

  @Override public int size(Split split) { return pairs(split).length / 2; }

  /** Redraws the training pairs: as many pairs as training samples, each drawn independently. */
  @Override public void newEpoch(SplittableRandom rng) {
    trainPairs = draw(splits.train().size(), splits.train().size(), rng);
  }

  @Override public void fill(Split split, int[] idx, float[] x, int[] labels) {
    SpikeTasks.checkBuffers(this, idx, x, labels);
    Arrays.fill(x, 0f);
    List<SpikeTrain> pool = splits.pool(split);
    int[] p = pairs(split);
    for (int b = 0; b < idx.length; b++) {
      SpikeTrain first = pool.get(p[2 * idx[b]]);
      SpikeTrain second = pool.get(p[2 * idx[b] + 1]);
      binning.add(first, x, idx.length, b, 0);
      binning.add(second, x, idx.length, b, binning.steps());
      labels[b] = first.label() % 10 + second.label() % 10;  // digits 0-9 English, 10-19 German in SHD
    }
  }

  @Override public String note() { return note; }
}
