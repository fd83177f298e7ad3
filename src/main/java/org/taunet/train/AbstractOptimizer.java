package org.taunet.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The part every rule shares: the bound parameters, the learning rate and its schedule, clipping, the non-finite
 * policy, the step counters and their state. Subclasses supply the per-parameter update and their buffers.
 */
public abstract sealed class AbstractOptimizer implements Optimizer permits Sgd, Momentum, Adam {
  private final List<Param> params;
  private final double lr;
  private final LrSchedule schedule;
  private final double clip;
  private final NonFinite nonFinite;
  private long steps;
  private long skipped;

  /**
   * @param params parameters with distinct names, in update order
   * @param lr learning rate before the schedule, finite and &gt;= 0
   * @param schedule multiplier of the learning rate by step index
   * @param clip maximum global gradient norm, 0 = no clipping
   * @param nonFinite what a NaN or infinite gradient norm does
   */
  AbstractOptimizer(List<Param> params, double lr, LrSchedule schedule, double clip, NonFinite nonFinite) {
    this.params = List.copyOf(params);
    Set<String> names = new HashSet<>();
    for (Param p : this.params) {
      if (!names.add(p.name())) throw new IllegalArgumentException("two parameters are named '" + p.name() + "'");
    }
    if (!(lr >= 0 && lr < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("lr must be finite and >= 0, got " + lr);
    if (!(clip >= 0 && clip < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("clip must be finite and >= 0 (0 = off), got " + clip);
    }
    this.lr = lr;
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clip = clip;
    this.nonFinite = Objects.requireNonNull(nonFinite, "nonFinite");
  }

  @Override
  public final double step() {
    double norm = GradNorm.of(params);
    if (!Double.isFinite(norm) && nonFinite == NonFinite.SKIP) {
      skipped++;
      return norm;
    }
    float scale = GradNorm.clipScale(norm, clip);
    double factor = schedule.factor(steps);
    steps++;
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      update(i, p, scale, p.lrOr(lr) * factor, steps);
    }
    return norm;
  }

  /**
   * Updates parameter {@code slot} in place.
   *
   * @param scale clipping factor to apply to every gradient element ({@code g[i] * scale})
   * @param lr this parameter's learning rate for this update, schedule included
   * @param t 1-based index of this update (Adam's bias correction)
   */
  abstract void update(int slot, Param p, float scale, double lr, long t);

  /** The per-parameter buffers, by buffer name (e.g. "m", "v"), slot by slot; none for plain SGD. */
  abstract List<String> bufferNames();

  /** Buffer {@code buffer} (an index into {@link #bufferNames}) of parameter {@code slot}. */
  abstract float[] buffer(int buffer, int slot);

  @Override
  public final long steps() {
    return steps;
  }

  @Override
  public final long skippedSteps() {
    return skipped;
  }

  @Override
  public final double currentLr() {
    return lr * schedule.factor(steps);
  }

  @Override
  public final List<Param> params() {
    return params;
  }

  /** Writes t, skipped and every buffer as {@code <param>/<buffer>} with the parameter's shape. */
  @Override
  public final void exportState(StateWriter out) {
    out.writeLong("t", steps);
    out.writeLong("skipped", skipped);
    List<String> buffers = bufferNames();
    for (int i = 0; i < params.size(); i++) {
      for (int b = 0; b < buffers.size(); b++) {
        out.writeTensor(params.get(i).name() + "/" + buffers.get(b), buffer(b, i), params.get(i).shape());
      }
    }
  }

  /** Reads what {@link #exportState} wrote; every buffer must exist with the parameter's shape. */
  @Override
  public final void importState(StateReader in) {
    long t = in.readLong("t");
    long s = in.readLong("skipped");
    if (t < 0 || s < 0) throw new StateException("optimizer state: negative step count t=" + t + ", skipped=" + s);
    List<String> buffers = bufferNames();
    List<float[]> staged = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      for (int b = 0; b < buffers.size(); b++) {
        float[] into = new float[params.get(i).value().length];
        in.readTensor(params.get(i).name() + "/" + buffers.get(b), into, params.get(i).shape());
        staged.add(into);
      }
    }
    // all entries checked: only now overwrite, so a failed restore leaves this optimizer as it was
    int k = 0;
    for (int i = 0; i < params.size(); i++) {
      for (int b = 0; b < buffers.size(); b++) {
        float[] src = staged.get(k++);
        System.arraycopy(src, 0, buffer(b, i), 0, src.length);
      }
    }
    steps = t;
    skipped = s;
  }
}
