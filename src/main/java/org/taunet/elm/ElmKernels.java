package org.taunet.elm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.taunet.numerics.DetMath;
import org.taunet.numerics.Kernels;
import org.taunet.numerics.Vec;

/**
 * The elementwise passes of one ELM unit's time step ({@link ElmBptt}): the ReLU or SiLU of the MLP's hidden layer,
 * the memory write through the scaled tanh, and their derivatives. Vector API loops with scalar tails;
 * {@code -Dtaunet.vector=false} runs the scalar loops only. The caller owns every buffer; each method says which
 * arguments it modifies.
 *
 * <p>Deterministic: the vector body and the scalar tail perform the same IEEE operations in the same order, with
 * sigma and tanh from {@link DetMath} (never {@code Math.exp} or {@code lanewise(EXP)}, whose last bits depend on the
 * JIT tier), so every element gets the same bits whichever loop computes it, on every tier.
 */
final class ElmKernels {
  /** The scaled tanh of the memory write, A tanh(S x) (LeCun's 1.7159 tanh(2x/3)). */
  static final float A = 1.7159f, S = 2f / 3f;

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  static final boolean VECTOR = Kernels.VECTOR_ENABLED;

  private ElmKernels() {}

  /** act = max(z, 0) (ReLU, as {@link Math#max(float, float)}) over [off, off + len). Modifies {@code act}. */
  static void relu(float[] z, float[] act, int off, int len) {
    int q = off, end = off + len;
    if (VECTOR) {
      for (int ub = off + F.loopBound(len); q < ub; q += L) {
        FloatVector.fromArray(F, z, q).lanewise(VectorOperators.MAX, 0f).intoArray(act, q);
      }
    }
    for (; q < end; q++) act[q] = Math.max(z[q], 0f);
  }

  /**
   * Backward of the ReLU and of the synaptic drive: dz1 = g (z1 &gt; 0 ? 1 : 0), written over z1; G = dz1 + kappa_s G
   * (as {@link #siluBack}). Modifies {@code z1} and {@code gradU}.
   */
  static void reluBack(float[] g, float[] z1, int zOff, float[] gradU, int gOff, int len, float kappaS) {
    int q = 0;
    if (VECTOR) {
      FloatVector zero = FloatVector.zero(F);
      for (int ub = F.loopBound(len); q < ub; q += L) {
        FloatVector z = FloatVector.fromArray(F, z1, zOff + q);
        FloatVector dz = FloatVector.fromArray(F, g, q).mul(zero.blend(1f, z.compare(VectorOperators.GT, 0f)));
        dz.intoArray(z1, zOff + q);
        dz.add(FloatVector.fromArray(F, gradU, gOff + q).mul(kappaS)).intoArray(gradU, gOff + q);
      }
    }
    for (; q < len; q++) {
      float dz = g[q] * (z1[zOff + q] > 0f ? 1f : 0f);
      z1[zOff + q] = dz;
      gradU[gOff + q] = dz + gradU[gOff + q] * kappaS;
    }
  }

  /** act = z sigma(z) (SiLU) over [off, off + len). Modifies {@code act}. */
  static void silu(float[] z, float[] act, int off, int len) {
    int q = off, end = off + len;
    if (VECTOR) {
      for (int ub = off + F.loopBound(len); q < ub; q += L) {
        FloatVector zv = FloatVector.fromArray(F, z, q);
        zv.mul(DetMath.sigmoid(zv)).intoArray(act, q);
      }
    }
    for (; q < end; q++) act[q] = z[q] * DetMath.sigmoid(z[q]);
  }

