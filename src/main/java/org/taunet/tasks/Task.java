package org.taunet.tasks;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A trial-based cognitive task for rate RNNs (neurogym style). Every trial has the same padded length
 * {@link #maxSteps()} so a minibatch is a dense [T x B x nIn] block; steps after a trial's end carry zero input and
 * zero loss weight.
 *
 * <p>Not the same notion as {@code data.seq.SequenceTask} (the ELM benchmarks), on purpose: a {@code Task} is a
 * generator (an endless stream of fresh trials drawn from a seed, per-step targets and a loss mask, no splits), while
 * a {@code SequenceTask} is a finite dataset with train/validation/test splits and one label per example scored on the
 * last step. Merging them would make every RNN trial a dataset row or give every dataset an RNG; what they share (a
 * time-major input block) is the kernels' layout, not an interface.
 */
public interface Task {
  /** Registry name, e.g. {@code multiscale-wm}. */
  String name();

  /** Time step in ms. */
  double dtMs();

  /** Names of the input channels, in order (nIn of them). */
  List<String> inputNames();

  /** Names of the outputs, in order; output 0 is fixation, the others are choices. */
  List<String> outputNames();

  /** Padded trial length T in steps. */
  int maxSteps();

  /** A new trial drawn from {@code rng} (the only source of randomness). */
  Trial sample(SplittableRandom rng);

  /**
   * The task whose trials evaluate a network trained on this one: the task itself for a trial generator (fresh trials
   * are unseen ones); a fixed dataset's held-out trials ({@link NpzTask}).
   */
  default Task evaluation() {
    return this;
  }

  /** Number of input channels. */
  default int nIn() {
    return inputNames().size();
  }

  /** Number of outputs. */
  default int nOut() {
    return outputNames().size();
  }
}
