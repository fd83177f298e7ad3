package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RngStreamTest {
  /** Interleaves every kind of draw the trainers use; both generators must give the same sequence. */
  private static void assertSameDraws(RandomGenerator want, RandomGenerator got, int rounds) {
    for (int k = 0; k < rounds; k++) {
      assertEquals(want.nextLong(), got.nextLong(), "nextLong " + k);
      assertEquals(want.nextInt(), got.nextInt(), "nextInt " + k);
      assertEquals(want.nextInt(k + 1), got.nextInt(k + 1), "nextInt(bound) " + k);
      assertEquals(want.nextInt(-5, 1 << 30), got.nextInt(-5, 1 << 30), "nextInt(origin, bound) " + k);
      assertEquals(want.nextBoolean(), got.nextBoolean(), "nextBoolean " + k);
      assertEquals(want.nextDouble(), got.nextDouble(), "nextDouble " + k);
      assertEquals(want.nextFloat(), got.nextFloat(), "nextFloat " + k);
      assertEquals(want.nextGaussian(), got.nextGaussian(), "nextGaussian " + k);
      assertEquals(want.nextLong(1L << 40), got.nextLong(1L << 40), "nextLong(bound) " + k);
    }
  }

  @Test
  void drawsExactlyWhatSplittableRandomDraws() {
    for (long seed : new long[] {0, 1, -7, 0x123456789abcdefL, Long.MIN_VALUE}) {
      assertSameDraws(new SplittableRandom(seed), RngStream.of(seed), 300);
      assertSameDraws(new SplittableRandom(seed).split(), RngStream.splitFrom(seed), 300);
      assertSameDraws(new SplittableRandom(seed).split().split(), RngStream.splitFrom(seed).split(), 50);
    }
  }

  /** Export mid-stream, restore into another stream: the continuation is identical. */
  @Test
  void stateRoundTripContinuesTheStream() {
    RngStream a = RngStream.splitFrom(42);
    for (int k = 0; k < 17; k++) a.nextInt(10);
    StateBundle saved = new StateBundle();
    a.exportState(saved.writeScope("rng/shuffle"));
    RngStream b = RngStream.of(0);
    b.importState(saved.readScope("rng/shuffle"));
    saved.requireAllRead();
    assertSameDraws(a, b, 100);
    StateBundle bad = new StateBundle();
    bad.writeLong("seed", 1);
    bad.writeLong("gamma", 2);
    assertThrows(StateException.class, () -> RngStream.of(0).importState(bad));
  }
}
