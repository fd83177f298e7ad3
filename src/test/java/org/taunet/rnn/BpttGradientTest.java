package org.taunet.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finite-difference check of the full BPTT gradient against the double-precision reference forward pass. */
class BpttGradientTest {
  static final int N = 11, IN = 3, OUT = 3, T = 9, B = 3; // N = 11: one 8-lane vector body plus a scalar tail

  static RnnConfig config(Phi phi, Integrator integ, boolean trainTau) {
    RnnConfig d = RnnConfig.defaults();
    return new RnnConfig(d.task(), 100, "uniform:0.15,0.6", N, 1.3, phi, integ, false, trainTau, 0, d.loss(),
        B, 1, d.lr(), 0, 0, 1, 1, 0.9, 0, 7);
  }

  static float[] random(int len, double sd, SplittableRandom rng) {
    float[] v = new float[len];
    for (int i = 0; i < len; i++) v[i] = (float) (sd * rng.nextGaussian());
    return v;
  }

  @ParameterizedTest
  @CsvSource({"TANH, EULER, CROSS_ENTROPY, true", "SOFTPLUS, EXPONENTIAL, MSE, true", "TANH, EXPONENTIAL, CROSS_ENTROPY, false"})
  void analyticGradientMatchesFiniteDifferences(Phi phi, Integrator integ, Loss kind, boolean trainTau) {
    SplittableRandom rng = new SplittableRandom(11);
    RnnConfig cfg = config(phi, integ, trainTau);
    RnnNetwork net = RnnNetwork.create(cfg, IN, OUT, cfg.tau(), rng.split(), rng.split());
    for (float[] p : new float[][] {net.b, net.bout}) System.arraycopy(random(p.length, 0.3, rng), 0, p, 0, p.length);
    float[] u = random(T * B * IN, 1, rng);
    float[] target = new float[T * B * OUT];
    float[] mask = new float[T * B];
    for (int i = 0; i < T * B; i++) {
      target[i * OUT + rng.nextInt(OUT)] = 1;
      mask[i] = i < B ? 0 : 0.5f + rng.nextInt(3); // first step unweighted, others 0.5, 1.5, 2.5
    }
    Bptt bptt = new Bptt(net, T, B);
    bptt.forward(u, 0, null);
    double loss = bptt.loss(kind, target, mask, new int[B], new int[B]).loss();
    double[][] p = RnnReference.toDouble(net.params());
    assertEquals(RnnReference.loss(net, p, kind, T, B, u, target, mask), loss, 1e-5 * Math.abs(loss),
        "fast forward pass agrees with the double reference");
    float[][] grads = Bptt.newGradients(net);
    bptt.backward(grads, 0);
    String[] names = net.paramNames();
    for (int s = 0; s < p.length; s++) {
      double num = 0, den = 0;
      for (int i = 0; i < p[s].length; i++) {
        double old = p[s][i], h = 1e-5;
        p[s][i] = old + h;
        double up = RnnReference.loss(net, p, kind, T, B, u, target, mask);
        p[s][i] = old - h;
        double down = RnnReference.loss(net, p, kind, T, B, u, target, mask);
        p[s][i] = old;
        double fd = (up - down) / (2 * h);
        num += Math.pow(grads[s][i] - fd, 2);
        den += fd * fd;
      }
      double rel = Math.sqrt(num / den);
      assertTrue(den > 0, names[s] + " has a zero gradient");
      assertTrue(rel < 1e-4, names[s] + ": relative error " + rel); // measured <= 3.2e-7
    }
  }

  @ParameterizedTest
  @CsvSource({"4", "1"})
  void truncationOnlyDropsCrossWindowTerms(int window) {
    SplittableRandom rng = new SplittableRandom(5);
    RnnConfig cfg = config(Phi.TANH, Integrator.EULER, false);
    RnnNetwork net = RnnNetwork.create(cfg, IN, OUT, cfg.tau(), rng.split(), rng.split());
    float[] u = random(T * B * IN, 1, rng);
    float[] target = new float[T * B * OUT];
    float[] mask = new float[T * B];
    // loss only at the last step of the first window: truncation at a longer horizon cannot change the gradient
    for (int b = 0; b < B; b++) {
      mask[(window - 1) * B + b] = 1;
      target[((window - 1) * B + b) * OUT] = 1;
    }
    Bptt bptt = new Bptt(net, T, B);
    bptt.forward(u, 0, null);
    bptt.loss(Loss.CROSS_ENTROPY, target, mask, new int[B], new int[B]);
    float[][] full = Bptt.newGradients(net), trunc = Bptt.newGradients(net);
    bptt.backward(full, 0);
    bptt.backward(trunc, window);
    for (int s = 0; s < full.length; s++) {
      for (int i = 0; i < full[s].length; i++) assertEquals(full[s][i], trunc[s][i], 1e-6f);
    }
    double sq = 0;
    for (float[] g : full) for (float v : g) sq += (double) v * v;
    assertTrue(sq > 0);
  }
}
