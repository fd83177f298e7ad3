package org.taunet.seq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/** Finite-difference check of a {@link SeqModel}'s hand-written BPTT against L = sum(c * logits), c random. */
public final class GradCheck {
  private GradCheck() {}

  /** Random sparse input: each entry nonzero with probability {@code density}, values in (0, 2). */
  public static SparseInput randomInput(int steps, int batch, int channels, double density, SplittableRandom rng) {
    float[] x = new float[steps * batch * channels];
    for (int q = 0; q < x.length; q++) if (rng.nextDouble() < density) x[q] = (float) (0.2 + 1.8 * rng.nextDouble());
    SparseInput in = new SparseInput();
    in.setDense(x, steps, batch, channels);
    return in;
  }

  /**
   * Compares the analytic gradient of {@code checks} random parameters with central differences (step eps, float
   * forward, double loss). With {@code carry}, every forward starts from the same carried state {@code start}.
   */
  public static void check(SeqModel model, SparseInput in, int first, boolean carry, float[] start, int checks, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int rows = (in.steps() - first) * in.batch() * model.outputs();
    float[] c = new float[rows];
    for (int q = 0; q < rows; q++) c[q] = (float) rng.nextGaussian();
    float[] logits = new float[rows];
    java.util.Arrays.fill(model.grads(), 0f);
    loss(model, in, first, carry, start, logits, c);
    model.backward(c);
    float[] p = model.params();
    float[] analytic = model.grads().clone();
    int bad = 0;
    StringBuilder report = new StringBuilder();
    for (int k = 0; k < checks; k++) {
      int idx = rng.nextInt(p.length);
      float orig = p[idx];
      float eps = 1e-2f * Math.max(1f, Math.abs(orig));
      p[idx] = orig + eps;
      double lp = loss(model, in, first, carry, start, logits, c);
      p[idx] = orig - eps;
      double lm = loss(model, in, first, carry, start, logits, c);
      p[idx] = orig;
      double fd = (lp - lm) / (2 * eps);
      double an = analytic[idx];
      double err = Math.abs(fd - an);
      if (err > 2e-2 * Math.max(Math.abs(fd), Math.abs(an)) + 2e-3) {
        bad++;
        report.append(String.format("  param %d: analytic %.6g, fd %.6g%n", idx, an, fd));
      }
    }
    assertTrue(bad == 0, bad + " of " + checks + " gradients differ:\n" + report);
  }

  private static double loss(SeqModel model, SparseInput in, int first, boolean carry, float[] start, float[] logits,
                             float[] c) {
    if (carry) System.arraycopy(start, 0, model.carriedState(), 0, start.length);
    model.forward(in, first, logits, carry);
    double l = 0;
    for (int q = 0; q < c.length; q++) l += (double) c[q] * logits[q];
    return l;
  }
}
