package org.taunet.ep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.run.Checkpoint;

/**
 * Everything needed to continue an EP run exactly: weights, biases, per-neuron time steps, optimizer
 * state and persistent particles, after a completed epoch. Tensor names: W1.., b1.., dt1..,
 * opt_m0.., opt_v0.., particles_train_1.., particles_test_1..; meta: epoch, opt_t, sizes.
 */
public final class EpCheckpoint {
  /** File name inside the run folder. */
  public static final String FILE = "checkpoint.bin";

  private EpCheckpoint() {}

  /** Restored training state; particles are null when not persistent. */
  public record State(int epoch, EpLearner learner, Particles trainParticles, Particles testParticles) {}

  /** Writes the checkpoint atomically. */
  public static void save(Path file, int epoch, EpLearner learner, Particles trainP, Particles testP)
      throws IOException {
    EpNetwork net = learner.network();
    Optimizer opt = learner.optimizer();
    Map<String, Object> tensors = new LinkedHashMap<>();
    for (int l = 1; l < net.sizes.length; l++) {
      tensors.put("W" + l, net.w[l]);
      tensors.put("b" + l, net.b[l]);
      tensors.put("dt" + l, net.dt[l]);
      if (trainP != null) tensors.put("particles_train_" + l, trainP.states[l]);
      if (testP != null) tensors.put("particles_test_" + l, testP.states[l]);
    }
    for (int i = 0; i < opt.m.length; i++) {
      if (opt.m[i] != null) tensors.put("opt_m" + i, opt.m[i]);
      if (opt.v[i] != null) tensors.put("opt_v" + i, opt.v[i]);
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", epoch);
    meta.put("opt_t", opt.t);
    meta.put("sizes", net.sizes);
    Checkpoint.save(file, meta, tensors);
  }

  /**
   * Loads a checkpoint written by {@link #save} for the given config and data sizes. The particles are null when not
   * persistent, and also when the checkpoint has none (a finished run saved without --keep-particles).
   */
  public static State load(Path file, EpConfig cfg, int trainN, int testN) throws IOException {
    Checkpoint ck = Checkpoint.load(file);
    int epoch = ((Number) ck.meta().get("epoch")).intValue();
    @SuppressWarnings("unchecked")
    java.util.List<Number> sizeList = (java.util.List<Number>) ck.meta().get("sizes");
    int[] sizes = sizeList.stream().mapToInt(Number::intValue).toArray();
    int layers = sizes.length;
    float[][] w = new float[layers][], b = new float[layers][], dt = new float[layers][];
    for (int l = 1; l < layers; l++) {
      w[l] = ck.floats("W" + l);
      b[l] = ck.floats("b" + l);
      dt[l] = ck.floats("dt" + l);
    }
    EpNetwork net;
    try {
      net = new EpNetwork(sizes, w, b, dt, cfg.activation(), cfg.dynamics());
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": checkpoint does not match its network: " + e.getMessage(), e);
    }
    Optimizer opt = EpLearner.newOptimizer(cfg, net);
    opt.t = ((Number) ck.meta().get("opt_t")).longValue();
    for (int i = 0; i < opt.m.length; i++) {
      if (opt.m[i] != null) copyExact(file, "opt_m" + i, ck.floats("opt_m" + i), opt.m[i]);
      if (opt.v[i] != null) copyExact(file, "opt_v" + i, ck.floats("opt_v" + i), opt.v[i]);
    }
    boolean hasParticles = cfg.persistent() && ck.names().contains("particles_train_1");
    Particles trainP = hasParticles ? new Particles(sizes, trainN) : null;
    Particles testP = hasParticles ? new Particles(sizes, testN) : null;
    for (int l = 1; l < layers && trainP != null; l++) {
      copyExact(file, "particles_train_" + l, ck.floats("particles_train_" + l), trainP.states[l]);
      copyExact(file, "particles_test_" + l, ck.floats("particles_test_" + l), testP.states[l]);
    }
    return new State(epoch, new EpLearner(cfg, net, opt), trainP, testP);
  }

  private static void copyExact(Path file, String name, float[] src, float[] dst) throws IOException {
    if (src.length != dst.length)
      throw new IOException(file + ": tensor " + name + " has " + src.length + " values, expected " + dst.length);
    System.arraycopy(src, 0, dst, 0, src.length);
  }
}
