package org.taunet.ep;

/**
 * Neuron nonlinearities rho used by the EP network.
 *
 * <p>HARD_SIGMOID rho(s) = clip(s, 0, 1) is the one of Scellier &amp; Bengio (2017). Its derivative is
 * taken as 1 on the closed interval [0, 1] (as Theano's clip gradient does): a neuron resting at 0
 * must still feel its input, otherwise it could never leave 0.
 * SIGMOID is Laborieux et al. (2021)'s rho(s) = 1 / (1 + exp(-4 (s - 1/2))), TANH is rho(s) = tanh(s).
 */
public enum Activation {
  HARD_SIGMOID {
    @Override public float rho(float s) { return Math.min(1f, Math.max(0f, s)); }
    @Override public float rhoPrime(float s) { return (s >= 0f && s <= 1f) ? 1f : 0f; }
  },
  SIGMOID {
    @Override public float rho(float s) { return (float) (1.0 / (1.0 + Math.exp(-4.0 * (s - 0.5)))); }
    @Override public float rhoPrime(float s) { float r = rho(s); return 4f * r * (1f - r); }
  },
  TANH {
    @Override public float rho(float s) { return (float) Math.tanh(s); }
    @Override public float rhoPrime(float s) { float t = (float) Math.tanh(s); return 1f - t * t; }
  };

  /** rho(s). */
  public abstract float rho(float s);

  /** d rho / ds. */
  public abstract float rhoPrime(float s);

  /** Applies rho elementwise: out[i] = rho(s[i]) for i in [0, n). Modifies {@code out}. */
  public void apply(float[] s, float[] out, int n) {
    if (this == HARD_SIGMOID) {
      for (int i = 0; i < n; i++) out[i] = Math.min(1f, Math.max(0f, s[i]));
    } else {
      for (int i = 0; i < n; i++) out[i] = rho(s[i]);
    }
  }
}
