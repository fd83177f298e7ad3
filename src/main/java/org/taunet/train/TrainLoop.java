package org.taunet.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;

/**
 * The one training loop of every family: a {@link Trainable} supplies the step and the evaluator, this loop owns
 * resume, evaluation and checkpoint cadences ({@link LoopConfig}), the metrics rows, divergence and collapse, the
 * time limit, summary.json and progress ({@link Listener}).
 *
 * <p><b>Files</b> in the run folder: {@value #CHECKPOINT} ({@link CheckpointFile}: the family's state plus the loop's
 * under {@code loop/}, see {@link LoopState}), {@value #METRICS} (one row per evaluation: {@code step},
 * {@code epoch} for families with epochs, the family's columns, {@value #SECONDS} and the family's throughput
 * column), {@value #SUMMARY} (status, collapsed, steps, epochs, train_seconds, diverged_at_step when diverged, then
 * the family's fields). config.json and provenance are the caller's.
 *
 * <p><b>Per step</b>: the step; its result joins the running window; a step that {@link StepResult#diverged()} ends
 * the run as {@link Status#DIVERGED} at once, without a row or checkpoint, so the last checkpoint on disk is the last
 * good one. Then, in this order: a row if one is due (evalEvery, epoch end, the last step) followed by a
 * checkpoint; else a checkpoint if due by steps, by wall-clock minutes since the last checkpoint, or by the time
 * limit; finally the time-limit stop. A checkpoint is written only when {@link Trainable#isFinite()}, else the run
 * ends as diverged.
 *
 * <p><b>Resume</b> ({@code run(true, ...)} with a checkpoint): restores the loop position and the family's state,
 * drops metrics rows after the checkpoint's step and continues; the rows, state and checkpoint files are then
 * bit-identical to those of the uninterrupted run, except the timing values ({@link #isTiming}). Seconds come from an
 * injectable clock, so tests can make even those deterministic.
 */
public final class TrainLoop {
  /** The checkpoint file in the run folder (the name the families' checkpoints had). */
  public static final String CHECKPOINT = "checkpoint.bin";
  /** The metrics table in the run folder. */
  public static final String METRICS = "metrics.csv";
  /** The summary in the run folder. */
  public static final String SUMMARY = "summary.json";
  /** The column (and summary field) of training seconds so far, including those before a resume (timing). */
  public static final String SECONDS = "train_seconds";

  /**
   * Whether a metrics column or summary field is a timing value, the only ones not reproducible bit for bit:
   * {@value #SECONDS} and every throughput column ({@code *_per_s}). Reproducibility checks skip exactly these.
   */
  public static boolean isTiming(String column) {
    return column.equals(SECONDS) || column.endsWith("_per_s");
  }

  /** How a run ended. */
  public enum Status {
    /** Every step done. */
    FINISHED,
    /** Stopped by the time limit after writing a checkpoint; resume to continue. */
    TIME_LIMIT,
    /** A step's loss or applied gradient norm was not finite, or the parameters were before a checkpoint. */
    DIVERGED;

    /** Lower-case name for files (summary.json, provenance). */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why a checkpoint was written. */
  public enum CheckpointReason {
    /** With a metrics row. */
    EVALUATION,
    /** {@link LoopConfig#checkpointEvery()}. */
    STEPS,
    /** {@link LoopConfig#checkpointMinutes()}. */
    WALL_CLOCK,
    /** Before stopping at the time limit. */
    TIME_LIMIT
  }

  /**
   * The outcome of {@link #run}.
   *
   * @param status how the run ended
   * @param steps global steps done
   * @param collapsed finished with a training accuracy below collapseFactor * chance
   * @param summary what was written to summary.json
   */
  public record Result(Status status, long steps, boolean collapsed, Map<String, Object> summary) {}

  /** Progress callbacks, all optional; called on the training thread. An exception thrown here ends the run. */
  public interface Listener {
    /** Training starts (or resumes) at {@code from}; {@code totalSteps} is the run length. */
    default void start(LoopState from, long totalSteps) {}

    /** Epoch {@code epoch} starts or resumes after {@code done} of its {@code stepsPerEpoch} steps (0 = plain steps). */
    default void epochStart(int epoch, long done, long stepsPerEpoch) {}

