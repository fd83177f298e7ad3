package org.taunet.rnn;

/**
 * How tau_i dx_i/dt = -x_i + z_i (z = W phi(x) + Win u + b) is stepped over dt. Both take the form
 * x_t = x_{t-1} + a_i (z_t - x_{t-1}) with a per-unit factor a_i:
 * EULER a_i = alpha_i = dt / tau_i (forward Euler; must be &lt;= 1), EXPONENTIAL a_i = 1 - exp(-dt / tau_i) (exact
 * for z held constant over the step; always in (0, 1)).
 */
public enum Integrator {
  EULER, EXPONENTIAL;

  /** The factor a for time step dt and time constant tau (same units), unclipped. */
  public double factor(double dt, double tau) {
    return this == EULER ? dt / tau : -Math.expm1(-dt / tau);
  }

  /** da/dtau. */
  public double factorDerivative(double dt, double tau) {
    return this == EULER ? -dt / (tau * tau) : -Math.exp(-dt / tau) * dt / (tau * tau);
  }
}
