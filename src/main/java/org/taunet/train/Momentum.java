package org.taunet.train;

import java.util.List;

/**
 * SGD with momentum mu (velocity v, one buffer per parameter named {@code velocity}), in the form without
 * dampening that PyTorch (and the former {@code ep.Optimizer}) use:
 * <pre>
 *   heavy ball (Polyak 1964):  v &lt;- mu v + g;   theta &lt;- theta - lr_t v
 *   Nesterov (Sutskever 2013): v &lt;- mu v + g;   theta &lt;- theta - lr_t (g + mu v)
 * </pre>
 * In float, with g = g[i] * scale and a = (float) lr_t: {@code v[i] = mu * v[i] + g; theta[i] -= a * v[i]}
 * (heavy ball, bit-identical to the former {@code ep.Optimizer} MOMENTUM without clipping) or
 * {@code theta[i] -= a * (g + mu * v[i])} (Nesterov).
 */
public final class Momentum extends AbstractOptimizer {
  private final float mu;
  private final boolean nesterov;
  private final float[][] velocity;

  /**
   * @param momentum mu in [0, 1)
   * @param nesterov Nesterov's look-ahead form instead of heavy ball
   * @see AbstractOptimizer the other arguments
   */
  public Momentum(List<Param> params, double lr, LrSchedule schedule, double clip, NonFinite nonFinite,
                  double momentum, boolean nesterov) {
    super(params, lr, schedule, clip, nonFinite);
    if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    this.mu = (float) momentum;
    this.nesterov = nesterov;
    velocity = new float[params().size()][];
    for (int i = 0; i < velocity.length; i++) velocity[i] = new float[params().get(i).value().length];
  }

  @Override
  void update(int slot, Param p, float scale, double lr, long t) {
    float[] theta = p.value(), g = p.grad(), vel = velocity[slot];
    float a = (float) lr;
    if (nesterov) {
      for (int i = 0; i < theta.length; i++) {
        float gi = g[i] * scale;
        vel[i] = mu * vel[i] + gi;
        theta[i] -= a * (gi + mu * vel[i]);
      }
    } else {
      for (int i = 0; i < theta.length; i++) {
        vel[i] = mu * vel[i] + g[i] * scale;
        theta[i] -= a * vel[i];
      }
    }
  }

  @Override
  List<String> bufferNames() {
    return List.of("velocity");
  }

  @Override
  float[] buffer(int buffer, int slot) {
    return velocity[slot];
  }
}