    /** Step {@code step} of the run (1-based), {@code stepInEpoch} of its epoch (1-based), with the running window. */
    default void step(long step, long stepInEpoch, Window running) {}

    /** A metrics row was appended. */
    default void evaluated(Map<String, Object> row) {}

    /** A checkpoint of the state after {@code step} steps was written to {@code file}. */
    default void checkpoint(Path file, long step, CheckpointReason reason) {}

    /** The run ended; summary.json is written. */
    default void end(Result result) {}
  }

  private final Trainable model;
  private final LoopConfig cfg;
  private final RunDir run;
  private final LongSupplier nanoClock;
  private final long perEpoch;
  private final long total;
  private LoopState pos = new LoopState();
  private MetricsCsv metrics;
  private Listener listener;
  private long sessionStart;
  private double priorSeconds;
  private double lastCheckpointSeconds;
  private long divergedAt = -1;

  /** A loop on the system clock. */
  public TrainLoop(Trainable model, LoopConfig cfg, RunDir run) {
    this(model, cfg, run, System::nanoTime);
  }

  /**
   * A loop whose seconds come from {@code nanoClock} (nanoseconds, monotonic; tests inject a deterministic one).
   *
   * @throws IllegalArgumentException if the config does not give the family a run length, or the throughput column
   *     does not end in {@code _per_s}
   */
  public TrainLoop(Trainable model, LoopConfig cfg, RunDir run, LongSupplier nanoClock) {
    this.model = Objects.requireNonNull(model, "model");
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.run = Objects.requireNonNull(run, "run");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.perEpoch = model.stepsPerEpoch();
    this.total = cfg.totalSteps(perEpoch);
    if (!model.throughputColumn().endsWith("_per_s")) {
      throw new IllegalArgumentException("throughput column '" + model.throughputColumn() + "' must end in _per_s");
    }
  }

  /**
   * Trains to the end, the time limit or divergence, and writes summary.json.
   *
   * @param resume continue from the run folder's checkpoint if there is one (else start over, dropping old rows)
   * @throws IOException naming the file if the checkpoint cannot be read or does not fit, or a file cannot be written
   */
  public Result run(boolean resume, Listener listener) throws IOException {
    this.listener = Objects.requireNonNull(listener, "listener");
    metrics = run.metrics(METRICS);
    Path file = run.file(CHECKPOINT);
    if (resume && Files.exists(file)) {
      restore(file);
    } else {
      pos = new LoopState();
      metrics.truncateAfter("step", -1);
    }
    sessionStart = nanoClock.getAsLong();
    priorSeconds = pos.seconds;
    lastCheckpointSeconds = pos.seconds;
    listener.start(pos, total);
    if (cfg.evalAtStart() && pos.step == 0 && metrics.rows().isEmpty()) appendRow(1);
    Status status = train();
    return finish(status);
  }

  private void restore(Path file) throws IOException {
    StateBundle state = CheckpointFile.read(file, model.family(), model.legacy());
    LoopState at = new LoopState();
    try {
      at.importState(state.readScope("loop"));
    } catch (StateException e) {
      throw new IOException(file + ": invalid checkpoint: does not fit this run: " + e.getMessage(), e);
    }
    if (at.step > total) {
      throw new IOException(file + ": invalid checkpoint: it is at step " + at.step + " but this run has only " + total
          + " steps");
    }
    boolean finished = at.step == total;
    if (!finished && at.stepInEpoch > 0) model.startEpoch(at.epoch); // then the checkpoint overwrites its state
    CheckpointFile.restore(file, state, finished ? model.finalState() : model.state());
    pos = at;
    metrics.truncateAfter("step", pos.step);
  }

  private Status train() throws IOException {
    boolean first = true;
    while (pos.step < total) {
      if (pos.stepInEpoch == 0) model.startEpoch(pos.epoch);
      if (pos.stepInEpoch == 0 || first) listener.epochStart(pos.epoch, pos.stepInEpoch, perEpoch);
      first = false;
      long t0 = nanoClock.getAsLong();
      StepResult r = model.step(pos.epoch, pos.stepInEpoch, pos.step + 1);
      double stepSeconds = (nanoClock.getAsLong() - t0) / 1e9;
      pos.step++;
      pos.stepInEpoch++;
      pos.window = pos.window.plus(r, stepSeconds);
      tick();
      listener.step(pos.step, pos.stepInEpoch, pos.window);
      if (r.diverged()) {
        divergedAt = pos.step;
        return Status.DIVERGED;
      }
      Status stop = afterStep();
      if (stop != null) return stop;
    }
    return Status.FINISHED;
  }

