package org.taunet.elm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.Checkpoint;
import org.taunet.run.MetricsCsv;
import org.taunet.train.LegacyMapping;
import org.taunet.train.LoopState;
import org.taunet.train.StateWriter;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;

/**
 * Runs started before the shared training core: their {@code checkpoint.bin} (written by the former
 * {@code ElmCheckpoint}: tensors {@code params}, {@code adam_m}, {@code adam_v}, {@code state}; meta {@code epoch},
 * {@code batch_in_epoch}, {@code step}, {@code train_seconds}, {@code loss_sum}, {@code correct}, {@code count},
 * {@code stream_position}, {@code adam_t}) and the column order of their classification metrics.csv.
 *
 * <p>The renaming ({@link LegacyMapping}): {@code params} -&gt; {@code net/params}; {@code adam_m}, {@code adam_v}
 * -&gt; {@code opt/params/m}, {@code opt/params/v}; {@code adam_t} -&gt; {@code opt/t} ({@code opt/skipped} = 0);
 * text only: {@code state} -&gt; {@code net/state}, {@code stream_position} -&gt; {@code data/position}; the position
 * -&gt; {@code loop/...} (epoch, step in epoch = batch_in_epoch, or for text the stream position, a completed pass
 * being the start of the next epoch; step; seconds; the running window from loss_sum, correct and count). The moments
 * are those of the former {@code elm.Adam}, whose update differs from {@code train.Adam}'s only in the rounding of
 * the bias correction, so the resumed run continues on the same trajectory up to float rounding.
 */
final class ElmLegacy {
  private ElmLegacy() {}

  /**
   * The mapping of a classification ({@code text} false) or text run's old checkpoint.
   *
   * @param stepsPerEpoch the run's steps per epoch (segments per pass for text)
   * @param itemsPerStep items per step (batch; segment x batch for text), to recover the window's step count
   */
  static LegacyMapping mapping(boolean text, long stepsPerEpoch, long itemsPerStep) {
    return (old, out) -> {
      LegacyMapping.tensor(old, "params", out, "net/params");
      if (text) LegacyMapping.tensor(old, "state", out, "net/state");
      LegacyMapping.tensor(old, "adam_m", out, "opt/params/m");
      LegacyMapping.tensor(old, "adam_v", out, "opt/params/v");
      LegacyMapping.optimizerStep(old, out, "adam_t");
      long epoch = LegacyMapping.metaLong(old, "epoch"), inEpoch = LegacyMapping.metaLong(old, "batch_in_epoch");
      if (text) {
        long p = LegacyMapping.metaLong(old, "stream_position");
        out.writeLong("data/position", p);
        inEpoch = p;
        if (p == stepsPerEpoch) { // the pass was complete: the old loop started the next one on resume
          epoch++;
          inEpoch = 0;
        }
      }
      writeLoop(old, out.writeScope("loop"), epoch, inEpoch, itemsPerStep);
    };
  }

  private static void writeLoop(Checkpoint old, StateWriter loop, long epoch, long inEpoch, long itemsPerStep)
      throws IOException {
    long step = LegacyMapping.metaLong(old, "step");
    double count = LegacyMapping.metaDouble(old, "count");
    Window w = new Window(Math.round(count / itemsPerStep), Math.round(count), LegacyMapping.metaDouble(old, "loss_sum"),
        LegacyMapping.metaDouble(old, "correct"), 0);
    try {
      LoopState.at(Math.toIntExact(epoch), inEpoch, step, LegacyMapping.metaDouble(old, "train_seconds")).withWindow(w)
          .exportState(loop);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IOException(old.file() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rewrites an old classification metrics.csv (columns epoch, step, ..., train_seconds) in the loop's column order
   * (step, epoch, ..., train_seconds, {@code throughput} = NaN), so that a resumed old run appends to it; a file that
   * already has the throughput column, or none, is left alone.
   */
  static void migrateMetrics(Path file, String throughput) throws IOException {
    if (!Files.exists(file)) return;
    List<Map<String, String>> rows = MetricsCsv.read(file);
    if (rows.isEmpty() || rows.get(0).containsKey(throughput)) return;
    Path tmp = file.resolveSibling(file.getFileName() + ".migrating");
    Files.deleteIfExists(tmp);
    MetricsCsv out = new MetricsCsv(tmp);
    for (Map<String, String> r : rows) out.append(reordered(r, throughput));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Map<String, Object> reordered(Map<String, String> r, String throughput) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", r.get("step"));
    row.put("epoch", r.get("epoch"));
    List<String> rest = new ArrayList<>(r.keySet());
    rest.removeAll(List.of("step", "epoch", TrainLoop.SECONDS));
    for (String key : rest) row.put(key, r.get(key));
    row.put(TrainLoop.SECONDS, r.get(TrainLoop.SECONDS));
    row.put(throughput, "NaN");
    return row;
  }
}
