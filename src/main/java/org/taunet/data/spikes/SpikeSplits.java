package org.taunet.data.spikes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.taunet.data.seq.SequenceTask.Split;

/**
 * The three sample pools of a spiking task: training, validation (a seeded random {@link #VALID_FRACTION} of the
 * training file, as for SHD-Adding) and test (the test file).
 *
 * @param train training samples
 * @param valid validation samples
 * @param test test samples
 */
record SpikeSplits(List<SpikeTrain> train, List<SpikeTrain> valid, List<SpikeTrain> test) {
  /** Share of the training file held out for validation (SHD-Adding: 20%). */
  static final double VALID_FRACTION = 0.2;

  /** Splits {@code data}'s training file with a shuffle drawn from {@code rng}. */
  static SpikeSplits of(SpikeDataset data, SplittableRandom rng) {
    int n = data.train().size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = n - 1; i > 0; i--) {  // Fisher-Yates
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int nValid = (int) Math.round(n * VALID_FRACTION);
    List<SpikeTrain> valid = new ArrayList<>(nValid);
    List<SpikeTrain> train = new ArrayList<>(n - nValid);
    for (int i = 0; i < n; i++) (i < nValid ? valid : train).add(data.train().get(order[i]));
    return new SpikeSplits(List.copyOf(train), List.copyOf(valid), data.test());
  }

  /** The pool of {@code split}. */
  List<SpikeTrain> pool(Split split) {
    return switch (split) {
      case TRAIN -> train;
      case VALID -> valid;
      case TEST -> test;
    };
  }

  /** "train/valid/test = a/b/c samples". */
  String describe() {
    return "train/valid/test = " + train.size() + "/" + valid.size() + "/" + test.size() + " samples (valid = "
        + Math.round(VALID_FRACTION * 100) + "% of the training file, seeded)";
  }
}
