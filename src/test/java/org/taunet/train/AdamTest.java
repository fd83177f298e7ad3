package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class AdamTest {
  private static Adam adam(List<Param> ps, double lr, double wd) {
    return new Adam(ps, lr, new LrSchedule.Constant(), 0, Optimizer.NonFinite.SKIP, 0.9, 0.999, 1e-8, wd);
  }

  /**
   * Bias correction makes the first step lr * sign(g) for every coordinate whatever |g| (Kingma &amp; Ba 2015,
   * Sec. 3), as long as |g| &gt;&gt; eps: here |g| in [1e-3, 1e6], so eps / |g| &lt;= 1e-5.
   */
  @Property(tries = 300, seed = "11")
  void firstStepHasTheSizeOfTheLearningRate(@ForAll @DoubleRange(min = -3, max = 6) double log10g,
                                            @ForAll boolean negative, @ForAll @DoubleRange(min = -5, max = 0) double log10lr) {
    float g = (float) ((negative ? -1 : 1) * Math.pow(10, log10g));
    double lr = Math.pow(10, log10lr);
    Param p = Param.of("w", new float[] {0f, 5f}, new float[] {g, -g});
    adam(List.of(p), lr, 0).step();
    double sign = Math.signum(g);
    assertEquals(-lr * sign, p.value()[0], 2e-5 * lr);
    assertEquals(5 + lr * sign, p.value()[1], 2e-5 * lr + Math.ulp(5f));
  }

  /** Ten steps against Algorithm 1 computed in double in the test (eps added to sqrt(v_hat)). */
  @Test
  void biasCorrectedStepsMatchADoublePrecisionReference() {
    List<Param> ps = TestParams.model(3);
    double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    int n = 15;
    double[] theta = new double[n], m = new double[n], v = new double[n];
    flatten(ps, theta);
    Adam opt = adam(ps, lr, 0);
    SplittableRandom r = new SplittableRandom(7);
    for (int t = 1; t <= 10; t++) {
      TestParams.randomGrads(ps, r, t % 3 == 0 ? 100 : 0.01); // magnitudes change: bias correction matters
      double[] g = new double[n];
      flattenGrads(ps, g);
      for (int i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        double mHat = m[i] / (1 - Math.pow(b1, t)), vHat = v[i] / (1 - Math.pow(b2, t));
        theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
      }
      opt.step();
      double[] got = new double[n];
      flatten(ps, got);
      for (int i = 0; i < n; i++) assertEquals(theta[i], got[i], 2e-6, "step " + t + ", coordinate " + i);
    }
    StateBundle s = StateBundle.of(opt);
    float[] m1 = new float[6];
    s.readTensor("W1/m", m1, 2, 3);
    for (int i = 0; i < 6; i++) assertEquals(m[i], m1[i], 1e-6 * Math.abs(m[i]) + 1e-12, "W1/m[" + i + "]");
    assertEquals(10, s.readLong("t"));
  }

  /** The documented float form (the one ep.Optimizer and rnn.Adam used), bit for bit, over three steps. */
  @Test
  void updateIsTheDocumentedFloatForm() {
    List<Param> ps = TestParams.model(5);
    float[] theta = ps.get(0).value().clone(), m = new float[6], v = new float[6];
    Adam opt = adam(ps, 0.003, 0);
    SplittableRandom r = new SplittableRandom(9);
    float b1 = 0.9f, b2 = 0.999f;
    for (int t = 1; t <= 3; t++) {
      TestParams.randomGrads(ps, r, 1);
      float[] g = ps.get(0).grad();
      double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
      float a = (float) (0.003 * Math.sqrt(c2) / c1), e = (float) (1e-8 * Math.sqrt(c2));
      for (int i = 0; i < 6; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        theta[i] -= a * m[i] / ((float) Math.sqrt(v[i]) + e);
      }
      opt.step();
      assertArrayEquals(theta, ps.get(0).value(), "step " + t);
    }
  }

  /** AdamW: a zero gradient shrinks every weight by exactly lr * wd * w, and the decay never enters m or v. */
  @Test
  void adamWDecayIsDecoupled() {
    double lr = 0.01, wd = 0.1;
    List<Param> ps = TestParams.model(4);
    float[] before = ps.get(0).value().clone();
    Adam opt = adam(ps, lr, wd);
    opt.step(); // all gradients zero
    float d = (float) (lr * wd);
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i] - d * before[i], ps.get(0).value()[i], 0f, "w[" + i + "]");
      assertEquals(before[i] * (1 - lr * wd), ps.get(0).value()[i], 1e-7);
    }
    // with gradients: AdamW = Adam's step + the decay of the old weights, and both keep identical moments
    List<Param> plain = TestParams.model(8), decayed = TestParams.copy(plain);
    Adam a = adam(plain, lr, 0), w = adam(decayed, lr, wd);
    SplittableRandom r = new SplittableRandom(2);
    for (int t = 0; t < 4; t++) {
      TestParams.randomGrads(plain, r, 1);
      TestParams.copyGrads(plain, decayed);
      a.step();
      w.step();
    }
    StateBundle sa = StateBundle.of(a), sw = StateBundle.of(w);
    for (String name : List.of("W1/m", "W1/v", "W2/m", "b1/v")) {
      assertArrayEquals(((StateBundle.Tensor) sa.entry(name)).data(), ((StateBundle.Tensor) sw.entry(name)).data(), name);
    }
  }

  /** Parameter groups: a tensor's own lr and weight decay override the optimizer's (EP's per-layer rates). */
  @Test
  void perParameterLearningRateAndDecay() {
    Param w = Param.of("W1", new float[] {0f}, new float[] {2f}).withLr(0.5);
    Param b = Param.of("b1", new float[] {1f}, new float[] {0f}).withWeightDecay(0);
    Param c = Param.of("c", new float[] {1f}, new float[] {0f});
    adam(List.of(w, b, c), 0.01, 0.1).step();
    assertEquals(-0.5f, w.value()[0], 1e-5f);
    assertEquals(1f, b.value()[0], 0f, "no decay on b1");
    assertTrue(c.value()[0] < 1f, "c inherits the decay");
  }

  private static void flatten(List<Param> ps, double[] out) {
    int k = 0;
    for (Param p : ps) for (float x : p.value()) out[k++] = x;
  }

  private static void flattenGrads(List<Param> ps, double[] out) {
    int k = 0;
    for (Param p : ps) for (float x : p.grad()) out[k++] = x;
  }
}
