package org.taunet.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CrossEntropyTest {
  @Test void lossAndGradientOfTwoRows() {
    float[] logits = {0f, 0f, 0f, 2f, 0f, (float) Math.log(3)};
    float[] d = new float[6];
    double[] lc = CrossEntropy.loss(logits, new int[] {1, 0}, 2, 3, d);
    // row 0 uniform: -log(1/3); row 1 probabilities e^2, 1, 3 over (e^2 + 4), target 0
    double z = Math.exp(2) + 4;
    assertEquals(Math.log(3) + Math.log(z) - 2, lc[0], 1e-6);
    assertEquals(1, lc[1]); // row 1's argmax is its target; row 0's ties go to class 0, not 1
    assertEquals((1 / 3.0 - 1) / 2, d[1], 1e-6);
    assertEquals((Math.exp(2) / z - 1) / 2, d[3], 1e-6);
    assertEquals(3 / z / 2, d[5], 1e-6);
  }
}
