package org.taunet.data.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.seq.SequenceTask;
import org.taunet.data.seq.SequenceTask.Split;

class SpikeTasksTest {
  @TempDir Path tmp;

  /** Sample i of class i % classes has i + 1 spikes at random times in [0, 1.5) s on random units. */
  static SpikeDataset toy(int nTrain, int nTest, int channels, int classes) {
    SplittableRandom r = new SplittableRandom(7);
    List<SpikeTrain> train = new ArrayList<>();
    List<SpikeTrain> test = new ArrayList<>();
    for (int i = 0; i < nTrain + nTest; i++) {
      float[] t = new float[i % 50 + 1];
      int[] u = new int[t.length];
      for (int j = 0; j < t.length; j++) {
        t[j] = (float) r.nextDouble(1.5);
        u[j] = r.nextInt(channels);
      }
      java.util.Arrays.sort(t);
      (i < nTrain ? train : test).add(new SpikeTrain(t, u, i % classes));
    }
    return new SpikeDataset("toy", channels, classes, train, test, "toy data");
  }

  private static long countBefore(SpikeTrain s, double seconds) {
    long n = 0;
    for (float t : s.times()) if (t < seconds) n++;
    return n;
  }

  private static float sum(float[] x, int from, int to) {
    float s = 0;
    for (int i = from; i < to; i++) s += x[i];
    return s;
  }

  @Test void binningConservesSpikesInsideTheWindow() {
    SpikeDataset d = toy(10, 0, 5, 2);
    SpikeBinning bin = new SpikeBinning(0.002, 1.0, 5);
    assertEquals(500, bin.steps());
    for (SpikeTrain s : d.train()) {
      float[] x = new float[bin.steps() * 3 * 5];
      int added = bin.add(s, x, 3, 1, 0);
      assertEquals(countBefore(s, 1.0), added);
      assertEquals(added, sum(x, 0, x.length), 0);
      for (int t = 0; t < bin.steps(); t++) {  // rows 0 and 2 untouched
        assertEquals(0, sum(x, (t * 3) * 5, (t * 3 + 1) * 5), 0);
        assertEquals(0, sum(x, (t * 3 + 2) * 5, (t * 3 + 3) * 5), 0);
      }
    }
    float[] x = new float[10 * 2];
    new SpikeBinning(0.1, 1.0, 2).add(new SpikeTrain(new float[] {0.05f, 0.15f, 0.19f, 0.99f}, new int[] {1, 0, 0, 1},
        0), x, 1, 0, 0);
    assertArrayEquals(new float[] {0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, x);
  }

  @Test void classificationTaskSplitsAndFills() {
    SequenceTask task = SpikeTasks.create("toy", toy(100, 30, 4, 10), 1.0, 10, 1);
    assertEquals(100, task.steps());
    assertEquals(4, task.channels());
    assertEquals(10, task.numClasses());
    assertEquals(80, task.size(Split.TRAIN));
    assertEquals(20, task.size(Split.VALID));
    assertEquals(30, task.size(Split.TEST));
    float[] x = new float[100 * 2 * 4];
    int[] y = new int[2];
    java.util.Arrays.fill(x, 9f);
    task.fill(Split.TEST, new int[] {3, 4}, x, y);
    assertArrayEquals(new int[] {103 % 10, 104 % 10}, y);
    assertEquals(countBefore(toy(100, 30, 4, 10).test().get(3), 1.0) + countBefore(toy(100, 30, 4, 10).test().get(4),
        1.0), sum(x, 0, x.length), 0);
    assertThrows(IllegalArgumentException.class, () -> task.fill(Split.TEST, new int[] {1}, x, new int[1]));
  }

  @Test void addingLabelsAreDigitSumsAndPairsConcatenate() {
    SpikeDataset d = toy(200, 60, 6, 20);
    SequenceTask task = SpikeTasks.create("toy-adding", d, 1.0, 20, 3);
    assertEquals(19, task.numClasses());
    assertEquals(100, task.steps());
    int n = task.size(Split.TEST);
    assertEquals(SpikeAddingTask.MIN_EVAL_PAIRS, n);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    float[] x = new float[100 * n * 6];
    int[] y = new int[n];
    task.fill(Split.TEST, idx, x, y);
    boolean[] seen = new boolean[19];
    for (int v : y) {
      assertTrue(v >= 0 && v <= 18, "label " + v);
      seen[v] = true;
    }
    for (boolean s : seen) assertTrue(s, "every sum 0..18 occurs among 1000 pairs");
    // Each half holds one whole window: total spikes of both halves equals the two samples' counts in 1 s.
    float first = 0, second = 0;
    for (int t = 0; t < 100; t++) {
      float row = sum(x, (t * n) * 6, (t * n + 1) * 6);
      if (t < 50) first += row;
      else second += row;
    }
    assertTrue(first + second > 0);
    // Same seed, same test pairs; a new epoch redraws the training pairs only.
    SequenceTask again = SpikeTasks.create("toy-adding", d, 1.0, 20, 3);
    int[] y2 = new int[n];
    again.fill(Split.TEST, idx, new float[x.length], y2);
    assertArrayEquals(y, y2);
    int m = task.size(Split.TRAIN);
    int[] tIdx = new int[m];
    for (int i = 0; i < m; i++) tIdx[i] = i;
    int[] before = new int[m];
    int[] after = new int[m];
    task.fill(Split.TRAIN, tIdx, new float[100 * m * 6], before);
    task.newEpoch(new SplittableRandom(99));
    task.fill(Split.TRAIN, tIdx, new float[100 * m * 6], after);
    assertFalse(java.util.Arrays.equals(before, after));
    int[] v1 = new int[5];
    task.fill(Split.VALID, new int[] {0, 1, 2, 3, 4}, new float[100 * 5 * 6], v1);
    int[] v2 = new int[5];
    again.fill(Split.VALID, new int[] {0, 1, 2, 3, 4}, new float[100 * 5 * 6], v2);
    assertArrayEquals(v1, v2);
  }

  @Test void addingHalvesHoldTheFirstAndSecondSample() {
    SpikeTrain a = new SpikeTrain(new float[] {0.0f, 0.5f}, new int[] {0, 1}, 13);  // digit 3 (German)
    SpikeTrain b = new SpikeTrain(new float[] {0.25f}, new int[] {1}, 9);
    SpikeDataset d = new SpikeDataset("two", 2, 20, List.of(a, a, a, a, a), List.of(b), "");
    SequenceTask task = SpikeTasks.create("two-adding", d, 1.0, 250, 0);  // 4 bins per window
    float[] x = new float[8 * 1 * 2];
    int[] y = new int[1];
    task.fill(Split.TEST, new int[] {0}, x, y);  // the only test sample, paired with itself
    assertEquals(18, y[0]);
    assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, x);
  }

  @Test void unknownTaskAndMissingDataAreClearErrors() {
    assertThrows(IllegalArgumentException.class, () -> SpikeTasks.create("mnist", tmp, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> SpikeTasks.create("fsdd", tmp, 0, 0));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SpikeTasks.create("shd", tmp, 2, 0));
    assertTrue(e.getMessage().contains("taunet data fetch shd"), e.getMessage());
    e = assertThrows(UncheckedIOException.class, () -> SpikeTasks.create("fsdd-adding", tmp, 2, 0));
    assertTrue(e.getMessage().contains("no FSDD recordings"), e.getMessage());
  }
}
