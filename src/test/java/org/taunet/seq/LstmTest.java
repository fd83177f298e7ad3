package org.taunet.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LstmTest {
  @Test void parameterCountClosedForm() {
    assertEquals(4 * 10 * (7 + 10 + 1) + 3 * 11, Lstm.paramCount(7, 10, 3));
    assertEquals(Lstm.paramCount(7, 10, 3), new Lstm(7, 10, 3, new SplittableRandom(1)).params().length);
  }

  @Test void forgetBiasShiftsOnlyTheForgetGateBiases() {
    float[] one = new Lstm(7, 10, 3, new SplittableRandom(1)).params();
    float[] four = new Lstm(7, 10, 3, 4.0, new SplittableRandom(1)).params();
    int oB = 7 * 40 + 40 * 10; // after W_x^T (7 x 4H) and W_h (4H x H); gate order i, f, g, o
    for (int q = 0; q < one.length; q++) {
      boolean forget = q >= oB + 10 && q < oB + 20;
      assertEquals(forget ? one[q] + 3f : one[q], four[q], 1e-6f, "parameter " + q);
    }
  }

  @Test void gradientAllSteps() {
    Lstm m = new Lstm(5, 4, 3, new SplittableRandom(2));
    GradCheck.check(m, GradCheck.randomInput(7, 2, 5, 0.4, new SplittableRandom(3)), 0, false, null, 100, 4);
  }

  @Test void gradientLastStepWithCarriedState() {
    Lstm m = new Lstm(4, 5, 2, new SplittableRandom(5));
    SplittableRandom rng = new SplittableRandom(6);
    m.resetState(3);
    m.forward(GradCheck.randomInput(4, 3, 4, 0.5, rng), 0, new float[4 * 3 * 2], true);
    float[] start = m.carriedState().clone();
    GradCheck.check(m, GradCheck.randomInput(6, 3, 4, 0.5, rng), 5, true, start, 100, 7);
  }
}
