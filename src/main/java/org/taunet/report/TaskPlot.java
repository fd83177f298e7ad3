package org.taunet.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.tasks.Task;
import org.taunet.tasks.Trial;

/** A plot of one trial of a task: every input channel and target over time, stacked, with the loss mask. */
public final class TaskPlot {
  private TaskPlot() {}

  /** Vertical distance between stacked traces. */
  private static final double GAP = 1.5;

  /**
   * Writes one PNG of {@code trial}: the mask at the bottom, then the targets, then the inputs, each trace offset by
   * {@value #GAP} and labelled with its channel name; time in seconds over the trial's length (padding left out).
   */
  public static void write(Path png, Task task, Trial trial) throws IOException {
    int n = trial.length();
    double[] time = new double[n];
    for (int t = 0; t < n; t++) time[t] = t * task.dtMs() / 1000;
    Map<String, Charts.Line> lines = new LinkedHashMap<>();
    double offset = 0;
    double[] mask = new double[n];
    for (int t = 0; t < n; t++) mask[t] = trial.mask()[t] + offset;
    lines.put("mask", Charts.Line.of(time, mask));
    for (int o = 0; o < task.nOut(); o++) {
      offset += GAP;
      lines.put("target " + task.outputNames().get(o), Charts.Line.of(time, column(trial.targets(), o, n, offset)));
    }
    for (int i = 0; i < task.nIn(); i++) {
      offset += GAP;
      lines.put("input " + task.inputNames().get(i), Charts.Line.of(time, column(trial.inputs(), i, n, offset)));
    }
    Charts.lines(png, task.name() + ": one trial (label " + task.outputNames().get(trial.label()) + ", traces offset by "
        + GAP + ")", "time (s)", "value + offset", lines, false);
  }

  private static double[] column(float[][] a, int c, int n, double offset) {
    double[] out = new double[n];
    for (int t = 0; t < n; t++) out[t] = a[t][c] + offset;
    return out;
  }
}
