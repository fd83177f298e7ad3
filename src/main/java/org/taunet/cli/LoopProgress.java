package org.taunet.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.taunet.train.LoopState;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;

/**
 * The progress display of every {@code train} command: a progress bar per epoch (or one for a run in plain steps) on
 * a terminal (started again after a row printed mid-epoch), and one line per metrics row on stderr, which is all a log file gets. The row line shows every column in
 * order: accuracies and non-converged fractions ({@code *_acc}, {@code nonconv*}) as percentages, seconds and rates rounded, the rest to 4
 * significant digits.
 */
final class LoopProgress implements TrainLoop.Listener {
  private final PrintStream err;
  private final String unit;
  private long totalSteps;
  private int epochs;
  private ProgressReporter bar;
  private String label = "";
  private long barLength;

  /**
   * @param err where the row lines go
   * @param unit what a row counts in the bar's label when there are no epochs, e.g. "step" or "iteration"
   */
  LoopProgress(PrintStream err, String unit) {
    this.err = err;
    this.unit = unit;
  }

  /** A listener that shows nothing ({@code --quiet}). */
  static TrainLoop.Listener quiet() {
    return new TrainLoop.Listener() {};
  }

  @Override
  public void start(LoopState from, long total) {
    totalSteps = total;
  }

  @Override
  public void epochStart(int epoch, long done, long stepsPerEpoch) {
    close();
    epochs = stepsPerEpoch > 0 ? (int) (totalSteps / stepsPerEpoch) : 0;
    label = epochs > 0 ? "epoch " + epoch + "/" + epochs : unit + "s";
    barLength = epochs > 0 ? stepsPerEpoch : totalSteps;
    bar = ProgressReporter.start(label, barLength);
  }

  @Override
  public void step(long step, long stepInEpoch, Window running) {
    if (bar == null) bar = ProgressReporter.start(label, barLength); // after a row printed mid-epoch
    String msg = Double.isNaN(running.accuracy()) ? String.format(Locale.ROOT, "loss %.4f", running.meanLoss())
        : String.format(Locale.ROOT, "acc %.2f%%", 100 * running.accuracy());
    bar.step(epochs > 0 ? stepInEpoch : step, msg, running.count());
  }

  @Override
  public void evaluated(Map<String, Object> row) {
    close();
    err.println(format(row, epochs));
  }

  @Override
  public void end(TrainLoop.Result result) {
    close();
  }

  private void close() {
    if (bar != null) bar.close();
    bar = null;
  }

  /** One row as a line: {@code epoch 3/10  train_loss 0.1234  test_acc 97.12%  12.3 s  14200 samples/s}. */
  static String format(Map<String, Object> row, int epochs) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : row.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (b.length() > 0) b.append("  ");
      if (k.equals("epoch") && epochs > 0) b.append("epoch ").append(v).append('/').append(epochs);
      else if (k.equals(TrainLoop.SECONDS) && v instanceof Number n) b.append(String.format(Locale.ROOT, "%.1f s", n.doubleValue()));
      else if (k.endsWith("_per_s") && v instanceof Number n) {
        b.append(String.format(Locale.ROOT, "%.0f %s", n.doubleValue(), k.substring(0, k.length() - 6).replace('_', ' ') + "/s"));
      } else b.append(k).append(' ').append(value(k, v));
    }
    return b.toString();
  }

  private static String value(String key, Object v) {
    if (!(v instanceof Double || v instanceof Float)) return String.valueOf(v);
    double d = ((Number) v).doubleValue();
    if (key.endsWith("_acc") || key.startsWith("nonconv")) return String.format(Locale.ROOT, "%.2f%%", 100 * d);
    return String.format(Locale.ROOT, "%.4g", d);
  }
}
