package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {
  /** 4 examples of 2 features; example i has features (i, 10 + i) and label i % 3. */
  private static Dataset small() {
    return new Dataset("t", new float[] {0, 10, 1, 11, 2, 12, 3, 13}, new int[] {0, 1, 2, 0}, 4, 2, 3);
  }

  @Test void validates() {
    assertThrows(IllegalArgumentException.class, () -> new Dataset("t", new float[3], new int[2], 2, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> new Dataset("t", new float[4], new int[1], 2, 2, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset("t", new float[4], new int[] {0, 3}, 2, 2, 3));
    assertTrue(e.getMessage().contains("label 3 of example 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dataset("t", new float[0], new int[0], 0, 0, 3));
    assertEquals(0, new Dataset("empty", new float[0], new int[0], 0, 5, 3).n());
  }

  @Test void subsetCopiesRowsInOrder() {
    Dataset s = small().subset(new int[] {3, 1, 1});
    assertEquals(3, s.n());
    assertArrayEquals(new float[] {3, 13, 1, 11, 1, 11}, s.x());
    assertArrayEquals(new int[] {0, 1, 1}, s.y());
    assertThrows(IndexOutOfBoundsException.class, () -> small().subset(new int[] {4}));
  }

  @Test void headAndClassCounts() {
    Dataset d = small();
    Dataset h = d.head(2);
    assertArrayEquals(new float[] {0, 10, 1, 11}, h.x());
    assertArrayEquals(new int[] {0, 1}, h.y());
    assertSame(d, d.head(10));
    assertEquals(0, d.head(0).n());
    assertArrayEquals(new int[] {2, 1, 1}, d.classCounts());
    assertThrows(IllegalArgumentException.class, () -> d.head(-1));
  }

  @Test void splitChecksCompatibility() {
    Dataset a = small();
    Dataset b = new Dataset("b", new float[3], new int[] {0}, 1, 3, 3);
    assertThrows(IllegalArgumentException.class, () -> new DatasetSplit(a, b, ""));
    DatasetSplit ok = new DatasetSplit(a, a.head(1), "");
    assertTrue(ok.isOfficial());
  }
}
