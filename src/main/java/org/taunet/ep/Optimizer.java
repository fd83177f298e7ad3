package org.taunet.ep;

/**
 * First-order optimizers over a list of parameter arrays ("slots"), stepping against a gradient
 * estimate g: SGD theta -= lr g; MOMENTUM v = mu v + g, theta -= lr v; ADAM (Kingma &amp; Ba 2015,
 * Algorithm 1, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) theta -= lr m_hat / (sqrt(v_hat) + eps).
 * Its state (velocities, moments, step count) is exposed for checkpoints.
 */
public final class Optimizer {
  /** The update rule. */
  public enum Kind { SGD, MOMENTUM, ADAM }

  private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
  private final Kind kind;
  private final float momentum;
  final float[][] m;
  final float[][] v;
  long t;

  /** @param sizes length of each parameter slot */
  public Optimizer(Kind kind, double momentum, int[] sizes) {
    this.kind = kind;
    this.momentum = (float) momentum;
    m = new float[sizes.length][];
    v = new float[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      if (kind != Kind.SGD) m[i] = new float[sizes[i]];
      if (kind == Kind.ADAM) v[i] = new float[sizes[i]];
    }
  }

  /** Call once per minibatch before the {@link #step} calls of that minibatch (Adam's bias correction). */
  public void nextIteration() {
    t++;
  }

  /** Updates {@code theta} in place from gradient {@code g} with learning rate {@code lr}. */
  public void step(int slot, float[] theta, float[] g, double lr) {
    switch (kind) {
      case SGD -> {
        float a = (float) lr;
        for (int i = 0; i < theta.length; i++) theta[i] -= a * g[i];
      }
      case MOMENTUM -> {
        float[] vel = m[slot];
        float a = (float) lr;
        for (int i = 0; i < theta.length; i++) {
          vel[i] = momentum * vel[i] + g[i];
          theta[i] -= a * vel[i];
        }
      }
      case ADAM -> {
        float[] m1 = m[slot], m2 = v[slot];
        double c1 = 1 - Math.pow(BETA1, t), c2 = 1 - Math.pow(BETA2, t);
        float a = (float) (lr * Math.sqrt(c2) / c1), b1 = (float) BETA1, b2 = (float) BETA2;
        float eps = (float) (EPS * Math.sqrt(c2));
        for (int i = 0; i < theta.length; i++) {
          m1[i] = b1 * m1[i] + (1 - b1) * g[i];
          m2[i] = b2 * m2[i] + (1 - b2) * g[i] * g[i];
          theta[i] -= a * m1[i] / ((float) Math.sqrt(m2[i]) + eps);
        }
      }
    }
  }
}
