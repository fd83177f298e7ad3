package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StateBundleTest {
  @Test
  void entriesRoundTripWithKindAndShape() {
    StateBundle b = new StateBundle();
    float[] w = {1, 2, 3, 4, 5, 6};
    b.writeTensor("net/W1", w, 2, 3);
    b.writeTensor("net/b1", new float[] {7, 8});
    b.writeLong("loop/step", 1L << 40);
    b.writeDouble("loop/seconds", 12.5);
    w[0] = -1; // a bundle is a snapshot
    float[] back = new float[6];
    StateReader net = b.readScope("net");
    net.readTensor("W1", back, 2, 3);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, back);
    assertArrayEquals(new int[] {2}, net.shape("b1"));
    assertEquals(1L << 40, b.readLong("loop/step"));
    assertEquals(12.5, b.readDouble("loop/seconds"));
    assertEquals(List.of("net/b1"), b.unread());
    assertTrue(b.has("net/b1") && !b.has("net/b2"));
  }

  @Test
  void mismatchesAreNamed() {
    StateBundle b = new StateBundle();
    b.writeTensor("W1", new float[6], 2, 3);
    b.writeLong("t", 3);
    assertEquals("state entry 't' is a long, expected a tensor",
        assertThrows(StateException.class, () -> b.readTensor("t", new float[1])).getMessage());
    assertEquals("state entry 'W1' is a tensor, expected a double scalar",
        assertThrows(StateException.class, () -> b.readDouble("W1")).getMessage());
    assertEquals("state entry 't' is a long, expected a double scalar",
        assertThrows(StateException.class, () -> b.readDouble("t")).getMessage());
    assertEquals("state has no long scalar 'epoch' (it has W1, t)",
        assertThrows(StateException.class, () -> b.readLong("epoch")).getMessage());
    assertEquals("tensor 'W1': expected shape [6], the state has [2, 3]",
        assertThrows(StateException.class, () -> b.readTensor("W1", new float[6])).getMessage());
  }

  @Test
  void badWritesAreRefused() {
    StateBundle b = new StateBundle();
    b.writeLong("t", 1);
    assertThrows(StateException.class, () -> b.writeDouble("t", 2), "written twice");
    for (String bad : new String[] {"", "a b", "/x", "x/", "a//b", "opt:m"}) {
      StateException e = assertThrows(StateException.class, () -> b.writeLong(bad, 1), bad);
      assertTrue(e.getMessage().startsWith("invalid state name '" + bad + "'"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.writeTensor("W", new float[5], 2, 3));
    assertEquals("tensor 'W': shape [2, 3] does not match its 5 values", e.getMessage());
    assertThrows(StateException.class, () -> b.writeScope("bad prefix"));
  }
}