  /**
   * Backward of the SiLU and of the synaptic drive: dz1 = g SiLU'(z1) with SiLU'(z) = sigma(z) (1 + z (1 - sigma(z))),
   * written over z1; G = dz1 + kappa_s G (dL/du_t, summed back through u_t = kappa_s u_{t-1} + ...). g at [0, len),
   * z1 at zOff, G at gOff. Modifies {@code z1} and {@code gradU}.
   */
  static void siluBack(float[] g, float[] z1, int zOff, float[] gradU, int gOff, int len, float kappaS) {
    int q = 0;
    if (VECTOR) {
      for (int ub = F.loopBound(len); q < ub; q += L) {
        FloatVector z = FloatVector.fromArray(F, z1, zOff + q), sg = DetMath.sigmoid(z);
        FloatVector dz = FloatVector.fromArray(F, g, q).mul(sg.mul(z.mul(sg.neg().add(1f)).add(1f)));
        dz.intoArray(z1, zOff + q);
        dz.add(FloatVector.fromArray(F, gradU, gOff + q).mul(kappaS)).intoArray(gradU, gOff + q);
      }
    }
    for (; q < len; q++) {
      float z = z1[zOff + q], sg = DetMath.sigmoid(z);
      float dz = g[q] * (sg * (1f + z * (1f - sg)));
      z1[zOff + q] = dz;
      gradU[gOff + q] = dz + gradU[gOff + q] * kappaS;
    }
  }

  /**
   * The memory write of {@code rows} batch rows of d_m memories: dm_t = A tanh(S z2), written over z2;
   * m_t = kappa_m m_{t-1} + gain dm_t (ElmNet, Eq. of the memory update). z2 and m_{t-1} at m[prev...] layout
   * [rows x dm] from {@code z2Off} and {@code prevOff}, m_t at {@code curOff}, kappa_m and gain from {@code kOff}.
   * Modifies {@code z2} and {@code m}.
   */
  static void memoryWrite(float[] z2, int z2Off, float[] m, int prevOff, int curOff, float[] kappa, float[] gain,
                          int kOff, int rows, int dm) {
    for (int b = 0; b < rows; b++) {
      int zr = z2Off + b * dm, pr = prevOff + b * dm, cr = curOff + b * dm, c = 0;
      if (VECTOR) {
        for (int ub = F.loopBound(dm); c < ub; c += L) {
          FloatVector d = DetMath.tanh(FloatVector.fromArray(F, z2, zr + c).mul(S)).mul(A);
          d.intoArray(z2, zr + c);
          FloatVector mv = FloatVector.fromArray(F, kappa, kOff + c).mul(FloatVector.fromArray(F, m, pr + c));
          mv.add(FloatVector.fromArray(F, gain, kOff + c).mul(d)).intoArray(m, cr + c);
        }
      }
      for (; c < dm; c++) {
        float d = A * DetMath.tanh(S * z2[zr + c]);
        z2[zr + c] = d;
        m[cr + c] = kappa[kOff + c] * m[pr + c] + gain[kOff + c] * d;
      }
    }
  }
  /**
   * Backward of the memory write: dL/dz2 = dL/dm_t gain A S (1 - y^2), y = dm_t / A (= tanh(S z2)), written over dm_t.
   * dL/dm_t at gradM[gOff...], dm_t at dm[dOff...], both [rows x dm]; gain from {@code kOff}. Modifies {@code dm}.
   */
  static void memoryWriteBack(float[] gradM, int gOff, float[] dmT, int dOff, float[] gain, int kOff, int rows,
                              int dm) {
    for (int b = 0; b < rows; b++) {
      int gr = gOff + b * dm, dr = dOff + b * dm, c = 0;
      if (VECTOR) {
        for (int ub = F.loopBound(dm); c < ub; c += L) {
          FloatVector y = FloatVector.fromArray(F, dmT, dr + c).div(A);
          FloatVector g = FloatVector.fromArray(F, gradM, gr + c).mul(FloatVector.fromArray(F, gain, kOff + c));
          g.mul(A).mul(S).mul(y.mul(y).neg().add(1f)).intoArray(dmT, dr + c);
        }
      }
      for (; c < dm; c++) {
        float y = dmT[dr + c] / A;
        dmT[dr + c] = gradM[gr + c] * gain[kOff + c] * A * S * (1 - y * y);
      }
    }
  }

