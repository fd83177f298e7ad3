package org.taunet.data;

import java.util.Arrays;

/**
 * A deterministic stratified train/test split of a labelled set.
 *
 * <p>Rule: for each class {@code c = 0, 1, ..., numClasses - 1} in turn, the indices of its examples (ascending)
 * are shuffled with a Fisher-Yates shuffle driven by one SplitMix64 generator seeded with {@code seed} (shared by
 * all classes, in class order); the first {@code trainCount(count_c, trainPercent)} shuffled indices go to train,
 * the rest to test. Both index lists are then sorted ascending. The class shares are computed with integer
 * arithmetic, rounding half up: {@code (count * trainPercent + 50) / 100}. The result depends only on the labels,
 * the percentage and the seed, never on the JDK (no {@code java.util.Random} or {@code Collections.shuffle}).
 */
public final class StratifiedSplit {
  private StratifiedSplit() {}

  /**
   * Indices of a split.
   *
   * @param train indices of the training examples, ascending
   * @param test indices of the test examples, ascending
   */
  public record Indices(int[] train, int[] test) {
    /** Validates non-null arrays. */
    public Indices {
      if (train == null || test == null) throw new IllegalArgumentException("null index array");
    }
  }

  /** Number of a class's {@code classCount} examples that go to train: round-half-up of count * percent / 100. */
  public static int trainCount(int classCount, int trainPercent) {
    return (int) (((long) classCount * trainPercent + 50) / 100);
  }

  /**
   * Splits {@code labels} (each in {@code [0, numClasses)}) per class, {@code trainPercent} percent to train.
   *
   * @throws IllegalArgumentException for a percentage outside [0, 100] or a label out of range
   */
  public static Indices split(int[] labels, int numClasses, int trainPercent, long seed) {
    if (trainPercent < 0 || trainPercent > 100) {
      throw new IllegalArgumentException("trainPercent " + trainPercent + " outside [0, 100]");
    }
    int[][] byClass = indicesByClass(labels, numClasses);
    SplitMix64 rng = new SplitMix64(seed);
    int[] train = new int[labels.length];
    int[] test = new int[labels.length];
    int nTrain = 0;
    int nTest = 0;
    for (int[] idx : byClass) {
      for (int i = idx.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      int k = trainCount(idx.length, trainPercent);
      System.arraycopy(idx, 0, train, nTrain, k);
      System.arraycopy(idx, k, test, nTest, idx.length - k);
      nTrain += k;
      nTest += idx.length - k;
    }
    int[] tr = Arrays.copyOf(train, nTrain);
    int[] te = Arrays.copyOf(test, nTest);
    Arrays.sort(tr);
    Arrays.sort(te);
    return new Indices(tr, te);
  }

  private static int[][] indicesByClass(int[] labels, int numClasses) {
    int[] counts = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " outside [0, " + numClasses
            + ")");
      }
      counts[labels[i]]++;
    }
    int[][] byClass = new int[numClasses][];
    for (int c = 0; c < numClasses; c++) byClass[c] = new int[counts[c]];
    int[] fill = new int[numClasses];
    for (int i = 0; i < labels.length; i++) byClass[labels[i]][fill[labels[i]]++] = i;
    return byClass;
  }

  /** Steele, Lea and Flood's SplitMix64: a tiny generator with a fixed, published algorithm. */
  private static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) { this.state = seed; }

    long nextLong() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound) by rejection, so there is no modulo bias. */
    int nextInt(int bound) {
      while (true) {
        long r = nextLong();
        long v = Long.remainderUnsigned(r, bound);
        if (Long.compareUnsigned(r - v, -(long) bound) <= 0) return (int) v;  // r lies in a complete block
      }
    }
  }
}
