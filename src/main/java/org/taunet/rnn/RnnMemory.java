package org.taunet.rnn;

import java.util.Locale;
import org.taunet.run.MemoryBudget;
import org.taunet.tasks.Task;

/**
 * Size checks of an RNN run before it allocates ({@link MemoryBudget}): the recurrent matrix and the BPTT workspaces
 * within Java's int index range, and the estimated memory within the free heap. The estimate counts the parameters
 * five times (network, initial copy for the weight-change analysis, gradients, Adam's two moments), the BPTT
 * workspaces (drives, states, rates and their gradients over T + 1 steps x batch x N, readouts and their gradients),
 * the fixed evaluation set and the timescale probe ({@value TimescaleProbe#STREAMS} streams).
 */
final class RnnMemory {
  private RnnMemory() {}

  /** Refuses {@code cfg} on {@code task} (its trial length {@link Task#maxSteps()} at the config's dt). */
  static void check(RnnConfig cfg, Task task) {
    long n = cfg.units(), in = task.nIn(), out = task.nOut(), steps = task.maxSteps(), b = cfg.batchSize();
    String flags = "--units " + n + " --batch-size " + b + " (--dt-ms " + RnnConfig.fmt(cfg.dtMs()) + ": " + steps + " steps per trial)";
    MemoryBudget.checkArray(n * n, "the recurrent weight matrix (" + n + " x " + n + ")", flags);
    MemoryBudget.checkArray((steps + 1) * b * n, "the BPTT states (" + (steps + 1) + " steps x " + b + " trials x " + n
        + " units)", flags);
    long params = n * n + n * in + 2 * n + out * n + out;
    long bptt = 4 * (steps + 1) * b * n + 2 * steps * b * out;
    long evalTrials = (cfg.evalTrials() + b - 1) / b * b;
    long data = (evalTrials + b) * steps * (in + out + 1);
    long probe = cfg.timescaleSteps() > 0 ? 4L * (cfg.timescaleSteps() + 1) * TimescaleProbe.STREAMS * (n + in) : 0;
    long floats = 5 * params + bptt + data + probe;
    MemoryBudget.checkHeap(4 * floats, String.format(Locale.ROOT, "%,d parameters x 5 copies + BPTT over %d steps x %d"
        + " trials x %d units", params, steps + 1, b, n), flags);
  }
}
