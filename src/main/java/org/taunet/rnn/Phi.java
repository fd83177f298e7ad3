package org.taunet.rnn;

import org.taunet.numerics.DetMath;

/**
 * The rate nonlinearity r = phi(x). The derivative is written in terms of the rate r (what the forward pass stores):
 * tanh' = 1 - r^2, relu' = [r &gt; 0], softplus' = sigmoid(x) = 1 - exp(-r) (since r = log(1 + e^x)).
 *
 * <p>{@link #apply} and {@link #derivFromRate} use {@link DetMath} and fixed fmas, the same operations as the vector
 * kernels, so results never depend on the JIT tier or on which loop computed an element.
 */
public enum Phi {
  TANH {
    @Override public float apply(float x) { return DetMath.tanh(x); }
    @Override public float derivFromRate(float r) { return Math.fma(r, -r, 1f); }
  },
  RELU {
    @Override public float apply(float x) { return Math.max(0f, x); }
    @Override public float derivFromRate(float r) { return r <= 0 ? 0f : 1f; }
  },
  SOFTPLUS {
    @Override public float apply(float x) { return DetMath.softplus(x); }
    @Override public float derivFromRate(float r) { return -DetMath.expm1(-r); }
  };

  /** r = phi(x). */
  public abstract float apply(float x);

  /** phi'(x) expressed through r = phi(x). */
  public abstract float derivFromRate(float r);

  /** Double-precision phi, for reference computations. */
  public double applyDouble(double x) {
    return switch (this) {
      case TANH -> Math.tanh(x);
      case RELU -> Math.max(0, x);
      case SOFTPLUS -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    };
  }
}
