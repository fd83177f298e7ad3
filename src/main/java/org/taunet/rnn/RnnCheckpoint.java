package org.taunet.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.run.Checkpoint;

/**
 * Everything needed to continue an RNN run exactly after a completed evaluation: the parameters (W, Win, b, Wout,
 * bout[, theta]), the initial W0, Win0 and tau0 (for weight-change norms and intrinsic-timescale tables), the
 * current tau and Adam's moments (opt_m0.., opt_v0..); meta: iteration, opt_t.
 */
public final class RnnCheckpoint {
  /** File name inside the run folder. */
  public static final String FILE = "checkpoint.bin";

  private RnnCheckpoint() {}

  /** Restored state. */
  public record State(int iteration, RnnNetwork net, RnnNetwork initial, Adam adam) {}

  /** Writes the checkpoint atomically. */
  public static void save(Path file, State st) throws IOException {
    Map<String, Object> tensors = new LinkedHashMap<>();
    float[][] p = st.net().params();
    String[] names = st.net().paramNames();
    for (int i = 0; i < p.length; i++) {
      tensors.put(names[i], p[i]);
      tensors.put("opt_m" + i, st.adam().m[i]);
      tensors.put("opt_v" + i, st.adam().v[i]);
    }
    tensors.put("tau", st.net().tau);
    tensors.put("W0", st.initial().w);
    tensors.put("Win0", st.initial().win);
    tensors.put("tau0", st.initial().tau);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("iteration", st.iteration());
    meta.put("opt_t", st.adam().t);
    Checkpoint.save(file, meta, tensors);
  }

  /**
   * Loads a checkpoint into a copy of {@code fresh} (a network built from the run's config, which fixes shapes and
   * settings); the initial network is rebuilt from W0, Win0, tau0 and the fresh network's other initial values.
   */
  public static State load(Path file, RnnNetwork fresh) throws IOException {
    Checkpoint ck = Checkpoint.load(file);
    RnnNetwork net = fresh.copy();
    float[][] p = net.params();
    String[] names = net.paramNames();
    Adam adam = new Adam(p);
    for (int i = 0; i < p.length; i++) {
      copy(file, names[i], ck.floats(names[i]), p[i]);
      copy(file, "opt_m" + i, ck.floats("opt_m" + i), adam.m[i]);
      copy(file, "opt_v" + i, ck.floats("opt_v" + i), adam.v[i]);
    }
    copy(file, "tau", ck.floats("tau"), net.tau);
    net.refreshFactors();
    adam.t = ((Number) ck.meta().get("opt_t")).longValue();
    RnnNetwork initial = fresh.copy();
    copy(file, "W0", ck.floats("W0"), initial.w);
    copy(file, "Win0", ck.floats("Win0"), initial.win);
    copy(file, "tau0", ck.floats("tau0"), initial.tau);
    initial.refreshFactors();
    return new State(((Number) ck.meta().get("iteration")).intValue(), net, initial, adam);
  }

  private static void copy(Path file, String name, float[] src, float[] dst) throws IOException {
    if (src.length != dst.length) {
      throw new IOException(file + ": tensor " + name + " has " + src.length + " values, expected " + dst.length);
    }
    System.arraycopy(src, 0, dst, 0, src.length);
  }
}
