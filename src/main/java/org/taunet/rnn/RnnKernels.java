package org.taunet.rnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.taunet.numerics.DetMath;
import org.taunet.numerics.Kernels;

/**
 * The fused elementwise passes of one RNN time step, over {@code rows} batch rows of {@code n} units each (row-major,
 * contiguous). Vector API loops with scalar tails; {@code -Dtaunet.vector=false} runs the scalar loops only. The
 * caller owns every buffer; each method says which arguments it modifies.
 *
 * <p>Deterministic: the vector body and the scalar tail perform the same IEEE operations in the same order (the same
 * fmas; phi and its derivative from {@link DetMath}, never {@code lanewise(TANH)} or {@code Math.tanh}, whose last bits
 * depend on the JIT tier), so every element gets the same bits whichever loop computes it, on every tier and with
 * {@code -Dtaunet.vector=false}. No reductions across lanes; {@link #columnSums} adds rows in row order.
 */
final class RnnKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final boolean VECTOR = Kernels.VECTOR_ENABLED;

  private RnnKernels() {}

  /**
   * x_t = x_{t-1} + a (z_t - x_{t-1}), r_t = phi(x_t) (Integrator form). Modifies {@code x} at xOff and {@code r} at
   * rOff (rows * n values each).
   */
  static void forward(Phi phi, float[] a, int rows, int n, float[] xPrev, int pOff, float[] z, int zOff,
                      float[] x, int xOff, float[] r, int rOff) {
    for (int row = 0; row < rows; row++) {
      int p = pOff + row * n, zi = zOff + row * n, xi = xOff + row * n, ri = rOff + row * n;
      int j = 0;
      if (VECTOR && phi == Phi.TANH) {  // x first, then r = tanh(x) in DetMath's own loop (the same bits)
        for (int ub = S.loopBound(n); j < ub; j += L) {
          FloatVector xp = FloatVector.fromArray(S, xPrev, p + j);
          FloatVector.fromArray(S, z, zi + j).sub(xp).fma(FloatVector.fromArray(S, a, j), xp).intoArray(x, xi + j);
        }
        for (; j < n; j++) x[xi + j] = Math.fma(z[zi + j] - xPrev[p + j], a[j], xPrev[p + j]);
        DetMath.tanh(x, xi, r, ri, n);
        continue;
      }
      if (VECTOR) {
        for (int ub = S.loopBound(n); j < ub; j += L) {
          FloatVector xp = FloatVector.fromArray(S, xPrev, p + j);
          FloatVector xv = FloatVector.fromArray(S, z, zi + j).sub(xp).fma(FloatVector.fromArray(S, a, j), xp);
          xv.intoArray(x, xi + j);
          phiVector(phi, xv).intoArray(r, ri + j);
        }
      }
      for (; j < n; j++) {  // the same operations as the vector body
        float xv = Math.fma(z[zi + j] - xPrev[p + j], a[j], xPrev[p + j]);
        x[xi + j] = xv;
        r[ri + j] = phi.apply(xv);
      }
    }
  }

  /**
   * One backward step. In: g = dL/dr_t (readout and recurrent paths), carry = dL/dx_{t+1} restricted to the leak path
   * (zero at a truncation border). Computes dx_t = g phi'(r_t) + (1 - a) carry; adds dx_t (z_t - x_{t-1}) to
   * {@code da} (when non-null, summed over rows); writes dz_t = a dx_t over g and dx_t over carry.
   * Modifies {@code g} at gOff, {@code carry} and {@code da}.
   */
  static void backward(Phi phi, float[] a, int rows, int n, float[] g, int gOff, float[] r, int rOff,
                       float[] carry, int cOff, float[] z, int zOff, float[] xPrev, int pOff, float[] da) {
    for (int row = 0; row < rows; row++) {
      int gi = gOff + row * n, ri = rOff + row * n, ci = cOff + row * n, zi = zOff + row * n, p = pOff + row * n;
      int j = 0;
      if (VECTOR) {
        for (int ub = S.loopBound(n); j < ub; j += L) {
          FloatVector av = FloatVector.fromArray(S, a, j);
          FloatVector cv = FloatVector.fromArray(S, carry, ci + j);
          FloatVector dx = FloatVector.fromArray(S, g, gi + j).mul(derivVector(phi, FloatVector.fromArray(S, r, ri + j)))
              .add(cv.sub(cv.mul(av)));
          dx.intoArray(carry, ci + j);
          dx.mul(av).intoArray(g, gi + j);
          if (da != null) {
            FloatVector dz = FloatVector.fromArray(S, z, zi + j).sub(FloatVector.fromArray(S, xPrev, p + j));
            dx.fma(dz, FloatVector.fromArray(S, da, j)).intoArray(da, j);
          }
        }
      }
      for (; j < n; j++) {  // the same operations as the vector body
        float c = carry[ci + j];
        float dx = g[gi + j] * phi.derivFromRate(r[ri + j]) + (c - c * a[j]);
        carry[ci + j] = dx;
        g[gi + j] = dx * a[j];
        if (da != null) da[j] = Math.fma(dx, z[zi + j] - xPrev[p + j], da[j]);
      }
    }
  }

  /** Lanewise {@link Phi#apply}, bit for bit. */
  static FloatVector phiVector(Phi phi, FloatVector x) {
    return switch (phi) {
      case TANH -> DetMath.tanh(x);
      case RELU -> x.max(0f);
      case SOFTPLUS -> DetMath.softplus(x);
    };
  }

  /** Lanewise {@link Phi#derivFromRate}, bit for bit. */
  static FloatVector derivVector(Phi phi, FloatVector r) {
    return switch (phi) {
      case TANH -> r.fma(r.neg(), FloatVector.broadcast(S, 1f));
      case RELU -> FloatVector.broadcast(S, 1f).blend(0f, r.compare(VectorOperators.LE, 0f));
      case SOFTPLUS -> DetMath.expm1(r.neg()).neg();
    };
  }

  /** out[j] = sum over rows of x[off + row * n + j]. Modifies {@code out}. */
  static void columnSums(float[] x, int off, int rows, int n, float[] out) {
    java.util.Arrays.fill(out, 0f);
    for (int row = 0; row < rows; row++) {
      int base = off + row * n;
      for (int j = 0; j < n; j++) out[j] += x[base + j];
    }
  }
}
