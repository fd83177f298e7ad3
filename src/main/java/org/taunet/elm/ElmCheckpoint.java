package org.taunet.elm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.run.Checkpoint;

/**
 * Everything needed to continue an ELM/LSTM run exactly: parameters, Adam state, the carried recurrent state (text)
 * and the loop position. Routing and fixed tau_m are not stored: they are re-derived from the seed. Tensors: params,
 * adam_m, adam_v, state; meta: see {@link Position}.
 */
public final class ElmCheckpoint {
  /** File name inside the run folder. */
  public static final String FILE = "checkpoint.bin";

  private ElmCheckpoint() {}

  /**
   * Where the loop stands: the current epoch (1-based) and batches done in it, optimizer steps so far, training
   * seconds so far, the running sums of the current metrics row, and (text) the stream position.
   */
  public record Position(int epoch, int batchInEpoch, long step, double trainSeconds, double lossSum, double correct,
                         double count, int streamPosition) {}

  /** Writes the checkpoint atomically. */
  public static void save(Path file, Position pos, SeqModel model, Adam adam) throws IOException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", pos.epoch());
    meta.put("batch_in_epoch", pos.batchInEpoch());
    meta.put("step", pos.step());
    meta.put("train_seconds", pos.trainSeconds());
    meta.put("loss_sum", pos.lossSum());
    meta.put("correct", pos.correct());
    meta.put("count", pos.count());
    meta.put("stream_position", pos.streamPosition());
    meta.put("adam_t", adam.t);
    Map<String, Object> tensors = new LinkedHashMap<>();
    tensors.put("params", model.params());
    tensors.put("adam_m", adam.m);
    tensors.put("adam_v", adam.v);
    tensors.put("state", model.carriedState());
    Checkpoint.save(file, meta, tensors);
  }

  /** Restores parameters, Adam and carried state into {@code model} and {@code adam}; returns the position. */
  public static Position load(Path file, SeqModel model, Adam adam) throws IOException {
    Checkpoint ck = Checkpoint.load(file);
    copy(file, "params", ck.floats("params"), model.params());
    copy(file, "adam_m", ck.floats("adam_m"), adam.m);
    copy(file, "adam_v", ck.floats("adam_v"), adam.v);
    float[] state = ck.floats("state");
    Map<String, Object> m = ck.meta();
    adam.t = num(m, "adam_t").longValue();
    Position pos = new Position(num(m, "epoch").intValue(), num(m, "batch_in_epoch").intValue(), num(m, "step").longValue(),
        num(m, "train_seconds").doubleValue(), num(m, "loss_sum").doubleValue(), num(m, "correct").doubleValue(),
        num(m, "count").doubleValue(), num(m, "stream_position").intValue());
    if (state.length > 0) {
      int perRow = stateBatchOf(model, state.length);
      model.resetState(perRow);
      copy(file, "state", state, model.carriedState());
    }
    return pos;
  }

  // the batch whose carried state has this length (state length is linear in the batch)
  private static int stateBatchOf(SeqModel model, int length) {
    model.resetState(1);
    int one = model.carriedState().length;
    return length / one;
  }

  private static Number num(Map<String, Object> meta, String key) throws IOException {
    Object v = meta.get(key);
    if (!(v instanceof Number n)) throw new IOException("checkpoint meta lacks " + key);
    return n;
  }

  private static void copy(Path file, String name, float[] src, float[] dst) throws IOException {
    if (src.length != dst.length)
      throw new IOException(file + ": tensor " + name + " has " + src.length + " values, expected " + dst.length);
    System.arraycopy(src, 0, dst, 0, src.length);
  }
}
