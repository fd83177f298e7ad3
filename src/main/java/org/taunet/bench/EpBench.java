package org.taunet.bench;

import java.util.Arrays;
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

  /** Median samples/s over {@code repeats} timed passes of {@code examples} examples, after one warm-up pass. */
  /** Examples per timed pass of {@link #printTable}: about half a second of net1 training. */
  static final int EXAMPLES = 4000;

  /** Prints the issue-6 EP workload (the net1 preset on synthetic MNIST-shaped data): median of {@code repeats}. */
  public static void printTable(int repeats) {
    EpConfig cfg = EpConfig.preset("net1");
    int[] sizes = cfg.layerSizes(784, 10);
    double rate = samplesPerSecond(cfg, EXAMPLES, repeats);
    double flops = flopsPerSample(cfg, sizes);
    StringBuilder shape = new StringBuilder();
    for (int s : sizes) shape.append(shape.isEmpty() ? "" : "-").append(s);
    System.out.printf("%nEP net1 (%s, batch %d, T1=%d, T2=%d, synthetic MNIST-shaped data): %.0f samples/s, "
        + "%.2f MFLOP/sample, %.1f GFLOP/s%n", shape, cfg.batchSize(), cfg.tFree(), cfg.tNudged(), rate, flops / 1e6,
        rate * flops / 1e9);
  }

  public static double samplesPerSecond(EpConfig cfg, int examples, int repeats) {
    Trainer t = new Trainer(cfg, examples);
    double[] rates = new double[repeats];
    for (int r = -1; r < repeats; r++) {
      long t0 = System.nanoTime();
      t.pass();
      if (r >= 0) rates[r] = examples / ((System.nanoTime() - t0) * 1e-9);
    }
    Arrays.sort(rates);
    return rates[repeats / 2];
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
   * Arithmetic per training sample of a one-hidden-layer net (multiply-adds x 2): the input drive
   * (784 x 500), T1 + T2 relaxation steps of the two 500 x 10 products, and the weight gradients.
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
