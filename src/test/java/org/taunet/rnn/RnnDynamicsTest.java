package org.taunet.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taunet.analysis.Criterion;
import org.taunet.analysis.WeightChange;
import org.taunet.tasks.MultiscaleWorkingMemory;

/** The multi-tau study's measurements: spectrum, persistence, weight change by tau group, loss area. */
class RnnDynamicsTest {
  /** A 2-unit tanh network with W = [[0, -1], [1, 0]], given taus, EULER at dt = 50 ms, Win = winScale per input. */
  static RnnNetwork net(float[] w, float[] tau, float winScale) {
    int n = tau.length;
    float[] win = new float[n];
    java.util.Arrays.fill(win, winScale);
    return new RnnNetwork(n, 1, 2, Phi.TANH, Integrator.EULER, 0.05, false, w, win, new float[n], new float[2 * n],
        new float[2], tau, null);
  }

  @Test
  void eigenvaluesOfARotationAndOfItsLinearisedUpdate() {
    RnnNetwork r = net(new float[] {0, -1, 1, 0}, new float[] {0.1f, 0.1f}, 1);
    Spectrum.Eigenvalues w = Spectrum.of(Spectrum.weights(r), 2);
    assertArrayEquals(new double[] {0, 0}, w.re(), 1e-12);
    assertArrayEquals(new double[] {1, -1}, w.im(), 1e-12);
    assertEquals(1, w.radius(), 1e-12);
    // a = dt / tau = 0.5: J = 0.5 I + 0.5 W, eigenvalues 0.5 +- 0.5i
    double[] j = Spectrum.jacobian(r);
    assertArrayEquals(new double[] {0.5, -0.5, 0.5, 0.5}, j, 1e-7);
    Spectrum.Eigenvalues e = Spectrum.of(j, 2);
    assertArrayEquals(new double[] {0.5, 0.5}, e.re(), 1e-7);
    assertArrayEquals(new double[] {0.5, -0.5}, e.im(), 1e-7);
    assertEquals(Math.sqrt(0.5), e.radius(), 1e-7);
    assertEquals(0.05 / Math.log(Math.sqrt(2)), Spectrum.lifetime(e.radius(), 0.05), 1e-6);
    assertEquals(Double.POSITIVE_INFINITY, Spectrum.lifetime(1.0, 0.05));
  }

  @Test
  void persistenceOfUncoupledUnitsIsTheirDecayTime() {
    // W = 0, tau = 1 s, a = 0.05: after the pulse the deviation shrinks by 0.95 per step (linear regime: tiny Win),
    // 0.95^19 = 0.377 > 1/e > 0.95^20 = 0.358, so 20 steps = 1.0 s; tau = 0.25 s: 0.8^4 = 0.41, 0.8^5 = 0.33 -> 0.25 s
    Persistence.Result slow = Persistence.of(net(new float[4], new float[] {1, 1}, 1e-4f), new float[1], new SplittableRandom(1));
    assertEquals(1.0, slow.seconds(), 1e-9);
    assertEquals(0, slow.held());
    assertEquals(0.25, Persistence.of(net(new float[4], new float[] {0.25f, 0.25f}, 1e-4f), new float[1],
        new SplittableRandom(1)).seconds(), 1e-9);
    assertEquals(0.15, Persistence.decayTime(new double[] {5, 1, 0.9, 0.5, 0.3, 0.1}, 1, 0.05), 1e-12);
    assertEquals(0.2, Persistence.decayTime(new double[] {5, 1, 0.9, 0.5, 0.4, 0.4}, 1, 0.05), 1e-12, "censored");
  }

  @Test
  void persistenceIsMeasuredAroundTheOperatingPointNotAtZero() {
    // one unit, tau = 1 s, self-excitation w = 2, Win = 1. Without input x = 0 is an unstable fixed point (J = 0.95 +
    // 0.05 * 2 = 1.05): every pulse grows into one of the two stable states, so a probe at x = 0 reads the 20 s cap
    // with every stream held. Under the operating input u0 = 1 the unit relaxes to x* = 2 tanh(x*) + 1 = 2.99, where
    // phi'(x*) = 0.0104 and J = 0.95 + 0.05 * 2 * 0.0104 = 0.951: the pulse decays in about 20 steps (1 s).
    RnnNetwork bistable = net(new float[] {2}, new float[] {1}, 1);
    Persistence.Result zero = Persistence.of(bistable, new float[1], new SplittableRandom(1));
    assertEquals(Persistence.HORIZON_MS / 1000, zero.seconds(), 1e-9);
    assertEquals(1, zero.held());
    Persistence.Result op = Persistence.of(bistable, new float[] {1}, new SplittableRandom(1));
    assertEquals(0, op.held());
    assertEquals(1.0, op.seconds(), 0.1);
    assertEquals(2.99, op.state()[0], 0.01);
    assertTrue(op.drift() < 1e-4, "relaxed to a fixed point: " + op.drift());
    double j = Spectrum.of(Spectrum.jacobian(bistable, op.state()), 1).radius();
    assertEquals(0.951, j, 0.001);
    assertEquals(1.05, Spectrum.of(Spectrum.jacobian(bistable), 1).radius(), 1e-6);
  }

  @Test
  void operatingInputIsTheFixationPeriodsInput() {
    assertArrayEquals(new float[] {1, 0, 0},
        Persistence.operatingInput(new MultiscaleWorkingMemory(50), new SplittableRandom(3)), 0f);
  }

  @Test
  void weightChangeSplitsRowsByTauRank() {
    // 3 units, taus 2, 0.5, 1 -> groups (fastest first) unit 1, unit 2, unit 0; only row 2 changes, by 50 %
    float[] w0 = {1, 1, 1, 2, 2, 2, 3, 3, 3};
    float[] w = w0.clone();
    for (int k = 6; k < 9; k++) w[k] = 4.5f;
    float[] tau = {2, 0.5f, 1};
    assertArrayEquals(new double[] {0, 0.5, 0}, WeightChange.byTauGroups(w, w0, tau, 3), 1e-12);
    assertArrayEquals(new double[] {0.5, 1, 2}, WeightChange.groupEdges(tau, 3), 1e-12);
    assertEquals(Math.sqrt(3 * 2.25 / (3 + 12 + 27)), WeightChange.relative(w, w0), 1e-12);
    assertArrayEquals(new double[] {Math.sqrt(3 * 2.25 / (3 + 12 + 27))}, WeightChange.byTauGroups(w, w0, tau, 1), 1e-12);
  }

  @Test
  void areaUnderACurveIsTheTrapezoidRule() {
    assertEquals(5 * (1 + 0.5) / 2 + 10 * (0.5 + 0.25) / 2, Criterion.area(new int[] {0, 5, 15}, new double[] {1, 0.5, 0.25}), 1e-12);
    assertEquals(0, Criterion.area(new int[] {3}, new double[] {1}));
  }
}
