package org.taunet.train;

/**
 * Where a {@link TrainLoop} stands, as checkpoint state under {@code loop/}: the position (epoch, step in the epoch,
 * global step), the run's seconds so far, the running {@link Window} of the current metrics row and the training
 * accuracy of the last row (for the collapse test). Entries: {@code epoch}, {@code step_in_epoch}, {@code step}
 * (longs), {@code seconds}, {@code last_train_acc} (doubles), {@code window/steps}, {@code window/count} (longs),
 * {@code window/loss}, {@code window/correct}, {@code window/step_seconds} (doubles).
 *
 * <p>Public so that a family's {@link LegacyMapping} can write the loop position of a pre-core checkpoint.
 */
public final class LoopState implements Stateful {
  int epoch = 1;
  long stepInEpoch;
  long step;
  double seconds;
  Window window = Window.EMPTY;
  double lastTrainAccuracy = Double.NaN;

  /** The start of a run: epoch 1, no step done, empty window. */
  public LoopState() {}

  /**
   * A position: {@code step} steps done, the next one being step {@code stepInEpoch} (0-based) of epoch {@code epoch}
   * (1-based; 1 for runs without epochs), after {@code seconds} of training; empty window.
   */
  public static LoopState at(int epoch, long stepInEpoch, long step, double seconds) {
    if (epoch < 1 || stepInEpoch < 0 || step < 0 || stepInEpoch > step) {
      throw new IllegalArgumentException("invalid loop position: epoch " + epoch + ", step in epoch " + stepInEpoch
          + ", step " + step);
    }
    LoopState s = new LoopState();
    s.epoch = epoch;
    s.stepInEpoch = stepInEpoch;
    s.step = step;
    s.seconds = seconds;
    return s;
  }

  /** This position with the running window {@code w} (e.g. a pre-core checkpoint's loss and accuracy sums). */
  public LoopState withWindow(Window w) {
    window = w;
    return this;
  }

  /** The current epoch, 1-based. */
  public int epoch() {
    return epoch;
  }

  /** Steps done in the current epoch, i.e. the 0-based index of the next one. */
  public long stepInEpoch() {
    return stepInEpoch;
  }

  /** Optimizer steps done in the whole run. */
  public long step() {
    return step;
  }

  /** Seconds of training so far, including those before any resume (timing). */
  public double seconds() {
    return seconds;
  }

  /** The running window of the current metrics row. */
  public Window window() {
    return window;
  }

  @Override
  public void exportState(StateWriter out) {
    out.writeLong("epoch", epoch);
    out.writeLong("step_in_epoch", stepInEpoch);
    out.writeLong("step", step);
    out.writeDouble("seconds", seconds);
    out.writeDouble("last_train_acc", lastTrainAccuracy);
    StateWriter w = out.writeScope("window");
    w.writeLong("steps", window.steps());
    w.writeLong("count", window.count());
    w.writeDouble("loss", window.lossSum());
    w.writeDouble("correct", window.correct());
    w.writeDouble("step_seconds", window.stepSeconds());
  }

  @Override
  public void importState(StateReader in) {
    long e = in.readLong("epoch"), sie = in.readLong("step_in_epoch"), s = in.readLong("step");
    if (e < 1 || e > Integer.MAX_VALUE || sie < 0 || s < 0 || sie > s) {
      throw new StateException("loop state: invalid position epoch " + e + ", step_in_epoch " + sie + ", step " + s);
    }
    double sec = in.readDouble("seconds"), acc = in.readDouble("last_train_acc");
    StateReader w = in.readScope("window");
    Window win = new Window(w.readLong("steps"), w.readLong("count"), w.readDouble("loss"), w.readDouble("correct"),
        w.readDouble("step_seconds"));
    epoch = (int) e;
    stepInEpoch = sie;
    step = s;
    seconds = sec;
    lastTrainAccuracy = acc;
    window = win;
  }
}
