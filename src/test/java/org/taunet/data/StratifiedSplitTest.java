package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  /** Unbalanced labels: class c has 10 + 3c examples, interleaved deterministically. */
  private static int[] labels() {
    int[] counts = {10, 13, 16, 19, 22, 25, 1, 0, 5, 2};
    int n = Arrays.stream(counts).sum();
    int[] y = new int[n];
    int k = 0;
    while (k < n) {
      for (int c = 0; c < counts.length; c++) {
        if (counts[c] > 0) { y[k++] = c; counts[c]--; }
      }
    }
    return y;
  }

  @Test void roundingRuleIsHalfUp() {
    assertEquals(800, StratifiedSplit.trainCount(1000, 80));
    assertEquals(4, StratifiedSplit.trainCount(5, 70));   // 3.5 -> 4
    assertEquals(1, StratifiedSplit.trainCount(1, 80));   // 0.8 -> 1
    assertEquals(1, StratifiedSplit.trainCount(2, 25));   // 0.5 -> 1
    assertEquals(0, StratifiedSplit.trainCount(2, 24));   // 0.48 -> 0
  }

  @Test void stratifiedDisjointCompleteAndSorted() {
    int[] y = labels();
    StratifiedSplit.Indices s = StratifiedSplit.split(y, 10, 80, 7);
    BitSet seen = new BitSet();
    for (int i : s.train()) { assertFalse(seen.get(i)); seen.set(i); }
    for (int i : s.test()) { assertFalse(seen.get(i)); seen.set(i); }
    assertEquals(y.length, seen.cardinality());
    assertEquals(y.length, s.train().length + s.test().length);
    int[] total = new int[10];
    int[] train = new int[10];
    for (int v : y) total[v]++;
    for (int i : s.train()) train[y[i]]++;
    for (int c = 0; c < 10; c++) assertEquals(StratifiedSplit.trainCount(total[c], 80), train[c], "class " + c);
    int[] sorted = s.train().clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, s.train());
  }

  @Test void deterministicAndSeedDependent() {
    int[] y = labels();
    StratifiedSplit.Indices a = StratifiedSplit.split(y, 10, 80, 20240101L);
    StratifiedSplit.Indices b = StratifiedSplit.split(y, 10, 80, 20240101L);
    StratifiedSplit.Indices c = StratifiedSplit.split(y, 10, 80, 1L);
    assertArrayEquals(a.train(), b.train());
    assertArrayEquals(a.test(), b.test());
    assertFalse(Arrays.equals(a.train(), c.train()));
  }

  @Test void pinnedResultGuardsAgainstSilentChanges() {
    // 20 examples, two classes alternating; seed and algorithm fixed, so this is the split forever.
    int[] y = new int[20];
    for (int i = 0; i < 20; i++) y[i] = i % 2;
    StratifiedSplit.Indices s = StratifiedSplit.split(y, 2, 50, 42);
    assertEquals(10, s.train().length);
    assertArrayEquals(s.train(), StratifiedSplit.split(y, 2, 50, 42).train());
    assertArrayEquals(new int[] {0, 1, 5, 7, 10, 11, 12, 16, 18, 19}, s.train());
  }

  @Test void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(new int[] {0, 5}, 3, 80, 1));
    assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(new int[] {0}, 3, 101, 1));
  }
}
