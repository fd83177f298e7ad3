package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Global gradient-norm clipping, and what a NaN or infinite gradient does. */
class ClippingTest {
  private static Sgd sgd(List<Param> ps, double clip, Optimizer.NonFinite nf) {
    return new Sgd(ps, 1.0, new LrSchedule.Constant(), clip, nf);
  }

  private static double norm(float[]... arrays) {
    double s = 0;
    for (float[] a : arrays) for (float x : a) s += (double) x * x;
    return Math.sqrt(s);
  }

  @Test
  void normIsOverEveryParameterInDouble() {
    Param a = Param.of("a", new float[1], new float[] {3f});
    Param b = Param.of("b", new float[2], new float[] {0f, 4f});
    assertEquals(5.0, GradNorm.of(List.of(a, b)), 0);
    assertEquals(1f, GradNorm.clipScale(Double.NaN, 1), 0f);
    assertEquals(1f, GradNorm.clipScale(5, 0), 0f, "clip 0 = off");
  }

  /** The unrolled norm equals its one-lane-at-a-time reference bit for bit, whatever the gradients' lengths. */
  @Test
  void unrolledNormEqualsItsReferenceExactly() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int[] lengths : new int[][] {{1}, {7}, {8, 1}, {3, 13, 100, 5}, {1000, 1, 1, 17}, {392000, 500, 5000, 10}}) {
      List<Param> ps = new java.util.ArrayList<>();
      for (int n : lengths) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) g[i] = (float) (rng.nextGaussian() * Math.exp(rng.nextGaussian() * 3));
        ps.add(Param.of("p" + ps.size(), new float[n], g));
      }
      assertEquals(GradNorm.reference(ps), GradNorm.of(ps), 0, java.util.Arrays.toString(lengths));
    }
  }

  /** Above the threshold: the whole update (SGD, lr = 1) has exactly the threshold's norm, direction kept. */
  @Test
  void aboveTheThresholdScalesToIt() {
    List<Param> ps = TestParams.model(1);
    TestParams.randomGrads(ps, new SplittableRandom(4), 10);
    List<Param> before = TestParams.copy(ps);
    TestParams.copyGrads(ps, before);
    double n = GradNorm.of(ps);
    assertTrue(n > 2.5);
    double returned = sgd(ps, 2.5, Optimizer.NonFinite.SKIP).step();
    assertEquals(n, returned, 0, "step returns the norm before clipping");
    float[][] delta = new float[3][];
    for (int k = 0; k < 3; k++) {
      delta[k] = new float[ps.get(k).value().length];
      for (int i = 0; i < delta[k].length; i++) {
        delta[k][i] = before.get(k).value()[i] - ps.get(k).value()[i];
        assertEquals(before.get(k).grad()[i] * 2.5 / n, delta[k][i], 1e-6, "direction");
      }
      assertArrayEquals(before.get(k).grad(), ps.get(k).grad(), "the gradient buffers are not written");
    }
    assertEquals(2.5, norm(delta), 2.5e-6);
  }

  /** At or below the threshold the gradient is used bit for bit. */
  @Test
  void atOrBelowTheThresholdIsUntouched() {
    for (double clip : new double[] {5.0, 1e9}) { // norm exactly 5, and far below
      Param p = Param.of("w", new float[2], new float[] {3f, -4f});
      sgd(List.of(p), clip, Optimizer.NonFinite.SKIP).step();
      assertArrayEquals(new float[] {-3f, 4f}, p.value(), 0f);
    }
  }

  /**
   * NaN or infinite gradient, policy SKIP (the default): the step changes no parameter, no moment and not the step
   * count; it is counted in skippedSteps and step() returns the non-finite norm so the trainer can flag it. The next
   * finite step is then Adam's first (full bias correction).
   */
  @Test
  void nonFiniteGradientIsSkipped() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
      Param p = Param.of("w", new float[] {1f, 1f}, new float[] {bad, 2f});
      Optimizer opt = OptimizerSpec.parse("adam:lr=0.1,clip=1").create(List.of(p));
      StateBundle before = StateBundle.of(opt);
      double n = opt.step();
      assertTrue(!Double.isFinite(n));
      assertArrayEquals(new float[] {1f, 1f}, p.value(), 0f);
      assertEquals(0, opt.steps());
      assertEquals(1, opt.skippedSteps());
      StateBundle after = StateBundle.of(opt);
      assertArrayEquals(((StateBundle.Tensor) before.entry("w/m")).data(), ((StateBundle.Tensor) after.entry("w/m")).data());
      p.grad()[0] = -3f;
      opt.step();
      assertEquals(1.1f, p.value()[0], 1e-5f, "first real step has size lr");
      assertEquals(0.9f, p.value()[1], 1e-5f);
    }
  }

  /** Policy APPLY keeps the families' former behaviour: NaN spreads into the parameters. */
  @Test
  void nonFiniteGradientAppliedWhenAsked() {
    Param p = Param.of("w", new float[] {1f, 1f}, new float[] {Float.NaN, 2f});
    Optimizer opt = OptimizerSpec.parse("sgd:lr=0.1,clip=1,nonfinite=apply").create(List.of(p));
    opt.step();
    assertTrue(Float.isNaN(p.value()[0]));
    assertEquals(1, opt.steps());
    assertEquals(0, opt.skippedSteps());
  }
}
