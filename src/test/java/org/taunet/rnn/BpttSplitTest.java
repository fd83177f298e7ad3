package org.taunet.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taunet.numerics.Kernels;

/** The time loops split over two threads give the one-thread bits: outputs, rates and every gradient. */
class BpttSplitTest {
  static final int IN = 3, OUT = 3, T = 12;

  record Pass(float[] y, float[] r, float[][] grads) {}

  static Pass run(RnnNetwork net, int batch, int truncation, double noise, int threads) {
    int before = Kernels.threads();
    Kernels.setThreads(threads);
    try {
      SplittableRandom rng = new SplittableRandom(5);
      float[] u = BpttGradientTest.random(T * batch * IN, 1, rng);
      float[] target = new float[T * batch * OUT];
      float[] mask = new float[T * batch];
      for (int i = 0; i < T * batch; i++) {
        target[i * OUT + rng.nextInt(OUT)] = 1;
        mask[i] = 1;
      }
      Bptt bptt = new Bptt(net, T, batch);
      assertEquals(threads > 1, bptt.split(false) > 0, "the two-thread pass splits, the one-thread pass does not");
      bptt.forward(u, noise, new SplittableRandom(9));
      bptt.loss(Loss.CROSS_ENTROPY, target, mask, new int[batch], new int[batch]);
      float[][] grads = Bptt.newGradients(net);
      bptt.backward(grads, truncation);
      return new Pass(bptt.outputs().clone(), bptt.rates().clone(), grads);
    } finally {
      Kernels.setThreads(before);
    }
  }

  @ParameterizedTest
  @CsvSource({"37, 32, 0, TANH, 0", "128, 32, 5, TANH, 0.1", "16, 17, 0, SOFTPLUS, 0", "11, 16, 4, RELU, 0"})
  void twoThreadsGiveTheOneThreadBits(int n, int batch, int truncation, Phi phi, double noise) {
    RnnConfig d = RnnConfig.defaults();
    RnnConfig cfg = new RnnConfig(d.task(), 100, "uniform:0.15,0.6", n, 1.3, phi, Integrator.EULER, false, false, 0,
        d.loss(), batch, 1, d.lr(), 0, 0, 1, 1, 0.9, 0, 7);
    SplittableRandom rng = new SplittableRandom(n);
    RnnNetwork net = RnnNetwork.create(cfg, IN, OUT, cfg.tau(), rng.split(), rng.split());
    Pass one = run(net, batch, truncation, noise, 1), two = run(net, batch, truncation, noise, 2);
    assertArrayEquals(one.y(), two.y());
    assertArrayEquals(one.r(), two.r());
    for (int s = 0; s < one.grads().length; s++) assertArrayEquals(one.grads()[s], two.grads()[s], "parameter " + s);
    double norm = 0;
    for (float v : one.grads()[0]) norm += v * v;
    assertTrue(norm > 0, "W has a gradient");
  }
}
