package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The size checks that run before models allocate. */
class MemoryBudgetTest {
  @Test void arraysBeyondTheIntRangeAreRefusedNamingTheFlags() {
    MemoryBudget.checkArray(1000, "x", "--units 1");
    UserError e = assertThrows(UserError.class, () -> MemoryBudget.checkArray(3_000_000_000L, "the weights", "--units 9"));
    assertTrue(e.usage() && e.getMessage().startsWith("--units 9: the weights would have 3,000,000,000 elements"),
        e.getMessage());
    assertThrows(UserError.class, () -> MemoryBudget.checkArray(MemoryBudget.product(1L << 40, 1L << 40), "x", "--ke"));
  }

  @Test void estimatesAboveTheFreeHeapAreRefused() {
    MemoryBudget.checkHeap(1 << 20, "a little", "--units 1");
    long tooMuch = MemoryBudget.maxHeap() + (1L << 30);
    UserError e = assertThrows(UserError.class, () -> MemoryBudget.checkHeap(tooMuch, "weights", "--ke 5000"));
    assertTrue(e.getMessage().startsWith("--ke 5000: needs about ") && e.getMessage().contains("TAUNET_JAVA_OPTS=-Xmx"),
        e.getMessage());
    UserError overflow = assertThrows(UserError.class, () -> MemoryBudget.checkHeap(-1, "weights", "--ke 9"));
    assertTrue(overflow.getMessage().contains("more than 8 EiB"), overflow.getMessage());
  }

  @Test void productSignalsOverflow() {
    assertEquals(6, MemoryBudget.product(1, 2, 3));
    assertEquals(-1, MemoryBudget.product(Long.MAX_VALUE, 2));
  }
}
