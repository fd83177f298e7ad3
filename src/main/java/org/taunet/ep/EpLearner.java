package org.taunet.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.taunet.data.Dataset;
import org.taunet.train.Optimizer;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.Param;

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
  private final float[][] lrFactors;

  /** A learner for {@code net} with a fresh optimizer ({@link #optimizerSpec}) over its weights and biases. */
  public EpLearner(EpConfig cfg, EpNetwork net) {
    this(cfg, net, null);
  }

  /**
   * As {@link #EpLearner(EpConfig, EpNetwork)}, and with per-neuron learning-rate factors: {@code lrFactors[l][j]}
   * multiplies the gradient of neuron j of layer l (column j of W_l and entry j of b_l) before every optimizer step
   * (the {@code --lr-like-dt} control, {@link #lrFactors}); null for none.
   */
  public EpLearner(EpConfig cfg, EpNetwork net, float[][] lrFactors) {
    this.cfg = cfg;
    this.net = net;
    this.lrFactors = lrFactors;
    int cap = cfg.batchSize();
    relaxer = new SplitRelaxer(net, cap);
    grad = new EpGradient(net, cap);
    List<Param> params = new ArrayList<>();
    for (int l = 1; l < net.sizes.length; l++) {
      double lr = cfg.layerLr(l);
      params.add(Param.of("W" + l, net.w[l], grad.gw[l], net.sizes[l - 1], net.sizes[l]).withLr(lr));
      params.add(Param.of("b" + l, net.b[l], grad.gb[l], net.sizes[l]).withLr(lr));
    }
    this.optimizer = optimizerSpec(cfg).create(params);
    free = new EpState(net.sizes, cap);
    nudged = new EpState(net.sizes, cap);
    nudgedNeg = new EpState(net.sizes, cap);
    y = new float[cap * net.sizes[net.sizes.length - 1]];
  }

  /**
   * The optimizer of {@code cfg}: its kind with {@code --momentum} (MOMENTUM) and the kind's defaults otherwise
   * (Adam: beta1 0.9, beta2 0.999, eps 1e-8; AdamW: wd 0.01), no clipping, non-finite gradients applied (a diverging
   * run ends as diverged). Its base lr is the first layer's; every parameter carries its layer's rate
   * ({@code --lr} times {@code --lr-scale}), biases their layer's.
   */
  public static OptimizerSpec optimizerSpec(EpConfig cfg) {
    OptimizerSpec d = OptimizerSpec.defaults(cfg.optimizer());
    return new OptimizerSpec(d.kind(), cfg.layerLr(1),
        d.kind() == OptimizerSpec.Kind.MOMENTUM ? cfg.momentum() : 0, false, d.beta1(), d.beta2(), d.eps(),
        d.weightDecay(), 0, Optimizer.NonFinite.APPLY);
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
   *
   * @return the global norm of the gradient estimate ({@link Optimizer#step})
   */
  public double trainBatch(Dataset data, int[] order, int from, int rows, Particles particles,
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
    // 3. parameter update, per-layer learning rates (and per-neuron factors of the --lr-like-dt control)
    if (lrFactors != null) scaleByNeuron(grad, lrFactors);
    return optimizer.step();
  }

  /**
   * The factors of the {@code --lr-like-dt} control: n = sum of n_l draws dt_i of {@code like} from {@code dtRng}
   * (what {@link EpNetwork#create} draws for an HTS run whose --tau is {@code like}, given the same stream), split by
   * layer, each divided by the distribution's mean (the sample mean where the mean has no closed form):
   * f_i = (float) (dt_i / mean). A neuron's update is then f_i times the scalar-dt update (SGD, momentum).
   */
  public static float[][] lrFactors(int[] sizes, org.taunet.tau.TauDistribution like, RandomGenerator dtRng) {
    int neurons = 0;
    for (int l = 1; l < sizes.length; l++) neurons += sizes[l];
    float[] all = like.sample(neurons, dtRng);
    double mean = like.mean();
    if (!(mean > 0 && Double.isFinite(mean))) {
      mean = 0;
      for (float v : all) mean += v;
      mean /= all.length;
    }
    float[][] f = new float[sizes.length][];
    for (int l = 1, off = 0; l < sizes.length; off += sizes[l], l++) {
      f[l] = new float[sizes[l]];
      for (int j = 0; j < sizes[l]; j++) f[l][j] = (float) (all[off + j] / mean);
    }
    return f;
  }

  // g_W[i, j] *= f[j] (column j of W_l: the weights into neuron j), g_b[j] *= f[j]
  static void scaleByNeuron(EpGradient g, float[][] f) {
    for (int l = 1; l < f.length; l++) {
      float[] gw = g.gw[l], gb = g.gb[l], fl = f[l];
      int n = fl.length;
      for (int row = 0; row < gw.length; row += n) {
        for (int j = 0; j < n; j++) gw[row + j] *= fl[j];
      }
      for (int j = 0; j < n; j++) gb[j] *= fl[j];
    }
  }

  /** The per-neuron learning-rate factors ({@code --lr-like-dt}), or null. */
  float[][] lrFactors() {
    return lrFactors;
  }

  /** The gradient buffers of the last minibatch (tests). */
  EpGradient gradient() {
    return grad;
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
