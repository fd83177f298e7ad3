package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SgdMomentumTest {
  private static final LrSchedule CONSTANT = new LrSchedule.Constant();

  private static float[] run(Optimizer opt, Param p, float... grads) {
    float[] out = new float[grads.length];
    for (int k = 0; k < grads.length; k++) {
      p.grad()[0] = grads[k];
      opt.step();
      out[k] = p.value()[0];
    }
    return out;
  }

  @Test
  void sgdStepsAgainstTheGradient() {
    Param p = Param.of("w", new float[] {1f, -2f}, new float[] {0.5f, -4f});
    new Sgd(List.of(p), 0.1, CONSTANT, 0, Optimizer.NonFinite.SKIP).step();
    assertArrayEquals(new float[] {1f - 0.1f * 0.5f, -2f - 0.1f * -4f}, p.value());
  }

  /** theta0 = 1, mu = 0.9, lr = 0.1, gradients 1, 2, -1, computed by hand. */
  @Test
  void heavyBallMatchesAHandComputation() {
    // v1 = 1, theta1 = 0.9; v2 = 0.9 + 2 = 2.9, theta2 = 0.61; v3 = 2.61 - 1 = 1.61, theta3 = 0.449
    Param p = Param.of("w", new float[] {1f}, new float[1]);
    float[] got = run(new Momentum(List.of(p), 0.1, CONSTANT, 0, Optimizer.NonFinite.SKIP, 0.9, false), p, 1f, 2f, -1f);
    assertArrayEquals(new float[] {0.9f, 0.61f, 0.449f}, got, 1e-6f);
  }

  /** Same numbers, Nesterov: theta -= lr (g + mu v). */
  @Test
  void nesterovMatchesAHandComputation() {
    // theta1 = 1 - 0.1 (1 + 0.9) = 0.81; theta2 = 0.81 - 0.1 (2 + 2.61) = 0.349; theta3 = 0.349 - 0.1 (-1 + 1.449)
    Param p = Param.of("w", new float[] {1f}, new float[1]);
    float[] got = run(new Momentum(List.of(p), 0.1, CONSTANT, 0, Optimizer.NonFinite.SKIP, 0.9, true), p, 1f, 2f, -1f);
    assertArrayEquals(new float[] {0.81f, 0.349f, 0.3041f}, got, 1e-6f);
  }

  /** Heavy ball in ep.Optimizer's float form, bit for bit: v = mu v + g; theta -= (float) lr * v. */
  @Test
  void heavyBallIsTheDocumentedFloatForm() {
    Param p = Param.of("w", new float[] {0.3f}, new float[1]);
    Momentum opt = new Momentum(List.of(p), 0.07, CONSTANT, 0, Optimizer.NonFinite.SKIP, 0.95, false);
    float theta = 0.3f, v = 0f, mu = (float) 0.95, a = (float) 0.07;
    for (float g : new float[] {0.11f, -3.7f, 2.9e-3f, 17f}) {
      v = mu * v + g;
      theta -= a * v;
      p.grad()[0] = g;
      opt.step();
      assertEquals(theta, p.value()[0], 0f);
    }
  }

  @Test
  void everyRuleConvergesOnAQuadratic() {
    for (String spec : List.of("sgd:lr=0.1", "momentum:lr=0.05", "momentum:lr=0.05,nesterov=true", "adam:lr=0.05",
        "adamw:lr=0.05,wd=0")) {
      float[] target = {1f, -2f, 0.5f};
      Param p = Param.of("w", new float[3], new float[3]);
      Optimizer opt = OptimizerSpec.parse(spec).create(List.of(p));
      for (int t = 0; t < 2000; t++) {
        for (int i = 0; i < 3; i++) p.grad()[i] = p.value()[i] - target[i];
        opt.step();
      }
      assertArrayEquals(target, p.value(), 1e-3f, spec);
    }
  }
}
