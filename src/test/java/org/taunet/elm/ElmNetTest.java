package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taunet.seq.GradCheck;
import org.taunet.seq.SparseInput;

class ElmNetTest {
  static ElmShape shape(int inputs, int outputs, int units, int dm, int h, int kc, int branches,
                        ElmShape.Version v, boolean learnTau) {
    return new ElmShape(inputs, outputs, units, dm, h, kc, branches, v, ElmShape.Activation.SILU, 1, 30, null,
        learnTau, 5, 5, 1, 0.5);
  }

  static ElmNet net(ElmShape s, long seed) {
    return new ElmNet(s, new SplittableRandom(seed), new SplittableRandom(seed + 1), new SplittableRandom(seed + 2));
  }

  @Test void referenceBranchElmHas8002Parameters() {
    // Spieler et al. reference: d_m = 20, 45 branches x 100 synapses, 1278 inputs, 2 outputs, d_mlp = 2 d_m
    ElmShape s = new ElmShape(1278, 2, 1, 20, 40, 4500, 45, ElmShape.Version.V2, ElmShape.Activation.SILU, 1, 150, null,
        false, 5, 5, 1, 0.5);
    assertEquals(8002, s.paramCount());
    assertEquals(8002, net(s, 1).params().length);
  }

  @Test void closedFormMatchesLayoutForNetworks() {
    ElmShape s = shape(7, 4, 5, 3, 6, 4, 2, ElmShape.Version.V1, true);
    long perUnit = 4 + 2 * 6 + 6 * 3 + 6 + 3 * 6 + 3 + 3 + 3 + 1;
    assertEquals(5 * perUnit + 5 * 3 * 4 + 4, s.paramCount());
    assertEquals(s.paramCount(), net(s, 2).params().length);
  }

  @Test void gradientV1SingleNeuronLearnedTau() {
    ElmNet net = net(shape(6, 3, 1, 3, 5, 6, 6, ElmShape.Version.V1, true), 3);
    GradCheck.check(net, GradCheck.randomInput(7, 2, 6, 0.4, new SplittableRandom(4)), 0, false, null, 80, 5);
  }

  @Test void gradientV2BranchRoutingLastStep() {
    ElmNet net = net(shape(5, 4, 1, 4, 6, 9, 3, ElmShape.Version.V2, true), 6);
    GradCheck.check(net, GradCheck.randomInput(8, 3, 5, 0.4, new SplittableRandom(7)), 7, false, null, 80, 8);
  }

  @Test void gradientRecurrentNetworkWithCarriedState() {
    ElmNet net = net(shape(4, 3, 3, 2, 4, 4, 4, ElmShape.Version.V1, true), 9);
    SplittableRandom rng = new SplittableRandom(10);
    net.resetState(2);
    net.forward(GradCheck.randomInput(5, 2, 4, 0.5, rng), 0, new float[5 * 2 * 3], true); // make a nonzero state
    float[] start = net.carriedState().clone();
    GradCheck.check(net, GradCheck.randomInput(6, 2, 4, 0.5, rng), 0, true, start, 120, 11);
  }

  @Test void carriedStateContinuesTheSequenceExactly() {
    ElmNet net = net(shape(4, 2, 2, 3, 4, 5, 5, ElmShape.Version.V1, false), 12);
    SparseInput whole = GradCheck.randomInput(10, 1, 4, 0.5, new SplittableRandom(13));
    float[] all = new float[10 * 2];
    net.forward(whole, 0, all, false);
    // the same sequence in two segments of 5 with the state carried
    float[] x = new float[10 * 4];
    for (int r = 0; r < 10; r++) for (int e = whole.start[r]; e < whole.start[r + 1]; e++) x[r * 4 + whole.index[e]] = whole.value[e];
    SparseInput part = new SparseInput();
    float[] seg = new float[5 * 2];
    net.resetState(1);
    part.setDense(java.util.Arrays.copyOfRange(x, 0, 20), 5, 1, 4);
    net.forward(part, 0, seg, true);
    part.setDense(java.util.Arrays.copyOfRange(x, 20, 40), 5, 1, 4);
    net.forward(part, 0, seg, true);
    for (int q = 0; q < 10; q++) assertEquals(all[10 + q], seg[q], 1e-4f, "logit " + q);
  }

  @Test void tauInitialisedLogSpacedWithinBounds() {
    ElmNet net = net(shape(3, 2, 1, 4, 4, 3, 3, ElmShape.Version.V1, true), 14);
    float[] tau = new float[4];
    net.taus(tau);
    assertEquals(1, tau[0], 0.01);
    assertEquals(30, tau[3], 0.05);
    assertEquals(Math.sqrt(tau[0] * tau[2]), tau[1], 0.01); // geometric spacing
  }

  @Test void rejectsBadShapes() {
    assertThrows(IllegalArgumentException.class, () -> shape(3, 2, 1, 4, 4, 3, 4, ElmShape.Version.V1, false));
    assertThrows(IllegalArgumentException.class, () -> new ElmShape(3, 2, 1, 4, 8, 3, 3, ElmShape.Version.V1,
        ElmShape.Activation.RELU, 10, 5, null, false, 5, 5, 1, 0.5));
  }
}
