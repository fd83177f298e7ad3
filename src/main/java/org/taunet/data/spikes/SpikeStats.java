package org.taunet.data.spikes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Summary figures of a spiking dataset, for docs/data-spikes.md and {@code taunet data stats}: spike counts, how
 * sparse the binned input is, class balance, and a trivial baseline (nearest class mean).
 *
 * @param samples train + test samples
 * @param meanSpikes mean spikes per sample
 * @param minSpikes fewest spikes in a sample
 * @param maxSpikes most spikes in a sample
 * @param keptFraction share of all spikes earlier than the window (the rest is cropped)
 * @param binMs bin width of the density figure, ms
 * @param density share of (bin, channel) cells of the window holding at least one spike
 * @param maxPerCell largest spike count in one cell
 * @param trainPerClass training samples per class
 * @param testPerClass test samples per class
 * @param nearestMeanAccuracy test accuracy of the nearest class mean on log(1 + counts) pooled in 16 channel
 *     groups x 10 time slices of the window: a floor that a trained model should clear by far
 */
public record SpikeStats(int samples, double meanSpikes, int minSpikes, int maxSpikes, double keptFraction,
    double binMs, double density, int maxPerCell, int[] trainPerClass, int[] testPerClass,
    double nearestMeanAccuracy) {
  private static final int GROUPS = 16;
  private static final int SLICES = 10;

  /** Computes the figures of {@code d} for a window of {@code windowSeconds} binned at {@code binMs}. */
  public static SpikeStats of(SpikeDataset d, double windowSeconds, double binMs) {
    List<SpikeTrain> all = new ArrayList<>(d.train());
    all.addAll(d.test());
    SpikeBinning bin = new SpikeBinning(binMs / 1000, windowSeconds, d.channels());
    long spikes = 0, kept = 0, nonzero = 0;
    int min = Integer.MAX_VALUE, max = 0, maxCell = 0;
    float[] x = new float[bin.steps() * d.channels()];
    for (SpikeTrain s : all) {
      spikes += s.size();
      min = Math.min(min, s.size());
      max = Math.max(max, s.size());
      java.util.Arrays.fill(x, 0f);
      kept += bin.add(s, x, 1, 0, 0);
      for (float v : x) {
        if (v > 0) nonzero++;
        maxCell = Math.max(maxCell, (int) v);
      }
    }
    int[] trainPerClass = new int[d.numClasses()];
    int[] testPerClass = new int[d.numClasses()];
    for (SpikeTrain s : d.train()) trainPerClass[s.label()]++;
    for (SpikeTrain s : d.test()) testPerClass[s.label()]++;
    return new SpikeStats(all.size(), spikes / (double) all.size(), min, max, kept / (double) Math.max(1, spikes),
        binMs, nonzero / ((double) all.size() * x.length), maxCell, trainPerClass, testPerClass,
        nearestMean(d, windowSeconds));
  }

  /** Test accuracy of the nearest class mean (Euclidean) on pooled log counts. */
  static double nearestMean(SpikeDataset d, double windowSeconds) {
    double[][] mean = new double[d.numClasses()][GROUPS * SLICES];
    int[] count = new int[d.numClasses()];
    for (SpikeTrain s : d.train()) {
      double[] f = features(s, d.channels(), windowSeconds);
      for (int k = 0; k < f.length; k++) mean[s.label()][k] += f[k];
      count[s.label()]++;
    }
    for (int c = 0; c < mean.length; c++) for (int k = 0; k < mean[c].length; k++) mean[c][k] /= Math.max(1, count[c]);
    int correct = 0;
    for (SpikeTrain s : d.test()) {
      double[] f = features(s, d.channels(), windowSeconds);
      int best = -1;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int c = 0; c < mean.length; c++) {
        if (count[c] == 0) continue;
        double dist = 0;
        for (int k = 0; k < f.length; k++) dist += (f[k] - mean[c][k]) * (f[k] - mean[c][k]);
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      if (best == s.label()) correct++;
    }
    return correct / (double) Math.max(1, d.test().size());
  }

  private static double[] features(SpikeTrain s, int channels, double windowSeconds) {
    double[] f = new double[GROUPS * SLICES];
    for (int i = 0; i < s.size(); i++) {
      int t = (int) (s.times()[i] / windowSeconds * SLICES);
      if (t < SLICES) f[(int) ((long) s.units()[i] * GROUPS / channels) * SLICES + t]++;
    }
    for (int k = 0; k < f.length; k++) f[k] = Math.log1p(f[k]);
    return f;
  }

  /** A few lines for a terminal or a doc. */
  public String describe() {
    return String.format(Locale.ROOT, "samples %d; spikes per sample mean %.1f (min %d, max %d); %.2f%% of spikes"
        + " inside the window%nbinned at %s ms: %.3f%% of (bin, channel) cells hold a spike, at most %d per cell%n"
        + "train per class %s; test per class %s%nnearest-class-mean baseline: %.1f%% test accuracy", samples,
        meanSpikes, minSpikes, maxSpikes, 100 * keptFraction, binMs, 100 * density, maxPerCell,
        java.util.Arrays.toString(trainPerClass), java.util.Arrays.toString(testPerClass),
        100 * nearestMeanAccuracy);
  }
}