  /** Rows, checkpoints and the time limit after a step; a status if the run stops here, else null. */
  private Status afterStep() throws IOException {
    int epoch = pos.epoch;
    boolean epochEnd = perEpoch > 0 && pos.stepInEpoch == perEpoch;
    if (epochEnd) {
      pos.epoch++;
      pos.stepInEpoch = 0;
    }
    boolean last = pos.step == total;
    boolean timeUp = cfg.minutes() > 0 && pos.seconds >= 60 * cfg.minutes();
    CheckpointReason reason = null;
    if (last || cfg.evalEvery() > 0 && pos.step % cfg.evalEvery() == 0 || epochEnd && cfg.evalAtEpochEnd()) {
      appendRow(epoch);
      reason = CheckpointReason.EVALUATION;
    } else if (cfg.checkpointEvery() > 0 && pos.step % cfg.checkpointEvery() == 0) {
      reason = CheckpointReason.STEPS;
    } else if (cfg.checkpointMinutes() > 0 && pos.seconds - lastCheckpointSeconds >= 60 * cfg.checkpointMinutes()) {
      reason = CheckpointReason.WALL_CLOCK;
    } else if (timeUp) {
      reason = CheckpointReason.TIME_LIMIT;
    }
    if (reason != null && !checkpoint(reason, last ? model.finalState() : model.state())) {
      divergedAt = pos.step;
      return Status.DIVERGED;
    }
    return timeUp && !last ? Status.TIME_LIMIT : null;
  }

  private void appendRow(int epoch) throws IOException {
    Window w = pos.window;
    Map<String, Object> fam = model.evaluate(w);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", pos.step);
    if (perEpoch > 0) row.put("epoch", epoch);
    for (Map.Entry<String, Object> e : fam.entrySet()) {
      if (row.containsKey(e.getKey()) || e.getKey().equals(SECONDS) || e.getKey().equals(model.throughputColumn())) {
        throw new IllegalStateException("family column '" + e.getKey() + "' clashes with a column of the loop");
      }
      row.put(e.getKey(), e.getValue());
    }
    tick();
    row.put(SECONDS, pos.seconds);
    row.put(model.throughputColumn(), w.perSecond());
    metrics.append(row);
    pos.lastTrainAccuracy = w.accuracy();
    pos.window = Window.EMPTY;
    listener.evaluated(row);
  }

  /** Writes the checkpoint of {@code state} and the loop position; false (nothing written) if not finite. */
  private boolean checkpoint(CheckpointReason reason, Stateful state) throws IOException {
    if (!model.isFinite()) return false;
    tick();
    StateBundle b = new StateBundle();
    state.exportState(b);
    pos.exportState(b.writeScope("loop"));
    Path file = run.file(CHECKPOINT);
    CheckpointFile.write(file, model.family(), b);
    lastCheckpointSeconds = pos.seconds;
    listener.checkpoint(file, pos.step, reason);
    return true;
  }

  private void tick() {
    pos.seconds = priorSeconds + (nanoClock.getAsLong() - sessionStart) / 1e9;
  }

  private Result finish(Status status) throws IOException {
    tick();
    boolean collapsed = status == Status.FINISHED && pos.lastTrainAccuracy < cfg.collapseFactor() * model.chance();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("status", status.id());
    s.put("collapsed", collapsed);
    s.put("steps", pos.step);
    if (perEpoch > 0) s.put("epochs", pos.step / perEpoch);
    s.put(SECONDS, pos.seconds);
    if (status == Status.DIVERGED) s.put("diverged_at_step", divergedAt);
    for (Map.Entry<String, Object> e : model.summary(status, metrics.rows()).entrySet()) {
      if (s.containsKey(e.getKey())) throw new IllegalStateException("family summary field '" + e.getKey()
          + "' clashes with a field of the loop");
      s.put(e.getKey(), e.getValue());
    }
    run.writeJson(SUMMARY, s);
    Result result = new Result(status, pos.step, collapsed, s);
    listener.end(result);
    return result;
  }
}
