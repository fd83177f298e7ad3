package org.taunet.train;

import java.util.List;
import java.util.Map;

/**
 * What a model family supplies to the {@link TrainLoop} for one run: its network, optimizer and data behind a step
 * function and an evaluator. The loop owns everything else (resume, cadences, metrics rows, divergence, time limit,
 * checkpoint and summary files, progress).
 *
 * <p><b>Determinism contract</b> (resume is bit-identical to the uninterrupted run, also from a mid-epoch
 * checkpoint): every random draw comes either from a stream derived from (seed, epoch) or (seed, step) (e.g.
 * {@code Seeds.epochStream}) or from an {@link RngStream} that is part of {@link #state()}; anything else that changes
 * during training (parameters, optimizer moments, persistent particles, carried recurrent state, a stream position)
 * is part of {@link #state()}.
 *
 * <p>Calls, in order: on a fresh run {@code startEpoch(1)}, then {@code step(1, 0, 1)}, {@code step(1, 1, 2)}, ...;
 * {@code evaluate} whenever a row is due; {@code state()} exported at each checkpoint; {@code summary} at the end.
 * On resume the loop first restores the loop position; if it is inside an epoch it calls {@code startEpoch(e)} and
 * then imports {@code state()} (so epoch-local state that startEpoch resets is overwritten by the checkpoint),
 * otherwise it imports the state and starts the next epoch as usual.
 */
public interface Trainable {
  /** The family name (e.g. "ep"), stored in the checkpoint and checked on resume. */
  String family();

  /**
   * Optimizer steps per epoch (minibatches per pass over the training data), &gt; 0; or 0 for a family trained in
   * plain steps (fresh trials each step), whose run length is {@link LoopConfig#steps()} and whose rows have no
   * epoch column. Must not change during a run.
   */
  long stepsPerEpoch();

  /**
   * Sets up epoch {@code epoch} (1-based): draws its shuffle from the epoch's stream, resets epoch-local state. What
   * it computes outside {@link #state()} must depend only on the seed and {@code epoch}. Called once before the first
   * step of every epoch (for plain-step families once, with 1), and again on a resume inside the epoch.
   */
  default void startEpoch(int epoch) {}

  /**
   * One optimizer step.
   *
   * @param epoch the current epoch, 1-based (1 for plain-step families)
   * @param stepInEpoch 0-based index of this step in its epoch (the minibatch index)
   * @param step 1-based index of this step in the run (the RNN's iteration; a per-step stream's key)
   * @return the step's loss sum, correct count, item count and gradient norm
   */
  StepResult step(int epoch, long stepInEpoch, long step);

  /**
   * The family's metrics columns for a row, in order (e.g. train_loss, train_acc, test_acc); {@code train} is the
   * running window since the previous row (empty for a row at step 0). Must not change the trajectory of training:
   * state it touches (held-out particles, a carried state it saves and restores) must end as if evaluation were part
   * of the training schedule, i.e. happen at the same steps in every run. Column names must not be the loop's own
   * ({@code step}, {@code epoch}, {@link TrainLoop#SECONDS}, {@link #throughputColumn()}).
   */
  Map<String, Object> evaluate(Window train);

  /** Everything to checkpoint, written under state names ({@code net/...}, {@code opt/...}, {@code rng/...}, ...). */
  Stateful state();

  /**
   * The state of the final checkpoint of a finished run (default {@link #state()}); e.g. EP without its persistent
   * particles unless asked to keep them. A resumed finished run imports this one.
   */
  default Stateful finalState() {
    return state();
  }

  /** Whether the parameters are all finite; checked before every checkpoint, so none holds a diverged network. */
  default boolean isFinite() {
    return true;
  }

  /** Accuracy of guessing (1 / classes) for the collapse test, or NaN if the family has no accuracy. */
  default double chance() {
    return Double.NaN;
  }

  /**
   * Name of the throughput column (items per second of step time), ending in {@code _per_s}: e.g.
   * {@code samples_per_s}, {@code trials_per_s}, {@code bytes_per_s}.
   */
  default String throughputColumn() {
    return "samples_per_s";
  }

  /**
   * The family's fields of summary.json, after the loop's (status, collapsed, steps, epochs, train_seconds): e.g.
   * final and best accuracy from {@code rows}, data notes, an end-of-run analysis.
   *
   * @param rows every metrics row of the run (possibly none, e.g. a run that diverged before its first row)
   */
  Map<String, Object> summary(TrainLoop.Status status, List<Map<String, String>> rows);

  /** How to read this family's pre-core checkpoints, or null to refuse them ({@link CheckpointFile}). */
  default LegacyMapping legacy() {
    return null;
  }
}
