package org.taunet.rnn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.train.LegacyMapping;
import org.taunet.train.LoopState;
import org.taunet.train.Param;
import org.taunet.train.TrainLoop;

/**
 * Run folders written before the RNN moved onto the shared training core: their checkpoint.bin (the former
 * {@code RnnCheckpoint}: parameters {@code W, Win, b, Wout, bout[, theta]}, {@code tau}, {@code W0, Win0, tau0},
 * Adam's {@code opt_m<i>, opt_v<i>}; meta {@code iteration} and {@code opt_t}; written after every evaluation) and their
 * metrics.csv (column {@code iteration} where the loop has {@code step}, no {@code train_seconds}).
 */
final class RnnLegacy {
  private RnnLegacy() {}

  /**
   * The renaming documented in {@link LegacyMapping}'s RNN bullet: {@code <param>} -&gt; {@code net/<param>},
   * {@code tau} -&gt; {@code net/tau}, {@code opt_m<i>, opt_v<i>} -&gt; {@code opt/<paramNames[i]>/m, v}, meta
   * {@code opt_t} -&gt; {@code opt/t}, {@code W0, Win0, tau0} -&gt; {@code init/W, init/Win, init/tau}, meta
   * {@code iteration} -&gt; the loop's step (with an empty window: the old checkpoints were written with a row).
   *
   * @param net a network of the run's shape
   * @param params the optimizer's parameters, in the old slot order
   * @param iterations the run's length, which the checkpoint may not exceed
   */
  static LegacyMapping mapping(RnnNetwork net, List<Param> params, long iterations) {
    return (old, out) -> {
      for (Param p : params) LegacyMapping.tensor(old, p.name(), out, "net/" + p.name(), p.shape());
      LegacyMapping.tensor(old, "tau", out, "net/tau", net.n);
      LegacyMapping.optimizerSlots(old, out, "opt_m", params, "m");
      LegacyMapping.optimizerSlots(old, out, "opt_v", params, "v");
      LegacyMapping.optimizerStep(old, out, "opt_t");
      LegacyMapping.tensor(old, "W0", out, "init/W", net.n, net.n);
      LegacyMapping.tensor(old, "Win0", out, "init/Win", net.n, net.nIn);
      LegacyMapping.tensor(old, "tau0", out, "init/tau", net.n);
      long it = LegacyMapping.metaLong(old, "iteration");
      if (it < 0 || it > iterations) {
        throw new IOException(old.file() + ": legacy checkpoint at iteration " + it + ", but the run has " + iterations
            + " iterations");
      }
      LoopState.at(1, it, it, 0).exportState(out.writeScope("loop"));
    };
  }

  /**
   * Rewrites the metrics.csv of a run started before the shared core (it has an {@code iteration} column and no
   * {@code step}) in the loop's layout, atomically: {@code iteration} renamed {@code step}, {@code train_seconds}
   * (NaN: not recorded) inserted before {@code trials_per_s}. Nothing happens to a current or missing table.
   */
  static void migrateMetrics(RunDir run) throws IOException {
    if (!run.exists(TrainLoop.METRICS)) return;
    MetricsCsv metrics = run.metrics(TrainLoop.METRICS);
    List<String> columns = metrics.columns();
    if (columns.isEmpty() || columns.contains("step") || !columns.contains("iteration")) return;
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      if (c.equals("trials_per_s")) out.add(TrainLoop.SECONDS);
      out.add(c.equals("iteration") ? "step" : c);
    }
    if (!out.contains(TrainLoop.SECONDS)) out.add(TrainLoop.SECONDS);
    StringBuilder csv = new StringBuilder(String.join(",", out)).append('\n');
    for (Map<String, String> row : metrics.rows()) {
      Map<String, String> r = new LinkedHashMap<>();
      for (String c : out) {
        r.put(c, c.equals("step") ? row.get("iteration") : c.equals(TrainLoop.SECONDS) ? "NaN" : row.get(c));
      }
      csv.append(String.join(",", r.values())).append('\n');
    }
    run.writeString(TrainLoop.METRICS, csv.toString());
  }
}
