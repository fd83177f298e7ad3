package org.taunet.train;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) and AdamW (Loshchilov &amp; Hutter 2019, decoupled weight decay). Two
 * buffers per parameter, {@code m} and {@code v}, each with the parameter's shape.
 *
 * <p><b>Equations.</b> For update t = 1, 2, ... with gradient g (after clipping), learning rate lr_t (the
 * parameter's lr times the schedule factor) and weight decay wd (0 for Adam):
 * <pre>
 *   m     &lt;- beta1 m + (1 - beta1) g
 *   v     &lt;- beta2 v + (1 - beta2) g^2
 *   m_hat  = m / (1 - beta1^t),   v_hat = v / (1 - beta2^t)
 *   theta &lt;- theta - lr_t wd theta - lr_t m_hat / (sqrt(v_hat) + eps)
 * </pre>
 * The decay term uses theta before the update and no moment: it is Loshchilov &amp; Hutter's decoupled decay
 * eta_t lambda theta with eta_t lambda = lr_t wd (the PyTorch convention: wd is relative to the learning rate, so
 * a zero gradient shrinks theta by exactly lr_t wd theta per step). With wd = 0 the decay line is not executed at
 * all, so Adam's arithmetic has no extra operation.
 *
 * <p><b>Float form of the bias correction</b> (the one this class uses, chosen once for every family): the
 * corrections are folded into two per-tensor float constants computed in double,
 * <pre>
 *   a_t = (float) (lr_t sqrt(1 - beta2^t) / (1 - beta1^t)),   e_t = (float) (eps sqrt(1 - beta2^t))
 * </pre>
 * and per element, all in float, {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g; theta -= a_t*m/(sqrt(v)+e_t)}
 * (b1, b2 = (float) beta). This is Kingma &amp; Ba's "efficient" ordering (Sec. 2) with eps rescaled so that it is
 * algebraically identical to Algorithm 1 (eps added to sqrt(v_hat)); it is the form of the former
 * {@code ep.Optimizer} and {@code rnn.Adam} (bit-identical to them without clipping, resp. with the same clipping),
 * while the former {@code elm.Adam} computed sqrt(v * (1/c2)) + eps per element (same mathematics, other rounding).
 */
public final class Adam extends AbstractOptimizer {
  private final double beta1, beta2, eps, weightDecay;
  private final float b1, b2;
  private final float[][] m, v;

  /**
   * @param beta1 first-moment decay in [0, 1)
   * @param beta2 second-moment decay in [0, 1)
   * @param eps denominator offset, finite and &gt; 0
   * @param weightDecay decoupled weight decay wd &gt;= 0 (0 = Adam, &gt; 0 = AdamW); a parameter may override it
   * @see AbstractOptimizer the other arguments
   */
  public Adam(List<Param> params, double lr, LrSchedule schedule, double clip, NonFinite nonFinite,
              double beta1, double beta2, double eps, double weightDecay) {
    super(params, lr, schedule, clip, nonFinite);
    if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
    if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
    if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("eps must be finite and > 0, got " + eps);
    if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    b1 = (float) beta1;
    b2 = (float) beta2;
    int n = params().size();
    m = new float[n][];
    v = new float[n][];
    for (int i = 0; i < n; i++) {
      m[i] = new float[params().get(i).value().length];
      v[i] = new float[params().get(i).value().length];
    }
  }

  @Override
  void update(int slot, Param p, float scale, double lr, long t) {
    float[] theta = p.value(), g = p.grad(), m1 = m[slot], m2 = v[slot];
    double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
    float a = (float) (lr * Math.sqrt(c2) / c1);
    float e = (float) (eps * Math.sqrt(c2));
    double wd = p.weightDecayOr(weightDecay);
    if (wd != 0) {
      float d = (float) (lr * wd);
      for (int i = 0; i < theta.length; i++) theta[i] -= d * theta[i];
    }
    for (int i = 0; i < theta.length; i++) {
      float gi = g[i] * scale;
      m1[i] = b1 * m1[i] + (1 - b1) * gi;
      m2[i] = b2 * m2[i] + (1 - b2) * gi * gi;
      theta[i] -= a * m1[i] / ((float) Math.sqrt(m2[i]) + e);
    }
  }

  @Override
  List<String> bufferNames() {
    return List.of("m", "v");
  }

  @Override
  float[] buffer(int buffer, int slot) {
    return buffer == 0 ? m[slot] : v[slot];
  }
}
