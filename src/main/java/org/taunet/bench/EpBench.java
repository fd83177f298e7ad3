package org.taunet.bench;

import java.util.SplittableRandom;
import org.taunet.data.Dataset;
import org.taunet.ep.EpConfig;
import org.taunet.ep.EpLearner;
import org.taunet.ep.EpNetwork;
import org.taunet.ep.Particles;
import org.taunet.run.Seeds;

/**
 * EP training throughput: samples per second of {@link EpLearner#trainBatch} for a preset, on
 * synthetic MNIST-shaped data (784 pixels, 19% non-zero like MNIST, 10 classes), so the figure does
 * not depend on a dataset being present. The work per sample is the same as on MNIST: the GEMMs
 * are dense.
 */
public final class EpBench {
  private EpBench() {}

  /** Examples per timed pass of {@link #printTable} for net1: about half a second of net1 training. */
  static final int EXAMPLES = 4000;
  /** Examples per timed pass for net2, about 10x net1's cost per sample (T1 = 150, a second 500 x 500 layer). */
  static final int EXAMPLES_NET2 = 400;

  /**
   * Prints the EP workloads (the net1 and net2 presets on synthetic MNIST-shaped data), one line each: median of
   * {@code repeats} timed passes.
   */
  public static void printTable(int repeats) {
    System.out.println();
    printRow("net1", EXAMPLES, repeats);
    printRow("net2", EXAMPLES_NET2, repeats);
  }

  private static void printRow(String preset, int examples, int repeats) {
    EpConfig cfg = EpConfig.preset(preset);
    int[] sizes = cfg.layerSizes(784, 10);
    double rate = samplesPerSecond(cfg, examples, repeats);
    double flops = flopsPerSample(cfg, sizes);
    StringBuilder shape = new StringBuilder();
    for (int s : sizes) shape.append(shape.isEmpty() ? "" : "-").append(s);
    System.out.printf("EP %s (%s, batch %d, T1=%d, T2=%d, synthetic MNIST-shaped data): %.0f samples/s, "
        + "%.2f MFLOP/sample, %.1f GFLOP/s%n", preset, shape, cfg.batchSize(), cfg.tFree(), cfg.tNudged(), rate,
        flops / 1e6, rate * flops / 1e9);
  }

  /**
   * Median samples/s over {@code repeats} timed passes of {@code examples} examples, after the warm-up of
   * {@link ElmBench#medianSeconds} (at least 5 s, so C2 has compiled the kernels).
   */
  public static double samplesPerSecond(EpConfig cfg, int examples, int repeats) {
    Trainer t = new Trainer(cfg, examples);
    return examples / ElmBench.medianSeconds(t::pass, repeats);
  }

  /** A preset's network, learner and persistent particles on synthetic data; {@link #pass} trains one pass. */
  public static final class Trainer {
    private final EpConfig cfg;
    private final Dataset data;
    private final EpLearner learner;
    private final Particles particles;
    private final int[] order;
    private final SplittableRandom signs;

    /** {@code examples} synthetic MNIST-shaped examples for preset {@code cfg}. */
    public Trainer(EpConfig cfg, int examples) {
      this.cfg = cfg;
      data = syntheticMnist(examples, cfg.seed());
      Seeds seeds = new Seeds(cfg.seed());
      int[] sizes = cfg.layerSizes(data.dim(), data.numClasses());
      EpNetwork net = EpNetwork.create(sizes, cfg.activation(), cfg.dynamics(), cfg.tau(),
          seeds.stream("init"), seeds.stream("dt"));
      learner = new EpLearner(cfg, net);
      particles = cfg.persistent() ? new Particles(sizes, examples) : null;
      order = new int[examples];
      for (int i = 0; i < examples; i++) order[i] = i;
      signs = seeds.stream("beta-sign");
    }

    /** One pass of {@link EpLearner#trainBatch} over every example (free phase, nudged phase, update). */
    public EpLearner.Stats pass() {
      EpLearner.Stats stats = new EpLearner.Stats();
      for (int from = 0; from < data.n(); from += cfg.batchSize()) {
        learner.trainBatch(data, order, from, Math.min(cfg.batchSize(), data.n() - from), particles, signs, stats);
      }
      return stats;
    }
  }

  /** Random images with MNIST's shape and density (about 19% of pixels non-zero) and random labels. */
  public static Dataset syntheticMnist(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * 784];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) if (rng.nextDouble() < 0.19) x[i] = (float) rng.nextDouble();
    for (int i = 0; i < n; i++) y[i] = rng.nextInt(10);
    return new Dataset("synthetic-mnist", x, y, n, 784, 10);
  }

  /** Arithmetic per evaluated sample: the input drive and T1 free-phase steps (multiply-adds x 2). */
  public static double flopsPerFreePhase(EpConfig cfg, int[] sizes) {
    double perStep = 0;
    for (int l = 2; l < sizes.length; l++) perStep += 2 * 2.0 * sizes[l - 1] * sizes[l];
    return 2.0 * sizes[0] * sizes[1] + cfg.tFree() * perStep;
  }

  /**
   * Arithmetic per training sample (multiply-adds x 2) of a net of any depth, as {@link EpLearner#trainBatch} runs
   * it: the input drive x W_1 (once: the input is clamped, so W_1 takes no part in the relaxation steps); T1 + T2
   * (symmetric: T1 + 2 T2) steps, each using every W_l with l &gt;= 2 twice (bottom-up into layer l, top-down into
   * layer l-1); the weight gradients, one product x^T (rho(a_1) - rho(b_1)) for W_1 and two outer-product sums for
   * every W_l with l &gt;= 2. Element-wise work (rho, the state update, biases, the optimizer) is not counted.
   * net1 (784-500-10): 2 x 784 x 500 + 24 x 4 x 500 x 10 + 2 x 784 x 500 + 4 x 500 x 10.
   */
  public static double flopsPerSample(EpConfig cfg, int[] sizes) {
    double drive = 2.0 * sizes[0] * sizes[1];
    double perStep = 0;
    for (int l = 2; l < sizes.length; l++) perStep += 2 * 2.0 * sizes[l - 1] * sizes[l];
    int phases = cfg.symmetric() ? 2 : 1;
    double steps = cfg.tFree() + phases * cfg.tNudged();
    double grads = 2.0 * sizes[0] * sizes[1];
    for (int l = 2; l < sizes.length; l++) grads += 2 * 2.0 * sizes[l - 1] * sizes[l];
    return drive + steps * perStep + grads;
  }
}
