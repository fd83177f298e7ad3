package org.taunet.train;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.taunet.run.Checkpoint;

/**
 * A toy family for the {@link TrainLoop} tests: logistic regression (W1 [1, 3], b1 [1]) on 40 generated examples,
 * minibatches of 8 (5 steps per epoch), {@link Adam} from this package, the epoch's order from an {@link RngStream}
 * derived from (seed, epoch), and input noise from a per-step stream {@code rng/noise} that is part of the state.
 * Each step advances the injected clock by one second, and nothing else does, so even the timing values are
 * deterministic. {@code poisonAt} makes that step's inputs NaN (a diverging step).
 */
final class ToyFamily implements Trainable {
  static final int N = 40, DIM = 3, BATCH = 8;
  static final long NANOS_PER_STEP = 1_000_000_000L;

  final float[] x = new float[N * DIM];
  final int[] y = new int[N];
  final float[] w = new float[DIM], gw = new float[DIM], b = new float[1], gb = new float[1];
  final Adam adam;
  final RngStream noise;
  final long seed;
  final AtomicLong clock;
  long poisonAt = -1;
  int[] order;

  ToyFamily(long seed, AtomicLong clock) {
    this.seed = seed;
    this.clock = clock;
    RngStream data = RngStream.of(seed);
    for (int i = 0; i < N; i++) {
      double s = 0;
      for (int d = 0; d < DIM; d++) {
        x[i * DIM + d] = (float) data.nextGaussian();
        s += (d + 1) * x[i * DIM + d] * (d == 1 ? -1 : 1);
      }
      y[i] = s + 0.5 * data.nextGaussian() > 0 ? 1 : 0;
    }
    RngStream init = RngStream.splitFrom(seed + 1);
    for (int d = 0; d < DIM; d++) w[d] = (float) (0.1 * init.nextGaussian());
    adam = new Adam(List.of(Param.of("W1", w, gw, 1, DIM), Param.of("b1", b, gb, 1)), 0.05, LrSchedule.constant(), 0,
        Optimizer.NonFinite.APPLY, 0.9, 0.999, 1e-8, 0);
    noise = RngStream.splitFrom(seed + 2);
  }

  @Override
  public String family() {
    return "toy";
  }

  @Override
  public long stepsPerEpoch() {
    return N / BATCH;
  }

