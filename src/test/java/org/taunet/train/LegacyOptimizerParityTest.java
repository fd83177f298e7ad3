package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The families' former optimizer against train's, while both exist: rnn.Adam (with clipping) is bit-identical to
 * train's over 50 steps, so moving RNN onto train changes no figure. (ep.Optimizer, bit-identical too, and elm.Adam,
 * whose other float form of the bias correction differed from the first step, are gone.) Delete this class together
 * with rnn.Adam.
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
