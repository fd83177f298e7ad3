package org.taunet.data;

import java.util.Objects;

/**
 * A train/test pair of datasets with the same feature dimension and classes.
 *
 * @param train training examples
 * @param test held-out examples
 * @param note one or more human sentences about how the split was made; empty for a dataset's official split
 */
public record DatasetSplit(Dataset train, Dataset test, String note) {
  /** Validates that both parts exist and agree on {@code dim} and {@code numClasses}. */
  public DatasetSplit {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(note, "note");
    if (train.dim() != test.dim() || train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException("train (" + train + ") and test (" + test + ") disagree on dim or classes");
    }
  }

  /** True if this is the dataset's official split (no note). */
  public boolean isOfficial() { return note.isEmpty(); }
}
