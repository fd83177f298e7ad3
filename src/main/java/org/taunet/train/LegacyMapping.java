package org.taunet.train;

import java.io.IOException;
import java.util.Arrays;
import org.taunet.run.Checkpoint;

/**
 * How a family reads its checkpoints of the format before the shared training core (a {@code checkpoint.bin} written
 * by {@code EpCheckpoint}, {@code RnnCheckpoint} or {@code ElmCheckpoint}): it writes the same numbers under the state
 * names its {@link Stateful} objects and the {@link TrainLoop} read. The mapping is a renaming, never a computation,
 * so a mapped state holds exactly the values the old file held.
 *
 * <p>The documented renamings (a family's mapping must follow them):
 * <ul>
 *   <li>EP: {@code W<l>, b<l>, dt<l>} -&gt; {@code net/W<l>, net/b<l>, net/dt<l>}; {@code opt_m<2(l-1)>} -&gt;
 *       {@code opt/W<l>/m} (Adam) or {@code opt/W<l>/velocity} (momentum), {@code opt_m<2(l-1)+1>} -&gt;
 *       {@code opt/b<l>/...}, {@code opt_v<i>} likewise to {@code .../v}; meta {@code opt_t} -&gt; {@code opt/t};
 *       meta {@code epoch} e -&gt; the loop at the start of epoch e+1.</li>
 *   <li>RNN: parameter {@code <name>} -&gt; {@code net/<name>}, {@code tau} -&gt; {@code net/tau}; {@code opt_m<i>},
 *       {@code opt_v<i>} -&gt; {@code opt/<paramNames[i]>/m}, {@code .../v}; meta {@code opt_t} -&gt; {@code opt/t};
 *       the initial network {@code W0, Win0, tau0} -&gt; {@code init/W, init/Win, init/tau}; meta {@code iteration}
 *       -&gt; the loop's step.</li>
 *   <li>ELM: {@code params} -&gt; {@code net/params}; {@code adam_m}, {@code adam_v} -&gt; {@code opt/params/m},
 *       {@code opt/params/v}; meta {@code adam_t} -&gt; {@code opt/t}; the meta position (epoch, batch_in_epoch, step,
 *       train_seconds, loss_sum, correct, count) -&gt; the loop's position and running sums.</li>
 * </ul>
 * Entries the old format did not have (e.g. {@code opt/skipped}, the loop's window step seconds) are written as 0.
 * The static helpers below do the copying with the file named in every error.
 */
@FunctionalInterface
public interface LegacyMapping {
  /**
   * Writes the state held by the legacy checkpoint {@code old} to {@code out} under the current names.
   *
   * @throws IOException naming {@code old.file()} if an entry or meta field is missing or malformed
   */
  void map(Checkpoint old, StateWriter out) throws IOException;

  /** Copies float tensor {@code from} of {@code old} to {@code out} as {@code to}, with its stored shape. */
  static void tensor(Checkpoint old, String from, StateWriter out, String to) throws IOException {
    out.writeTensor(to, old.floats(from), old.shape(from));
  }

  /** As {@link #tensor(Checkpoint, String, StateWriter, String)} with the shape {@code shape} (same element count). */
  static void tensor(Checkpoint old, String from, StateWriter out, String to, int... shape) throws IOException {
    float[] data = old.floats(from);
    if (StateBundle.product(shape) != data.length) {
      throw new IOException(old.file() + ": tensor '" + from + "' has " + data.length + " values, expected shape "
          + Arrays.toString(shape));
    }
    out.writeTensor(to, data, shape);
  }

  /**
   * Copies the per-slot optimizer buffers of the old families ({@code <oldPrefix><i>}, slot i = the i-th parameter)
   * to {@code opt/<param>/<buffer>} with each parameter's shape: EP and RNN kept their moments this way
   * ({@code opt_m0, opt_m1, ...}, in the order of the {@link Param} list their {@link Optimizer} is built with).
   *
   * @param params the new optimizer's parameters, in slot order
   * @param buffer the new buffer name: {@code m}, {@code v} or {@code velocity}
   */
  static void optimizerSlots(Checkpoint old, StateWriter out, String oldPrefix, java.util.List<Param> params,
                             String buffer) throws IOException {
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      tensor(old, oldPrefix + i, out, "opt/" + p.name() + "/" + buffer, p.shape());
    }
  }

  /** Writes {@code opt/t} from the integral meta field {@code key} (opt_t, adam_t) and {@code opt/skipped} = 0. */
  static void optimizerStep(Checkpoint old, StateWriter out, String key) throws IOException {
    out.writeLong("opt/t", metaLong(old, key));
    out.writeLong("opt/skipped", 0);
  }

  /** The integral meta field {@code key} of {@code old}. */
  static long metaLong(Checkpoint old, String key) throws IOException {
    Object v = old.meta().get(key);
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new IOException(old.file() + ": legacy checkpoint meta has no integer '" + key + "' (it has "
          + old.meta().keySet() + ")");
    }
    return ((Number) v).longValue();
  }

  /** The numeric meta field {@code key} of {@code old}. */
  static double metaDouble(Checkpoint old, String key) throws IOException {
    Object v = old.meta().get(key);
    if (!(v instanceof Number n)) {
      throw new IOException(old.file() + ": legacy checkpoint meta has no number '" + key + "' (it has "
          + old.meta().keySet() + ")");
    }
    return n.doubleValue();
  }
}