  @Override
  public void startEpoch(int epoch) {
    RngStream r = RngStream.splitFrom(seed * 31 + epoch);
    order = new int[N];
    for (int i = 0; i < N; i++) order[i] = i;
    for (int i = N - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  @Override
  public StepResult step(int epoch, long stepInEpoch, long step) {
    clock.addAndGet(NANOS_PER_STEP);
    java.util.Arrays.fill(gw, 0f);
    gb[0] = 0f;
    double loss = 0;
    int correct = 0;
    for (int k = 0; k < BATCH; k++) {
      int e = order[(int) stepInEpoch * BATCH + k];
      float[] xi = new float[DIM];
      for (int d = 0; d < DIM; d++) xi[d] = x[e * DIM + d] + (float) (0.1 * noise.nextGaussian());
      if (step == poisonAt) xi[0] = Float.NaN;
      double p = predict(xi);
      loss += y[e] == 1 ? -Math.log(p) : -Math.log(1 - p);
      if ((p > 0.5) == (y[e] == 1)) correct++;
      float g = (float) ((p - y[e]) / BATCH);
      for (int d = 0; d < DIM; d++) gw[d] += g * xi[d];
      gb[0] += g;
    }
    double norm = adam.step();
    return StepResult.of(loss, correct, BATCH, norm);
  }

  private double predict(float[] xi) {
    double z = b[0];
    for (int d = 0; d < DIM; d++) z += w[d] * xi[d];
    return 1 / (1 + Math.exp(-z));
  }

  @Override
  public Map<String, Object> evaluate(Window train) {
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < N; i++) {
      double p = predict(java.util.Arrays.copyOfRange(x, i * DIM, i * DIM + DIM));
      loss += y[i] == 1 ? -Math.log(p) : -Math.log(1 - p);
      if ((p > 0.5) == (y[i] == 1)) correct++;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("train_loss", train.meanLoss());
    row.put("train_acc", train.accuracy());
    row.put("full_loss", loss / N);
    row.put("full_acc", (double) correct / N);
    return row;
  }

  @Override
  public Stateful state() {
    return new Stateful() {
      @Override
      public void exportState(StateWriter out) {
        out.writeTensor("net/W1", w, 1, DIM);
        out.writeTensor("net/b1", b, 1);
        adam.exportState(out.writeScope("opt"));
        noise.exportState(out.writeScope("rng/noise"));
      }

      @Override
      public void importState(StateReader in) {
        in.readTensor("net/W1", w, 1, DIM);
        in.readTensor("net/b1", b, 1);
        adam.importState(in.readScope("opt"));
        noise.importState(in.readScope("rng/noise"));
      }
    };
  }

  @Override
  public boolean isFinite() {
    for (float v : w) if (!Float.isFinite(v)) return false;
    return Float.isFinite(b[0]);
  }

  @Override
  public double chance() {
    return 0.5;
  }

  @Override
  public Map<String, Object> summary(TrainLoop.Status status, List<Map<String, String>> rows) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("final_full_acc", rows.isEmpty() ? Double.NaN : Double.parseDouble(rows.get(rows.size() - 1).get("full_acc")));
    return s;
  }

  /**
   * The toy's pre-core format, EP style: W1, b1, opt_m0/opt_v0 (W1), opt_m1/opt_v1 (b1), meta epoch (completed),
   * opt_t, and the noise stream's state in meta (rng_seed, rng_gamma).
   */
  @Override
  public LegacyMapping legacy() {
    return (old, out) -> {
      LegacyMapping.tensor(old, "W1", out, "net/W1", 1, DIM);
      LegacyMapping.tensor(old, "b1", out, "net/b1", 1);
      LegacyMapping.optimizerSlots(old, out, "opt_m", adam.params(), "m");
      LegacyMapping.optimizerSlots(old, out, "opt_v", adam.params(), "v");
      LegacyMapping.optimizerStep(old, out, "opt_t");
      out.writeLong("rng/noise/seed", LegacyMapping.metaLong(old, "rng_seed"));
      out.writeLong("rng/noise/gamma", LegacyMapping.metaLong(old, "rng_gamma"));
      long epoch = LegacyMapping.metaLong(old, "epoch");
      LoopState.at((int) epoch + 1, 0, epoch * (N / BATCH), LegacyMapping.metaDouble(old, "train_seconds"))
          .exportState(out.writeScope("loop"));
    };
  }

  /** Writes this toy's current state in the pre-core format, as if after {@code epoch} epochs. */
  void saveLegacy(java.nio.file.Path file, int epoch, double seconds) throws IOException {
    StateBundle s = StateBundle.of(state());
    Map<String, Object> tensors = new LinkedHashMap<>();
    tensors.put("W1", w);
    tensors.put("b1", b);
    tensors.put("opt_m0", tensorOf(s, "opt/W1/m"));
    tensors.put("opt_v0", tensorOf(s, "opt/W1/v"));
    tensors.put("opt_m1", tensorOf(s, "opt/b1/m"));
    tensors.put("opt_v1", tensorOf(s, "opt/b1/v"));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", epoch);
    meta.put("opt_t", adam.steps());
    meta.put("rng_seed", s.readLong("rng/noise/seed"));
    meta.put("rng_gamma", s.readLong("rng/noise/gamma"));
    meta.put("train_seconds", seconds);
    Checkpoint.save(file, meta, tensors);
  }

  private static float[] tensorOf(StateBundle s, String name) {
    return ((StateBundle.Tensor) s.entry(name)).data();
  }
}
