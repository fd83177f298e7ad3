package org.taunet.rnn;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1; beta1 = 0.9, beta2 = 0.999, eps = 1e-8) over a list of parameter arrays,
 * with optional global gradient-norm clipping (g &lt;- g * min(1, c / ||g||), the norm over all arrays). Its state
 * (moments m, v and step count t) is exposed for checkpoints. (ep.Optimizer keeps its state package-private to
 * the ep package and has no clipping, hence this small one.)
 */
public final class Adam {
  static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;
  public final float[][] m;
  public final float[][] v;
  public long t;

  public Adam(float[][] params) {
    m = new float[params.length][];
    v = new float[params.length][];
    for (int i = 0; i < params.length; i++) {
      m[i] = new float[params[i].length];
      v[i] = new float[params[i].length];
    }
  }

  /** The global L2 norm of {@code grads}. */
  public static double norm(float[][] grads) {
    double s = 0;
    for (float[] g : grads) for (float v : g) s += (double) v * v;
    return Math.sqrt(s);
  }

  /**
   * Clips {@code grads} to global norm {@code clip} (if clip &gt; 0) and takes one Adam step on {@code params} with
   * learning rate {@code lr}. Returns the gradient norm before clipping. Modifies params, grads and the state.
   */
  public double step(float[][] params, float[][] grads, double lr, double clip) {
    double norm = norm(grads);
    float scale = clip > 0 && norm > clip ? (float) (clip / norm) : 1f;
    t++;
    double c1 = 1 - Math.pow(BETA1, t), c2 = 1 - Math.pow(BETA2, t);
    float step = (float) (lr * Math.sqrt(c2) / c1), b1 = (float) BETA1, b2 = (float) BETA2;
    float eps = (float) (EPS * Math.sqrt(c2));
    for (int s = 0; s < params.length; s++) {
      float[] p = params[s], g = grads[s], m1 = m[s], m2 = v[s];
      for (int i = 0; i < p.length; i++) {
        float gi = g[i] * scale;
        m1[i] = b1 * m1[i] + (1 - b1) * gi;
        m2[i] = b2 * m2[i] + (1 - b2) * gi * gi;
        p[i] -= step * m1[i] / ((float) Math.sqrt(m2[i]) + eps);
      }
    }
    return norm;
  }
}
