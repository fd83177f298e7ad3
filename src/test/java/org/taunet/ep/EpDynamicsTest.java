package org.taunet.ep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taunet.ep.EpConfig.Dynamics;
import org.taunet.tau.TauSpec;

/** Relaxation dynamics and the EP gradient estimate on tiny networks. */
class EpDynamicsTest {
  static final int[] SIZES = {6, 5, 4, 3};

  /** Glorot weights times weightScale, biases U(biasLow, biasLow + 0.5). */
  static EpNetwork tinyNetwork(String dtSpec, double weightScale, double biasLow, long seed) {
    EpNetwork net = EpNetwork.create(SIZES, Activation.HARD_SIGMOID, Dynamics.GRADIENT, TauSpec.parse(dtSpec),
        new SplittableRandom(seed), new SplittableRandom(seed + 1));
    SplittableRandom rng = new SplittableRandom(seed + 2);
    for (int l = 1; l < SIZES.length; l++) {
      for (int i = 0; i < net.w[l].length; i++) net.w[l][i] *= (float) weightScale;
      for (int j = 0; j < net.b[l].length; j++) net.b[l][j] = (float) (biasLow + 0.5 * rng.nextDouble());
    }
    return net;
  }

  static EpState randomInput(int batch, long seed) {
    EpState st = new EpState(SIZES, batch);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < st.s[0].length; i++) st.s[0][i] = (float) rng.nextDouble();
    return st;
  }

  static float[] oneHot(int batch, long seed) {
    int n = SIZES[SIZES.length - 1];
    float[] y = new float[batch * n];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < batch; k++) y[k * n + rng.nextInt(n)] = 1f;
    return y;
  }

  @Test
  void freePhaseEnergyNeverIncreasesWithSmallScalarDt() {
    assertEnergyMonotone("0.1");
  }

  @Test
  void freePhaseEnergyNeverIncreasesWithSmallHeterogeneousDt() {
    assertEnergyMonotone("uniform:0.02,0.2");
  }

  private static void assertEnergyMonotone(String dtSpec) {
    EpNetwork net = tinyNetwork(dtSpec, 2.0, 0.0, 11);
    int batch = 4;
    EpState st = randomInput(batch, 12);
    float[] y = oneHot(batch, 13);
    Relaxer relaxer = new Relaxer(net, batch);
    relaxer.setInput(st, batch);
    double[] previous = new double[batch];
    for (int k = 0; k < batch; k++) previous[k] = net.energy(st, k, y, 0);
    double firstDrop = 0;
    for (int t = 0; t < 200; t++) {
      relaxer.step(st, y, 0f);
      for (int k = 0; k < batch; k++) {
        double e = net.energy(st, k, y, 0);
        assertTrue(e <= previous[k] + 1e-6, "energy rose at step " + t + " example " + k + ": " + previous[k] + " -> " + e);
        if (t == 0) firstDrop += previous[k] - e;
        previous[k] = e;
      }
    }
    assertTrue(firstDrop > 1e-3, "relaxation should lower the energy, dropped " + firstDrop);
  }

  @Test
  void equilibriumDoesNotDependOnTheTimeSteps() {
    // Per-neuron dt only preconditions the descent: the fixed point is the same as with scalar dt.
    int batch = 3;
    float[] y = oneHot(batch, 5);
    EpState scalar = relaxToEquilibrium(tinyNetwork("0.3", 1.0, 0.0, 21), randomInput(batch, 22), y, 0f);
    EpNetwork hts = tinyNetwork("0.3", 1.0, 0.0, 21);
    float[] dt = TauSpec.parse("uniform:0.05,0.6").sample(12, new SplittableRandom(3));
    for (int l = 1, off = 0; l < SIZES.length; off += SIZES[l], l++) System.arraycopy(dt, off, hts.dt[l], 0, SIZES[l]);
    EpState heterogeneous = relaxToEquilibrium(hts, randomInput(batch, 22), y, 0f);
    for (int l = 1; l < SIZES.length; l++) {
      for (int i = 0; i < scalar.s[l].length; i++) assertEquals(scalar.s[l][i], heterogeneous.s[l][i], 1e-5);
    }
  }

  static EpState relaxToEquilibrium(EpNetwork net, EpState st, float[] y, float beta) {
    Relaxer relaxer = new Relaxer(net, st.batch);
    relaxer.setInput(st, st.batch);
    int notConverged = relaxer.relax(st, y, beta, 3000, 1e-7);
    assertEquals(0, notConverged, "relaxation did not converge");
    return st;
  }

  @Test
  void leakyDynamicsSettleOnTheFixedPointOfSigma() {
    // LEAKY: s <- (1 - dt) s + dt sigma(drive); at equilibrium s_l = sigma(s_{l-1} W_l + s_{l+1} W_{l+1}^T + b_l).
    EpNetwork net = EpNetwork.create(SIZES, Activation.SIGMOID, Dynamics.LEAKY, TauSpec.parse("uniform:0.2,0.8"),
        new SplittableRandom(41), new SplittableRandom(42));
    int batch = 2;
    EpState st = relaxToEquilibrium(net, randomInput(batch, 43), oneHot(batch, 44), 0f);
    for (int k = 0; k < batch; k++) {
      for (int l = 1; l < SIZES.length; l++) {
        float[] below = st.layer(l - 1, k), self = st.layer(l, k);
        float[] above = l + 1 < SIZES.length ? st.layer(l + 1, k) : null;
        for (int j = 0; j < SIZES[l]; j++) {
          double drive = net.b[l][j];
          for (int i = 0; i < SIZES[l - 1]; i++) drive += below[i] * net.w[l][i * SIZES[l] + j];
          if (above != null) for (int m = 0; m < SIZES[l + 1]; m++) drive += above[m] * net.w[l + 1][j * SIZES[l + 1] + m];
          assertEquals(Activation.SIGMOID.rho((float) drive), self[j], 1e-5, "layer " + l + " unit " + j);
        }
      }
    }
  }

  @Test
  void symmetricEpUpdateMatchesTheTrueGradient() {
    assertEpMatchesFiniteDifferences(true, 0.01f, 0.999);
  }

  @Test
  void oneSidedEpUpdateWithSmallBetaMatchesTheTrueGradient() {
    assertEpMatchesFiniteDifferences(false, 0.01f, 0.99);
  }

  /**
   * Compares the EP estimate with dL/dtheta by central differences of the equilibrated loss
   * L(theta) = mean_k C(s*_k(theta)) over all weights and biases of a 6-5-4-3 network.
   */
  private static void assertEpMatchesFiniteDifferences(boolean symmetric, float beta, double minCosine) {
    int batch = 4;
    // Moderate weights and biases near 1/2 keep most units inside (0, 1), where the loss is smooth.
    EpNetwork net = tinyNetwork("0.3", 0.3, 0.2, 31);
    float[] y = oneHot(batch, 33);
    EpState free = relaxToEquilibrium(net, randomInput(batch, 32), y, 0f);
    int interior = 0, units = 0;
    for (int l = 1; l < SIZES.length; l++) {
      for (float v : free.s[l]) { units++; if (v > 0f && v < 1f) interior++; }
    }
    assertTrue(interior >= 0.7 * units, "precondition: most units unsaturated, got " + interior + "/" + units);
    EpState plus = new EpState(SIZES, batch);
    plus.copyFrom(free);
    relaxToEquilibrium(net, plus, y, beta);
    EpState other = new EpState(SIZES, batch);
    other.copyFrom(free);
    if (symmetric) relaxToEquilibrium(net, other, y, -beta);
    EpGradient grad = new EpGradient(net, batch);
    grad.compute(plus, other, batch, symmetric ? -1f / (2 * beta * batch) : -1f / (beta * batch));

    double dot = 0, na = 0, nb = 0;
    float eps = 1e-3f;
    for (int l = 1; l < SIZES.length; l++) {
      for (float[][] pair : new float[][][] {{net.w[l], grad.gw[l]}, {net.b[l], grad.gb[l]}}) {
        float[] theta = pair[0], ep = pair[1];
        for (int i = 0; i < theta.length; i++) {
          float keep = theta[i];
          theta[i] = keep + eps;
          double up = equilibratedLoss(net, batch, y);
          theta[i] = keep - eps;
          double down = equilibratedLoss(net, batch, y);
          theta[i] = keep;
          double fd = (up - down) / (2 * eps);
          dot += fd * ep[i];
          na += fd * fd;
          nb += (double) ep[i] * ep[i];
        }
      }
    }
    double cosine = dot / Math.sqrt(na * nb);
    assertTrue(na > 1e-6, "the loss should depend on the parameters");
    assertTrue(cosine > minCosine, "cosine(EP, finite differences) = " + cosine);
    assertEquals(1.0, Math.sqrt(nb / na), 0.1, "EP and true gradient norms should agree");
  }

  private static double equilibratedLoss(EpNetwork net, int batch, float[] y) {
    EpState st = relaxToEquilibrium(net, randomInput(batch, 32), y, 0f);
    double loss = 0;
    for (int k = 0; k < batch; k++) loss += net.cost(st, k, y);
    return loss / batch;
  }
}
