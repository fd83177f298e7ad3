package org.taunet.data.spikes;

import java.util.List;

/**
 * A spiking classification dataset (SHD, or spoken digits encoded SHD-style).
 *
 * @param name dataset name, e.g. {@code shd} or {@code fsdd-spikes}
 * @param channels number of input channels (700 for SHD)
 * @param numClasses number of classes (20 for SHD, 10 for FSDD)
 * @param train training samples
 * @param test test samples
 * @param note how the data was made or split, for run provenance
 */
public record SpikeDataset(String name, int channels, int numClasses, List<SpikeTrain> train, List<SpikeTrain> test,
    String note) {
  public SpikeDataset {
    train = List.copyOf(train);
    test = List.copyOf(test);
  }
}
