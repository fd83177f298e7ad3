package org.taunet.rnn;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigenvalues of a network's recurrence, the "how close to sustained activity" probe of the multi-tau study. The
 * update x_t = x_{t-1} + a (W phi(x_{t-1}) + Win u_t + b - x_{t-1}) linearised at x = 0 with zero input is
 * x_t = J x_{t-1}, J_ij = (1 - a_i) delta_ij + a_i phi'(0) W_ij (a_i the unit's step factor, {@link Integrator}).
 * A mode with eigenvalue lambda decays by |lambda| per step, so it lives -dt / ln|lambda| seconds: |lambda| near 1 is
 * a slow mode (sustained activity), above 1 an unstable one. Eigenvalues by EJML's general (non-symmetric) solver.
 */
public final class Spectrum {
  private Spectrum() {}

  /** Eigenvalues as {re[], im[]}, ordered by decreasing modulus (ties by real part, then imaginary part). */
  public record Eigenvalues(double[] re, double[] im) {
    /** The largest |lambda| (0 for none). */
    public double radius() {
      return re.length == 0 ? 0 : Math.hypot(re[0], im[0]);
    }
  }

  /** The linearised update J of {@code net} at x = 0 ([n x n], row-major), as in the class comment. */
  public static double[] jacobian(RnnNetwork net) {
    return jacobian(net, new float[net.n]);
  }

  /**
   * The update linearised at the state {@code x} ([n]; e.g. the operating point of {@link Persistence}):
   * J_ik = (1 - a_i) delta_ik + a_i W_ik phi'(x_k), [n x n] row-major. With inputs held constant, a fixed point x is
   * stable when every |lambda(J)| &lt; 1.
   */
  public static double[] jacobian(RnnNetwork net, float[] x) {
    int n = net.n;
    if (x.length != n) throw new IllegalArgumentException("x has " + x.length + " values, need " + n);
    double[] slope = new double[n];
    for (int k = 0; k < n; k++) slope[k] = net.phi.derivFromRate(net.phi.apply(x[k]));
    double[] j = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) j[i * n + k] = net.a[i] * net.w[i * n + k] * slope[k];
      j[i * n + i] += 1 - net.a[i];
    }
    return j;
  }

  /** The recurrent weights W of {@code net} as doubles. */
  public static double[] weights(RnnNetwork net) {
    double[] w = new double[net.w.length];
    for (int i = 0; i < w.length; i++) w[i] = net.w[i];
    return w;
  }

  /**
   * The eigenvalues of the square row-major matrix {@code m} ([n x n]).
   *
   * @throws IllegalStateException if the solver does not converge
   */
  public static Eigenvalues of(double[] m, int n) {
    if (m.length != n * n) throw new IllegalArgumentException("need " + n * n + " values, got " + m.length);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
    if (!eig.decompose(new DMatrixRMaj(n, n, true, m))) throw new IllegalStateException("eigenvalues did not converge");
    Complex_F64[] v = new Complex_F64[eig.getNumberOfEigenvalues()];
    for (int i = 0; i < v.length; i++) v[i] = eig.getEigenvalue(i);
    java.util.Arrays.sort(v, (p, q) -> {
      int c = Double.compare(q.getMagnitude(), p.getMagnitude());
      if (c != 0) return c;
      c = Double.compare(q.real, p.real);
      return c != 0 ? c : Double.compare(q.imaginary, p.imaginary);
    });
    double[] re = new double[v.length], im = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      re[i] = v[i].real;
      im[i] = v[i].imaginary;
    }
    return new Eigenvalues(re, im);
  }

  /** The lifetime -dt / ln|lambda| (s) of a mode of modulus {@code modulus}: +inf at or above 1, 0 at 0. */
  public static double lifetime(double modulus, double dt) {
    if (modulus >= 1) return Double.POSITIVE_INFINITY;
    return modulus <= 0 ? 0 : -dt / Math.log(modulus);
  }
}
