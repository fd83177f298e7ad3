package org.taunet.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeakyRnnTest {
  static double[] taus(int h) {
    double[] t = new double[h];
    for (int i = 0; i < h; i++) t[i] = 1.5 + 3 * i; // kappa from exp(-1/1.5) = 0.51 to close to 1
    return t;
  }

  @Test void parameterCountClosedForm() {
    assertEquals(10 * (7 + 10 + 1) + 3 * 11, LeakyRnn.paramCount(7, 10, 3));
    assertEquals(LeakyRnn.paramCount(7, 10, 3), new LeakyRnn(7, 10, 3, taus(10), 1, new SplittableRandom(1)).params().length);
    assertThrows(IllegalArgumentException.class, () -> new LeakyRnn(7, 10, 3, taus(9), 1, new SplittableRandom(1)));
  }

  @Test void gradientAllSteps() {
    LeakyRnn m = new LeakyRnn(5, 4, 3, taus(4), 1, new SplittableRandom(2));
    GradCheck.check(m, GradCheck.randomInput(7, 2, 5, 0.4, new SplittableRandom(3)), 0, false, null, 100, 4);
  }

  @Test void gradientLastStepWithCarriedState() {
    LeakyRnn m = new LeakyRnn(4, 5, 2, taus(5), 2, new SplittableRandom(5));
    SplittableRandom rng = new SplittableRandom(6);
    m.resetState(3);
    m.forward(GradCheck.randomInput(4, 3, 4, 0.5, rng), 0, new float[4 * 3 * 2], true);
    float[] start = m.carriedState().clone();
    GradCheck.check(m, GradCheck.randomInput(6, 3, 4, 0.5, rng), 5, true, start, 100, 7);
  }
}
