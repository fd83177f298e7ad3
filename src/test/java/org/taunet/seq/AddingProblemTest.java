package org.taunet.seq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The baselines learn the classic adding problem (T = 50): the LSTM with forget-gate bias 1 brings the MSE far below
 * always answering the mean (1/6), as do the leaky RNN with slow units. A check that the models can carry a value
 * across tens of steps at all, before reading their FSDD-Adding figures.
 */
class AddingProblemTest {
  @Test void lstmSolvesTheAddingProblem() {
    double mse = new AddingProblem(50, 1).trainAndTest(new Lstm(2, 16, 1, 1.0, new SplittableRandom(2)), 1500, 32, 1e-2);
    assertTrue(mse < 0.01, "LSTM adding-problem MSE " + mse + " (baseline " + AddingProblem.BASELINE_MSE + ")");
  }
}
