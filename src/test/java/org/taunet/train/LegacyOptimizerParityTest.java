package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The families' former optimizers against train's, while both exist: ep.Optimizer (SGD, momentum, Adam, per-layer
 * learning rates) and rnn.Adam (with clipping) are bit-identical to train's over 50 steps, so moving EP and RNN onto
 * train changes no figure. (elm.Adam, whose other float form of the bias correction differed from the first step, is
 * gone: ELM trains with train.Adam.) Delete this class together with ep.Optimizer and rnn.Adam.
 */
class LegacyOptimizerParityTest {
  private static float[][] grads(SplittableRandom r, int[] sizes, double scale) {
    float[][] g = new float[sizes.length][];
    for (int s = 0; s < sizes.length; s++) {
      g[s] = new float[sizes[s]];
      for (int i = 0; i < sizes[s]; i++) g[s][i] = (float) (scale * (2 * r.nextDouble() - 1));
    }
    return g;
  }

  @Test
  void epOptimizerIsBitIdentical() {
    int[] sizes = {50, 7, 30};
    double[] lrs = {0.1, 0.05, 0.02};
    for (org.taunet.ep.Optimizer.Kind kind : org.taunet.ep.Optimizer.Kind.values()) {
      float[][] a = grads(new SplittableRandom(1), sizes, 1), b = grads(new SplittableRandom(1), sizes, 1);
      float[][] ga = new float[3][];
      for (int s = 0; s < 3; s++) ga[s] = new float[sizes[s]];
      org.taunet.ep.Optimizer old = new org.taunet.ep.Optimizer(kind, 0.9, sizes);
      List<Param> ps = List.of(Param.of("W1", b[0], ga[0]).withLr(lrs[0]), Param.of("b1", b[1], ga[1]).withLr(lrs[1]),
          Param.of("W2", b[2], ga[2]).withLr(lrs[2]));
      String spec = switch (kind) { case SGD -> "sgd"; case MOMENTUM -> "momentum:momentum=0.9"; case ADAM -> "adam"; };
      Optimizer neu = OptimizerSpec.parse(spec).create(ps);
      SplittableRandom r = new SplittableRandom(2);
      for (int t = 0; t < 50; t++) {
        float[][] g = grads(r, sizes, t % 7 == 0 ? 100 : 0.1);
        old.nextIteration();
        for (int s = 0; s < 3; s++) {
          old.step(s, a[s], g[s], lrs[s]);
          System.arraycopy(g[s], 0, ga[s], 0, sizes[s]);
        }
        neu.step();
        for (int s = 0; s < 3; s++) assertArrayEquals(a[s], b[s], kind + " t=" + t);
      }
    }
  }

  @Test
  void rnnAdamIsBitIdentical() {
    int[] sizes = {40, 9};
    float[][] a = grads(new SplittableRandom(1), sizes, 1), b = grads(new SplittableRandom(1), sizes, 1);
    float[][] ga = {new float[40], new float[9]};
    org.taunet.rnn.Adam old = new org.taunet.rnn.Adam(a);
    Optimizer neu = OptimizerSpec.parse("adam:lr=0.003,clip=1").create(List.of(Param.of("W", b[0], ga[0]), Param.of("b", b[1], ga[1])));
    SplittableRandom r = new SplittableRandom(3);
    for (int t = 0; t < 50; t++) {
      float[][] g = grads(r, sizes, t % 5 == 0 ? 10 : 0.01);
      for (int s = 0; s < 2; s++) System.arraycopy(g[s], 0, ga[s], 0, sizes[s]);
      old.step(a, g, 0.003, 1);
      neu.step();
      for (int s = 0; s < 2; s++) assertArrayEquals(a[s], b[s], "t=" + t);
    }
  }
}
