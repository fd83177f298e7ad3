package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taunet.numerics.DetMath;

/**
 * {@link ElmKernels}: the vector bodies and scalar tails give the bits of the plain scalar formulas for every length
 * (so across the vector/tail border), and the SiLU derivative is the derivative of the SiLU.
 */
class ElmKernelsTest {
  static float[] gaussian(SplittableRandom rng, int n, double sd) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (rng.nextGaussian() * sd);
    return a;
  }

  @Test
  void siluAndItsBackwardGiveTheScalarBits() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int len = 1; len <= 70; len++) {
      int off = 3;
      float[] z = gaussian(rng, len + off, 4), act = new float[len + off];
      ElmKernels.silu(z, act, off, len);
      for (int q = off; q < off + len; q++) assertEquals(z[q] * DetMath.sigmoid(z[q]), act[q], 0f, "len " + len);

      float[] g = gaussian(rng, len, 1), gradU = gaussian(rng, len + off, 1);
      float[] z1 = z.clone(), gu = gradU.clone();
      ElmKernels.siluBack(g, z1, off, gu, off, len, 0.9f);
      for (int q = 0; q < len; q++) {
        float x = z[off + q], sg = DetMath.sigmoid(x), dz = g[q] * (sg * (1f + x * (1f - sg)));
        assertEquals(Float.floatToRawIntBits(dz), Float.floatToRawIntBits(z1[off + q]), "len " + len);
        assertEquals(dz + gradU[off + q] * 0.9f, gu[off + q], 0f);
      }
    }
  }

  @Test
  void reluAndItsBackwardGiveTheScalarBits() {
    SplittableRandom rng = new SplittableRandom(6);
    for (int len = 1; len <= 70; len++) {
      int off = 2;
      float[] z = gaussian(rng, len + off, 1), act = new float[len + off];
      z[off] = -0f;   // signed zeros, NaN and infinities take the scalar path's values too
      if (len > 1) z[off + 1] = Float.NaN;
      if (len > 2) z[off + 2] = Float.NEGATIVE_INFINITY;
      if (len > 3) z[off + 3] = 0f;
      ElmKernels.relu(z, act, off, len);
      for (int q = off; q < off + len; q++) {
        assertEquals(Float.floatToRawIntBits(Math.max(z[q], 0f)), Float.floatToRawIntBits(act[q]), "len " + len + " q " + q);
      }
      float[] g = gaussian(rng, len, 1), gradU = gaussian(rng, len + off, 1);
      if (len > 4) g[4] = Float.POSITIVE_INFINITY;
      float[] z1 = z.clone(), gu = gradU.clone();
      ElmKernels.reluBack(g, z1, off, gu, off, len, 0.9f);
      for (int q = 0; q < len; q++) {
        float dz = g[q] * (z[off + q] > 0f ? 1f : 0f);
        assertEquals(Float.floatToRawIntBits(dz), Float.floatToRawIntBits(z1[off + q]), "len " + len + " q " + q);
        assertEquals(Float.floatToRawIntBits(dz + gradU[off + q] * 0.9f), Float.floatToRawIntBits(gu[off + q]));
      }
    }
  }

  @Test
  void siluDerivativeMatchesCentralDifferences() {
    float[] g = {1f};
    for (double x = -8; x <= 8; x += 0.37) {
      double h = 1e-3, fd = (silu(x + h) - silu(x - h)) / (2 * h);
      float[] z = {(float) x};
      ElmKernels.siluBack(g, z, 0, new float[1], 0, 1, 0f);
      assertEquals(fd, z[0], 1e-4 * Math.max(1, Math.abs(fd)), "x = " + x);
    }
  }

  static double silu(double x) {
    return x / (1 + Math.exp(-x));
  }

  @Test
  void memoryWriteGivesTheScalarBits() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int dm = 1; dm <= 40; dm++) {
      int rows = 3, off = 2, kOff = 1;
      float[] z2 = gaussian(rng, off + rows * dm, 2), m = gaussian(rng, off + 2 * rows * dm, 1);
      float[] kappa = gaussian(rng, kOff + dm, 1), gain = gaussian(rng, kOff + dm, 1);
      float[] z2Out = z2.clone(), mOut = m.clone();
      ElmKernels.memoryWrite(z2Out, off, mOut, off, off + rows * dm, kappa, gain, kOff, rows, dm);
      float[] wantZ = z2.clone(), wantM = m.clone();
      for (int b = 0; b < rows; b++) {
        for (int c = 0; c < dm; c++) {
          float d = ElmKernels.A * DetMath.tanh(ElmKernels.S * z2[off + b * dm + c]);
          wantZ[off + b * dm + c] = d;
          wantM[off + rows * dm + b * dm + c] = kappa[kOff + c] * m[off + b * dm + c] + gain[kOff + c] * d;
        }
      }
      assertArrayEquals(wantZ, z2Out, 0f, "dm " + dm);
      assertArrayEquals(wantM, mOut, 0f, "dm " + dm);
    }
  }
  @Test
  void memoryBackwardPassesGiveTheScalarBits() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int dm = 1; dm <= 40; dm++) {
      int rows = 3, off = 2, kOff = 1;
      float[] gradM = gaussian(rng, off + rows * dm, 1), dmT = gaussian(rng, off + rows * dm, 1);
      float[] gain = gaussian(rng, kOff + dm, 1), kappa = gaussian(rng, kOff + dm, 1), da = gaussian(rng, rows * dm, 1);
      float[] dz = dmT.clone(), g = gradM.clone();
      ElmKernels.memoryWriteBack(gradM, off, dz, off, gain, kOff, rows, dm);
      ElmKernels.leakBack(g, off, da, kappa, kOff, rows, dm);
      for (int b = 0; b < rows; b++) {
        for (int c = 0; c < dm; c++) {
          int q = off + b * dm + c;
          float y = dmT[q] / ElmKernels.A;
          assertEquals(gradM[q] * gain[kOff + c] * ElmKernels.A * ElmKernels.S * (1 - y * y), dz[q], 0f, "dm " + dm);
          assertEquals(kappa[kOff + c] * (gradM[q] + da[b * dm + c]), g[q], 0f, "dm " + dm);
        }
      }
    }
  }

  /** axpyRows and synapseBackRows against one Vec.axpy / Vec.dot call per row, bit for bit, zeros in v skipped. */
  @Test
  void rowBatchedSynapseKernelsGiveTheBitsOfOneCallPerRow() {
    SplittableRandom rng = new SplittableRandom(8);
    for (int h : new int[] {1, 2, 3, 4, 8, 16, 20, 33, 64}) {
      for (int rows = 1; rows <= 9; rows++) {
        int stride = 3, vOff = 2, xOff = 5, yOff = 4;
        float[] v = gaussian(rng, vOff + rows * stride, 1), x = gaussian(rng, xOff + h, 1);
        for (int b = 0; b < rows; b += 3) v[vOff + b * stride] = 0f;
        float[] y = gaussian(rng, yOff + rows * h, 1), want = y.clone();
        ElmKernels.axpyRows(0.7f, v, vOff, stride, x, xOff, y, yOff, rows, h, ElmKernels.Narrow.of(h, stride));
        for (int b = 0; b < rows; b++) {
          float vb = v[vOff + b * stride];
          if (vb != 0f) org.taunet.numerics.Vec.axpy(0.7f * vb, x, xOff, want, yOff + b * h, h);
        }
        assertArrayEquals(bits(want), bits(y), "axpyRows h " + h + " rows " + rows);

        float[] g = gaussian(rng, rows * h, 1), grads = gaussian(rng, xOff + h + 1, 1), gradO = gaussian(rng, rows * 2, 1);
        float[] wantGrads = grads.clone(), wantO = gradO.clone();
        int pIdx = xOff + h;
        ElmKernels.synapseBackRows(0.7f, -1f, v, vOff, stride, x, xOff, g, 0, grads, pIdx, gradO, 1, 2, rows, h);
        for (int b = 0; b < rows; b++) {
          float dot = org.taunet.numerics.Vec.dot(x, xOff, g, b * h, h), vb = v[vOff + b * stride];
          wantO[1 + 2 * b] += 0.7f * dot;
          if (vb == 0f) continue;
          wantGrads[pIdx] += -1f * vb * dot;
          org.taunet.numerics.Vec.axpy(0.7f * vb, g, b * h, wantGrads, xOff, h);
        }
        assertArrayEquals(bits(wantGrads), bits(grads), "synapseBackRows grads h " + h + " rows " + rows);
        assertArrayEquals(bits(wantO), bits(gradO), "synapseBackRows gradO h " + h + " rows " + rows);
      }
    }
  }

  static int[] bits(float[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) out[i] = Float.floatToRawIntBits(a[i]);
    return out;
  }
}
