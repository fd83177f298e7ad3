package org.taunet.data.spikes;

import java.util.Arrays;
import java.util.List;
import org.taunet.data.seq.SequenceTask;

/**
 * Single-sample spiking classification (SHD, spiking FSDD): each example is one sample cropped or zero-padded to a
 * fixed window and binned; the label is the sample's class, scored on the last time bin.
 */
final class SpikeClassificationTask implements SequenceTask {
  private final String name;
  private final SpikeSplits splits;
  private final SpikeBinning binning;
  private final int numClasses;
  private final String note;

  SpikeClassificationTask(String name, SpikeSplits splits, SpikeBinning binning, int numClasses, String note) {
    this.name = name;
    this.splits = splits;
    this.binning = binning;
    this.numClasses = numClasses;
    this.note = note;
  }

  @Override public String name() { return name; }

  @Override public int channels() { return binning.channels(); }

  @Override public int steps() { return binning.steps(); }

  @Override public int numClasses() { return numClasses; }

  @Override public int size(Split split) { return splits.pool(split).size(); }

  @Override public void fill(Split split, int[] idx, float[] x, int[] labels) {
    SpikeTasks.checkBuffers(this, idx, x, labels);
    Arrays.fill(x, 0f);
    List<SpikeTrain> pool = splits.pool(split);
    for (int b = 0; b < idx.length; b++) {
      SpikeTrain s = pool.get(idx[b]);
      binning.add(s, x, idx.length, b, 0);
      labels[b] = s.label();
    }
  }

  @Override public String note() { return note; }
}
