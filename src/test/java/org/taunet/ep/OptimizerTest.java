package org.taunet.ep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptimizerTest {
  /** Minimises 1/2 ||theta - target||^2 (gradient theta - target) from 0. */
  private static float[] minimise(Optimizer.Kind kind, double lr, int steps) {
    float[] target = {1f, -2f, 0.5f};
    float[] theta = new float[3], g = new float[3];
    Optimizer opt = new Optimizer(kind, 0.9, new int[] {3});
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < 3; i++) g[i] = theta[i] - target[i];
      opt.nextIteration();
      opt.step(0, theta, g, lr);
    }
    return theta;
  }

  @Test
  void everyKindConvergesOnAQuadratic() {
    float[] target = {1f, -2f, 0.5f};
    assertArrayEquals(target, minimise(Optimizer.Kind.SGD, 0.1, 300), 1e-4f);
    assertArrayEquals(target, minimise(Optimizer.Kind.MOMENTUM, 0.05, 300), 1e-3f);
    assertArrayEquals(target, minimise(Optimizer.Kind.ADAM, 0.05, 2000), 1e-3f);
  }

  @Test
  void firstAdamStepHasTheSizeOfTheLearningRate() {
    // Bias correction makes the first step lr * g / |g| for every coordinate (Kingma & Ba, Sec. 3).
    float[] theta = {0f, 0f};
    Optimizer opt = new Optimizer(Optimizer.Kind.ADAM, 0, new int[] {2});
    opt.nextIteration();
    opt.step(0, theta, new float[] {3f, -0.01f}, 0.1);
    assertEquals(-0.1f, theta[0], 1e-5f);
    assertEquals(0.1f, theta[1], 1e-3f);
  }
}