  /**
   * dL/dm_{t-1} = kappa_m (dL/dm_t + dL/da) through the leak, written over dL/dm_t at gradM[gOff...]; dL/da at
   * da[0...], both [rows x dm]; kappa_m from {@code kOff}. Modifies {@code gradM}.
   */
  static void leakBack(float[] gradM, int gOff, float[] da, float[] kappa, int kOff, int rows, int dm) {
    for (int b = 0; b < rows; b++) {
      int gr = gOff + b * dm, ar = b * dm, c = 0;
      if (VECTOR) {
        for (int ub = F.loopBound(dm); c < ub; c += L) {
          FloatVector sum = FloatVector.fromArray(F, gradM, gr + c).add(FloatVector.fromArray(F, da, ar + c));
          FloatVector.fromArray(F, kappa, kOff + c).mul(sum).intoArray(gradM, gr + c);
        }
      }
      for (; c < dm; c++) gradM[gr + c] = kappa[kOff + c] * (gradM[gr + c] + da[ar + c]);
    }
  }

  /**
   * Lane maps for rows narrower than a vector: with h dividing L, one vector holds g = L / h consecutive rows of
   * width h; {@code col[l] = l % h} repeats a row of x, {@code row[l] = (l / h) vStride} reads each lane's row
   * scalar v_b. Null where rows are not narrower (or the Vector API is off).
   */
  record Narrow(int g, int[] col, int[] row) {
    static Narrow of(int h, int vStride) {
      if (!VECTOR || h >= L || L % h != 0) return null;
      int[] col = new int[L], row = new int[L];
      for (int l = 0; l < L; l++) {
        col[l] = l % h;
        row[l] = (l / h) * vStride;
      }
      return new Narrow(L / h, col, row);
    }
  }

  /**
   * One recurrent synapse's drive into every batch row: y[yOff + b h + c] += (w v_b) x[xOff + c] for c &lt; h and each
   * row b &lt; rows with v_b = v[vOff + b vStride] nonzero (u_t += W1s_row w_s o_{t-1}). Per row the operations of
   * {@link Vec#axpy} (fused on the row's vector part, multiply then add on its tail), so the bits
   * are those of one axpy call per row; rows narrower than a vector ({@code narrow} not null) are all tail, and run
   * g rows per vector, multiply then add, lanes of rows with v_b = 0 left as they were. Modifies {@code y}.
   */
  static void axpyRows(float w, float[] v, int vOff, int vStride, float[] x, int xOff, float[] y, int yOff, int rows,
                       int h, Narrow narrow) {
    int b = 0;
    if (narrow != null) {
      FloatVector xv = FloatVector.fromArray(F, x, xOff, narrow.col(), 0);
      for (int ub = rows - narrow.g() + 1; b < ub; b += narrow.g()) {
        FloatVector vv = FloatVector.fromArray(F, v, vOff + b * vStride, narrow.row(), 0);
        FloatVector yv = FloatVector.fromArray(F, y, yOff + b * h);
        yv.add(vv.mul(w).mul(xv), vv.compare(VectorOperators.NE, 0f)).intoArray(y, yOff + b * h);
      }
    }
    for (; b < rows; b++) {
      float vb = v[vOff + b * vStride];
      if (vb != 0f) Vec.axpy(w * vb, x, xOff, y, yOff + b * h, h);
    }
  }

  /**
   * Backward of {@link #axpyRows} for every batch row b: dot_b = x . G_b (G_b = g[gOff + b h ...], the row's
   * dL/du_t), gradO[oOff + b oStride] += w dot_b (dL/do_{t-1} of the source); where v_b is nonzero also
   * grads[pIdx] += (sign v_b) dot_b (dL/dp of the synapse weight w_s = |p|, sign = sign(p)) and the row gradient
   * grads[xOff + c] += (w v_b) G_b[c]. The dot is {@link Vec#dot}'s, rows in order. Modifies
   * {@code gradO} and {@code grads}.
   */
  static void synapseBackRows(float w, float sign, float[] v, int vOff, int vStride, float[] x, int xOff, float[] g,
                              int gOff, float[] grads, int pIdx, float[] gradO, int oOff, int oStride, int rows, int h) {
    for (int b = 0; b < rows; b++) {
      int go = gOff + b * h;
      float dot = Vec.dot(x, xOff, g, go, h), vb = v[vOff + b * vStride];
      gradO[oOff + b * oStride] += w * dot;
      if (vb == 0f) continue;
      grads[pIdx] += sign * vb * dot;
      Vec.axpy(w * vb, g, go, grads, xOff, h);
    }
  }
}
