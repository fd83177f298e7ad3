package org.taunet.numerics;

/**
 * Scalar gate functions of the LSTM and leaky-RNN baselines, written with {@link Math#exp} in one fixed order so that
 * a forward pass gives the same bits on every JVM (unlike {@link Math#tanh}, whose result may vary by 1 ulp).
 */
public final class Gates {
  private Gates() {}

  /** tanh(x) = 1 - 2 / (e^{2x} + 1). */
  public static float tanh(float x) {
    return 1f - 2f / ((float) Math.exp(2f * x) + 1f);
  }

  /** sigma(x) = 1 / (1 + e^{-x}). */
  public static float sigmoid(float x) {
    return 1f / (1f + (float) Math.exp(-x));
  }
}
