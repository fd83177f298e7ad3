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

  /** 256-way rows (the char-LM's) against a double-precision softmax, loss and gradient, with and without dLogits. */
  @Test void wideRowsMatchADoubleSoftmax() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
    int rows = 5, k = 256;
    float[] logits = new float[rows * k];
    int[] targets = new int[rows];
    for (int i = 0; i < logits.length; i++) logits[i] = (float) rng.nextGaussian() * 4;
    for (int r = 0; r < rows; r++) targets[r] = rng.nextInt(k);
    float[] d = new float[rows * k];
    double[] lc = CrossEntropy.loss(logits, targets, rows, k, d);
    double want = 0;
    int correct = 0;
    for (int r = 0; r < rows; r++) {
      double m = Double.NEGATIVE_INFINITY, z = 0;
      int best = 0;
      for (int c = 0; c < k; c++) if (logits[r * k + c] > m) { m = logits[r * k + c]; best = c; }
      for (int c = 0; c < k; c++) z += Math.exp(logits[r * k + c] - m);
      want += Math.log(z) - (logits[r * k + targets[r]] - m);
      if (best == targets[r]) correct++;
      for (int c = 0; c < k; c++) {
        double g = (Math.exp(logits[r * k + c] - m) / z - (c == targets[r] ? 1 : 0)) / rows;
        assertEquals(g, d[r * k + c], 1e-7, "row " + r + " class " + c);
      }
    }
    assertEquals(want, lc[0], 1e-5);
    assertEquals(correct, lc[1]);
    assertEquals(lc[0], CrossEntropy.loss(logits, targets, rows, k, null)[0]);
  }
}
