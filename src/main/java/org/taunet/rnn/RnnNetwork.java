package org.taunet.rnn;

import java.util.SplittableRandom;
import org.taunet.tau.TauDistribution;

/**
 * Parameters of a rate RNN tau_i dx_i/dt = -x_i + sum_j W_ij phi(x_j) + sum_k Win_ik u_k + b_i, readout
 * y = Wout phi(x) + bout, discretised as x_t = x_{t-1} + a_i (z_t - x_{t-1}) ({@link Integrator}). All arrays are
 * row-major float32: W [N x N] (row i = postsynaptic unit), Win [N x nIn], b [N], Wout [nOut x N], bout [nOut] and,
 * when tau is trainable, theta [N] with tau_i = tauFloor + exp(theta_i) (positive, above the floor).
 *
 * <p>{@link #params()} lists the trainable arrays in a fixed order (W, Win, b, Wout, bout[, theta]); optimizers,
 * gradients and checkpoints use that order.
 */
public final class RnnNetwork {
  public final int n;
  public final int nIn;
  public final int nOut;
  public final Phi phi;
  public final Integrator integrator;
  /** dt in seconds. */
  public final double dt;
  /** Whether a_i is clipped to 1 (otherwise alpha &gt; 1 is rejected). */
  public final boolean clipAlpha;
  /** Trainable tau floor (s): dt. */
  public final double tauFloor;
  public final float[] w;
  public final float[] win;
  public final float[] b;
  public final float[] wout;
  public final float[] bout;
  /** tau parameter (null unless tau is trainable). */
  public final float[] theta;
  /** Current time constants (s); derived from theta when trainable. */
  public final float[] tau;
  /** Per-unit step factors a_i (see {@link Integrator}); refreshed by {@link #refreshFactors()}. */
  public final float[] a;

  /** Wraps existing arrays (lengths checked); tau is taken from {@code tau} or, if non-null, from {@code theta}. */
  public RnnNetwork(int n, int nIn, int nOut, Phi phi, Integrator integrator, double dt, boolean clipAlpha,
                    float[] w, float[] win, float[] b, float[] wout, float[] bout, float[] tau, float[] theta) {
    this.n = n;
    this.nIn = nIn;
    this.nOut = nOut;
    this.phi = phi;
    this.integrator = integrator;
    this.dt = dt;
    this.clipAlpha = clipAlpha;
    this.tauFloor = dt;
    check("W", w, n * n);
    check("Win", win, n * nIn);
    check("b", b, n);
    check("Wout", wout, nOut * n);
    check("bout", bout, nOut);
    check("tau", tau, n);
    if (theta != null) check("theta", theta, n);
    this.w = w;
    this.win = win;
    this.b = b;
    this.wout = wout;
    this.bout = bout;
    this.theta = theta;
    this.tau = tau;
    this.a = new float[n];
    refreshFactors();
  }

  /**
   * A new network: W ~ N(0, g^2/N), Win ~ N(0, 1/nIn), Wout ~ N(0, 1/N), biases 0 (all from {@code init});
   * tau_i drawn from {@code taus} with {@code tauRng}, in seconds.
   */
  public static RnnNetwork create(RnnConfig cfg, int nIn, int nOut, TauDistribution taus, SplittableRandom init,
                                  SplittableRandom tauRng) {
    int n = cfg.units();
    float[] w = gaussian(n * n, cfg.gain() / Math.sqrt(n), init);
    float[] win = gaussian(n * nIn, 1 / Math.sqrt(nIn), init);
    float[] wout = gaussian(nOut * n, 1 / Math.sqrt(n), init);
    float[] tau = taus.sample(n, tauRng);
    double dt = cfg.dtSeconds();
    float[] theta = null;
    if (cfg.trainTau()) {
      theta = new float[n];
      for (int i = 0; i < n; i++) theta[i] = (float) Math.log(Math.max(tau[i] - dt, 1e-3 * dt));
    }
    return new RnnNetwork(n, nIn, nOut, cfg.activation(), cfg.integrator(), dt, cfg.clipAlpha(), w, win,
        new float[n], wout, new float[nOut], tau, theta);
  }

  private static float[] gaussian(int len, double sd, SplittableRandom rng) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) x[i] = (float) (sd * rng.nextGaussian());
    return x;
  }

  private static void check(String name, float[] x, int len) {
    if (x == null || x.length != len) {
      throw new IllegalArgumentException(name + " has " + (x == null ? "no" : x.length) + " values, expected " + len);
    }
  }

  /** The trainable arrays: W, Win, b, Wout, bout and, when tau is trainable, theta. */
  public float[][] params() {
    return theta == null ? new float[][] {w, win, b, wout, bout} : new float[][] {w, win, b, wout, bout, theta};
  }

  /** Names matching {@link #params()}. */
  public String[] paramNames() {
    return theta == null ? new String[] {"W", "Win", "b", "Wout", "bout"}
        : new String[] {"W", "Win", "b", "Wout", "bout", "theta"};
  }

  /**
   * Recomputes tau (from theta when trainable) and the step factors a_i. A unit with forward-Euler alpha_i = dt/tau_i
   * &gt; 1 is an error unless {@link #clipAlpha} is set, in which case a_i = 1.
   */
  public void refreshFactors() {
    for (int i = 0; i < n; i++) {
      if (theta != null) tau[i] = (float) (tauFloor + Math.exp(theta[i]));
      double f = integrator.factor(dt, tau[i]);
      if (f > 1) {
        if (!clipAlpha) {
          throw new IllegalArgumentException(String.format(
              "unit %d has tau = %.4g s, so alpha = dt/tau = %.4g > 1 at dt = %.4g s: forward Euler would overshoot. "
                  + "Use a tau distribution with min >= dt, a smaller dt, the exponential integrator, or --clip-alpha true",
              i, tau[i], f, dt));
        }
        f = 1;
      }
      a[i] = (float) f;
    }
  }

  /** da_i/dtau_i at the current tau (0 where a_i is clipped). */
  public double factorDerivative(int i) {
    double f = integrator.factor(dt, tau[i]);
    return f > 1 ? 0 : integrator.factorDerivative(dt, tau[i]);
  }

  /** An independent copy (arrays copied). */
  public RnnNetwork copy() {
    return new RnnNetwork(n, nIn, nOut, phi, integrator, dt, clipAlpha, w.clone(), win.clone(), b.clone(),
        wout.clone(), bout.clone(), tau.clone(), theta == null ? null : theta.clone());
  }

  /** Whether every parameter is finite. */
  public boolean isFinite() {
    for (float[] p : params()) for (float v : p) if (!Float.isFinite(v)) return false;
    return true;
  }
}
