package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
  private static void assertFactors(LrSchedule s, long[] steps, double[] want) {
    for (int i = 0; i < steps.length; i++) assertEquals(want[i], s.factor(steps[i]), 1e-12, s.spec() + " at " + steps[i]);
  }

  @Test
  void valuesAtChosenSteps() {
    assertFactors(LrSchedule.parse("constant"), new long[] {0, 1, 1_000_000}, new double[] {1, 1, 1});
    assertFactors(LrSchedule.parse("step:every=10,gamma=0.5"), new long[] {0, 9, 10, 19, 25},
        new double[] {1, 1, 0.5, 0.5, 0.25});
    assertFactors(LrSchedule.parse("cosine:total=100,min=0.1"), new long[] {0, 50, 100, 5000},
        new double[] {1, 0.55, 0.1, 0.1});
    assertFactors(LrSchedule.parse("cosine:total=4"), new long[] {1, 3}, new double[] {0.5 + 0.5 * Math.cos(Math.PI / 4),
        0.5 + 0.5 * Math.cos(3 * Math.PI / 4)});
    assertFactors(LrSchedule.parse("constant:warmup=4"), new long[] {0, 1, 3, 10}, new double[] {0.25, 0.5, 1, 1});
    // warm-up multiplies the inner schedule; total counts the warm-up updates too
    assertFactors(LrSchedule.parse("cosine:warmup=4,total=100,min=0.1"), new long[] {0, 2, 50, 100},
        new double[] {0.25, 0.75 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.02))), 0.55, 0.1});
    assertFactors(LrSchedule.parse("step:every=3,gamma=0.1,warmup=2"), new long[] {0, 1, 3}, new double[] {0.5, 1, 0.1});
  }

  /** The optimizer uses factor(k) for its k-th update (0-based); currentLr says what the next update uses. */
  @Test
  void optimizerFollowsTheSchedule() {
    Param p = Param.of("w", new float[1], new float[] {1f});
    Optimizer opt = OptimizerSpec.parse("sgd:lr=0.4").create(List.of(p), LrSchedule.parse("step:every=2,gamma=0.5,warmup=2"));
    float[] lrs = new float[5];
    for (int k = 0; k < 5; k++) {
      assertEquals(0.4 * new double[] {0.5, 1, 0.5, 0.5, 0.25}[k], opt.currentLr(), 1e-15);
      float before = p.value()[0];
      opt.step();
      lrs[k] = before - p.value()[0];
    }
    assertEquals(0.2f, lrs[0], 1e-7f);
    assertEquals(0.4f, lrs[1], 1e-7f);
    assertEquals(0.1f, lrs[4], 1e-7f);
  }

  @Test
  void specsPrintCanonicallyAndParseBack() {
    for (String s : List.of("constant", "step:every=1000,gamma=0.5", "cosine:total=10000,min=0.1",
        "cosine:total=10000,min=0,warmup=100", "constant:warmup=7")) {
      assertEquals(s, LrSchedule.parse(s).spec());
      assertEquals(LrSchedule.parse(s), LrSchedule.parse(LrSchedule.parse(s).spec()));
    }
    assertEquals("cosine:total=10000,min=0.1,warmup=100", LrSchedule.parse(" Cosine:warmup=100, total=1e4 ,min=0.1").spec());
    assertEquals("step:every=1000,gamma=0.1", LrSchedule.parse("step:every=1000").spec());
  }

  @Test
  void badSpecsSayWhatIsWrong() {
    assertMessage("linear:total=3", "unknown schedule 'linear'");
    assertMessage("cosine:min=0.1", "cosine needs total=T");
    assertMessage("cosine:total=100,min=2", "min must be in [0, 1], got 2.0");
    assertMessage("cosine:total=10.5", "total must be a whole number, got '10.5'");
    assertMessage("step:every=0", "every must be >= 1");
    assertMessage("step:every=10,gamma=x", "gamma is not a number: 'x'");
    assertMessage("constant:warmup=-1", "warmup must be >= 0");
    assertMessage("cosine:total=10,decay=3", "unknown parameter 'decay' for cosine (allowed: total, min, warmup)");
    assertMessage("cosine:total=10,total=20", "total is given twice");
    assertMessage("cosine:total=10,", "empty parameter");
    assertMessage("", "lr schedule spec is empty");
  }

  private static void assertMessage(String spec, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse(spec));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    if (!spec.isEmpty()) assertTrue(e.getMessage().contains("'" + spec + "'"), "quotes the spec: " + e.getMessage());
  }
}
