package org.taunet.elm;

/**
 * Adam (Kingma &amp; Ba 2015) on a flat parameter vector, after clipping the gradient to a global L2 norm:
 * m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, p -= lr mhat / (sqrt(vhat) + eps). State (m, v, t) is public for
 * checkpoints.
 */
public final class Adam {
  static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
  public final float[] m, v;
  public long t;

  public Adam(int size) {
    m = new float[size];
    v = new float[size];
  }

  /** Scales {@code g} so that its L2 norm is at most {@code maxNorm} (no-op if maxNorm &lt;= 0); returns the norm before. */
  public static double clip(float[] g, double maxNorm) {
    double s = 0;
    for (float x : g) s += (double) x * x;
    double norm = Math.sqrt(s);
    if (maxNorm > 0 && norm > maxNorm) {
      float f = (float) (maxNorm / norm);
      for (int q = 0; q < g.length; q++) g[q] *= f;
    }
    return norm;
  }

  /** One update of {@code p} from gradient {@code g} with learning rate {@code lr}. Modifies p, m, v, t. */
  public void step(float[] p, float[] g, double lr) {
    t++;
    double c1 = 1 - Math.pow(BETA1, t), c2 = 1 - Math.pow(BETA2, t);
    float a = (float) (lr / c1), b1 = (float) BETA1, b2 = (float) BETA2;
    float ic2 = (float) (1 / c2), eps = (float) EPS;
    for (int q = 0; q < p.length; q++) {
      float gq = g[q];
      m[q] = b1 * m[q] + (1 - b1) * gq;
      v[q] = b2 * v[q] + (1 - b2) * gq * gq;
      p[q] -= a * m[q] / ((float) Math.sqrt(v[q] * ic2) + eps);
    }
  }
}
