package org.taunet.ep;

import java.util.random.RandomGenerator;
import org.taunet.data.Dataset;

/**
 * One network with its workspaces: trains on a minibatch (free phase, nudged phase(s), contrastive
 * update) and evaluates a dataset. Allocation-free per minibatch; not thread-safe.
 */
public final class EpLearner {
  private final EpConfig cfg;
  private final EpNetwork net;
  private final SplitRelaxer relaxer;
  private final EpGradient grad;
  private final Optimizer optimizer;
  private final EpState free;
  private final EpState nudged;
  private final EpState nudgedNeg;
  private final float[] y;

  public EpLearner(EpConfig cfg, EpNetwork net, Optimizer optimizer) {
    this.cfg = cfg;
    this.net = net;
    this.optimizer = optimizer;
    int cap = cfg.batchSize();
    relaxer = new SplitRelaxer(net, cap);
    grad = new EpGradient(net, cap);
    free = new EpState(net.sizes, cap);
    nudged = new EpState(net.sizes, cap);
    nudgedNeg = new EpState(net.sizes, cap);
    y = new float[cap * net.sizes[net.sizes.length - 1]];
  }

  /** A fresh optimizer with one slot per weight matrix and bias vector, in layer order (W_1, b_1, W_2, ...). */
  public static Optimizer newOptimizer(EpConfig cfg, EpNetwork net) {
    int layers = net.sizes.length;
    int[] slots = new int[2 * (layers - 1)];
    for (int l = 1; l < layers; l++) {
      slots[2 * (l - 1)] = net.w[l].length;
      slots[2 * (l - 1) + 1] = net.b[l].length;
    }
    return new Optimizer(cfg.optimizer(), cfg.momentum(), slots);
  }

  public EpNetwork network() {
    return net;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /** Sums over the examples of a minibatch or an epoch. */
  public static final class Stats {
    public long examples, correct, notConvergedFree, notConvergedNudged;
    public double loss;

    public double accuracy() { return examples == 0 ? Double.NaN : (double) correct / examples; }

    public double meanLoss() { return examples == 0 ? Double.NaN : loss / examples; }
  }

  /**
   * Trains on examples order[from .. from+rows): free phase (T1 steps, beta = 0, from the particle or
   * from zero), nudged phase(s) of T2 steps from the free equilibrium, then one optimizer step against
   * the EP gradient estimate. Accuracy and loss are those of the free phase. Adds to {@code stats}.
   */
  public void trainBatch(Dataset data, int[] order, int from, int rows, Particles particles,
                         RandomGenerator signRng, Stats stats) {
    // 1. free phase
    prepare(data, order, from, rows, particles);
    stats.notConvergedFree += relaxer.relax(free, y, 0f, cfg.tFree(), cfg.convergenceTol());
    if (particles != null) particles.store(order, from, rows, free);
    score(rows, stats);
    // 2. nudged phase(s) and the contrastive estimate (one-sided or symmetric)
    float beta = (float) cfg.beta();
    nudged.copyFrom(free);
    if (cfg.symmetric()) {
      nudgedNeg.copyFrom(free);
      stats.notConvergedNudged += relaxer.relax(nudged, y, beta, cfg.tNudged(), cfg.convergenceTol());
      stats.notConvergedNudged += relaxer.relax(nudgedNeg, y, -beta, cfg.tNudged(), cfg.convergenceTol());
      grad.compute(nudged, nudgedNeg, rows, -1f / (2f * beta * rows));
    } else {
      if (cfg.randomBeta() && signRng.nextBoolean()) beta = -beta;
      stats.notConvergedNudged += relaxer.relax(nudged, y, beta, cfg.tNudged(), cfg.convergenceTol());
      grad.compute(nudged, free, rows, -1f / (beta * rows));
    }
    // 3. parameter update, per-layer learning rates
    optimizer.nextIteration();
    for (int l = 1; l < net.sizes.length; l++) {
      double lr = cfg.lr().get(l - 1);
      optimizer.step(2 * (l - 1), net.w[l], grad.gw[l], lr);
      optimizer.step(2 * (l - 1) + 1, net.b[l], grad.gb[l], lr);
    }
  }

  /**
   * Free-phase accuracy and loss on every example of {@code data}, relaxing
   * {@code steps} steps from the particles (updated) or from zero.
   */
  public Stats evaluate(Dataset data, Particles particles, int steps) {
    Stats stats = new Stats();
    int[] order = new int[data.n()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    for (int from = 0; from < order.length; from += cfg.batchSize()) {
      int rows = Math.min(cfg.batchSize(), order.length - from);
      prepare(data, order, from, rows, particles);
      stats.notConvergedFree += relaxer.relax(free, y, 0f, steps, cfg.convergenceTol());
      if (particles != null) particles.store(order, from, rows, free);
      score(rows, stats);
    }
    return stats;
  }

  // inputs and one-hot targets of the batch into free.s[0] and y; initial state; cached input drive
  private void prepare(Dataset data, int[] order, int from, int rows, Particles particles) {
    int dim = data.dim(), classes = net.sizes[net.sizes.length - 1];
    java.util.Arrays.fill(y, 0f);
    for (int k = 0; k < rows; k++) {
      int e = order[from + k];
      System.arraycopy(data.x(), e * dim, free.s[0], k * dim, dim);
      y[k * classes + data.y()[e]] = 1f;
    }
    if (particles != null) {
      particles.load(order, from, rows, free);
    } else {
      for (int l = 1; l < net.sizes.length; l++) java.util.Arrays.fill(free.s[l], 0f);
    }
    relaxer.setInput(free, rows);
  }

  private void score(int rows, Stats stats) {
    stats.examples += rows;
    for (int k = 0; k < rows; k++) {
      if (y[k * net.sizes[net.sizes.length - 1] + free.predict(k)] == 1f) stats.correct++;
      stats.loss += net.cost(free, k, y);
    }
  }
}
