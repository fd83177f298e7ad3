package org.taunet.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded parameter sets and gradient streams for the optimizer tests. */
final class TestParams {
  private TestParams() {}

  /** Parameters W1 [2, 3], b1 [3], W2 [3, 2] with values ~ U(-1, 1) from {@code seed}, zero gradients. */
  static List<Param> model(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Param> ps = new ArrayList<>();
    ps.add(Param.of("W1", random(r, 6), new float[6], 2, 3));
    ps.add(Param.of("b1", random(r, 3), new float[3], 3));
    ps.add(Param.of("W2", random(r, 6), new float[6], 3, 2));
    return ps;
  }

  /** The same names, shapes and overrides with copies of the values and fresh gradient buffers. */
  static List<Param> copy(List<Param> ps) {
    List<Param> out = new ArrayList<>();
    for (Param p : ps) {
      out.add(new Param(p.name(), p.value().clone(), new float[p.grad().length], p.shape(), p.lr(), p.weightDecay()));
    }
    return out;
  }

  /** Fills every gradient with values ~ U(-scale, scale) drawn from {@code r} in parameter order. */
  static void randomGrads(List<Param> ps, SplittableRandom r, double scale) {
    for (Param p : ps) {
      for (int i = 0; i < p.grad().length; i++) p.grad()[i] = (float) (scale * (2 * r.nextDouble() - 1));
    }
  }

  /** Copies the gradients of {@code from} into those of {@code to} (same layout). */
  static void copyGrads(List<Param> from, List<Param> to) {
    for (int k = 0; k < from.size(); k++) {
      System.arraycopy(from.get(k).grad(), 0, to.get(k).grad(), 0, from.get(k).grad().length);
    }
  }

  private static float[] random(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (2 * r.nextDouble() - 1);
    return a;
  }
}
