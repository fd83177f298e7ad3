package org.taunet.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharBatchesTest {
  @Test void rowsContinueAcrossSegmentsAndTargetsAreTheNextByte() {
    byte[] s = new byte[23];
    for (int i = 0; i < s.length; i++) s[i] = (byte) (200 + i);  // bytes above 127 come back as 0..255
    CharBatches cb = new CharBatches(s, 2, 3);  // tracks of 11 bytes: 3 segments of 3 (+1 target)
    assertEquals(3, cb.segmentsPerPass());
    int[] in = new int[6];
    int[] tg = new int[6];
    assertTrue(cb.next(in, tg));
    assertArrayEquals(new int[] {200, 211, 201, 212, 202, 213}, in);
    assertArrayEquals(new int[] {201, 212, 202, 213, 203, 214}, tg);
    assertTrue(cb.next(in, tg));
    assertEquals(203, in[0]);
    assertEquals(214, in[1]);
    assertTrue(cb.next(in, tg));
    assertFalse(cb.next(in, tg));
    cb.seek(1);
    assertTrue(cb.next(in, tg));
    assertEquals(203, in[0]);
    assertThrows(IllegalArgumentException.class, () -> new CharBatches(new byte[5], 2, 3));
  }
}
