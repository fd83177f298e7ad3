package org.taunet.train;

import java.util.List;

/**
 * Plain stochastic gradient descent: theta &lt;- theta - lr_t * g, in float as
 * {@code theta[i] -= (float) lr_t * (g[i] * scale)} (bit-identical to the former {@code ep.Optimizer} SGD when no
 * clipping applies). No buffers: its state is only {@code t} and {@code skipped}.
 */
public final class Sgd extends AbstractOptimizer {
  /** See {@link AbstractOptimizer}'s constructor for the arguments. */
  public Sgd(List<Param> params, double lr, LrSchedule schedule, double clip, NonFinite nonFinite) {
    super(params, lr, schedule, clip, nonFinite);
  }

  @Override
  void update(int slot, Param p, float scale, double lr, long t) {
    float[] theta = p.value(), g = p.grad();
    float a = (float) lr;
    for (int i = 0; i < theta.length; i++) theta[i] -= a * (g[i] * scale);
  }

  @Override
  List<String> bufferNames() {
    return List.of();
  }

  @Override
  float[] buffer(int buffer, int slot) {
    throw new IndexOutOfBoundsException("SGD has no buffers");
  }
}
