package org.taunet.data.seq;

import java.util.SplittableRandom;

/**
 * A sequence classification task for recurrent models (SHD, SHD-Adding, spiking spoken digits): each example is an
 * input sequence of {@link #steps()} time bins over {@link #channels()} channels and one class label, scored on the
 * last time step.
 *
 * <p>Layout contract of {@link #fill}: inputs are time-major, {@code x[(t * batch + b) * channels + c]} for time bin
 * t, batch row b and channel c (spike counts per bin, mostly zeros).
 *
 * <p>A finite dataset, unlike the trial generators of {@code org.taunet.tasks.Task} (see there why the two stay apart).
 */
public interface SequenceTask {
  /** Which part of the data. */
  enum Split { TRAIN, VALID, TEST }

  /** Task name, e.g. {@code fsdd-adding}. */
  String name();

  /** Input channels per time bin. */
  int channels();

  /** Time bins per example. */
  int steps();

  /** Number of classes. */
  int numClasses();

  /** Examples in a split (for the training split: examples per epoch). */
  int size(Split split);

  /**
   * Starts a new training epoch: tasks that resample examples (e.g. SHD-Adding's random pairs) draw them here from
   * {@code rng}; fixed tasks ignore it. Validation and test examples never change.
   */
  default void newEpoch(SplittableRandom rng) {}

  /**
   * Writes examples {@code idx[b]} of {@code split} into {@code x} (time-major, fully overwritten, length
   * {@code steps * idx.length * channels}) and their labels into {@code labels} (length {@code idx.length}).
   * Modifies {@code x} and {@code labels} only.
   */
  void fill(Split split, int[] idx, float[] x, int[] labels);

  /** How the data was made or split, for run provenance. */
  String note();
}
