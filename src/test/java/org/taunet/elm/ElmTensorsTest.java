package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taunet.data.DType;
import org.taunet.data.NdArray;
import org.taunet.seq.Lstm;
import org.taunet.seq.SeqModel;
import org.taunet.train.StateBundle;
import org.taunet.train.StateException;

/** {@link ElmTensors}: every parameter in exactly one named tensor, at the documented position; export then load is the identity. */
class ElmTensorsTest {
  static ElmNet net(int units, int kc, int branches, boolean learnTau) {
    ElmShape s = new ElmShape(5, 3, units, 4, 6, kc, branches, ElmShape.Version.V1, ElmShape.Activation.RELU, 1, 30,
        null, learnTau, 5, 5, 1, 0.5);
    return new ElmNet(s, new SplittableRandom(1), new SplittableRandom(2), new SplittableRandom(3));
  }

  /** The model's params set to 0, 1, 2, ...; exported; every value found once; loaded back into zeros: the same. */
  static Map<String, NdArray> roundTrip(SeqModel model, List<String> fixed) {
    float[] p = model.params();
    for (int i = 0; i < p.length; i++) p[i] = i;
    StateBundle b = new StateBundle();
    b.writeTensor("net/params", p);
    ElmTensors layout = ElmTensors.of(model);
    Map<String, NdArray> out = layout.export(b);
    assertEquals(layout.names(), List.copyOf(out.keySet()));
    List<Float> seen = new ArrayList<>();
    for (Map.Entry<String, NdArray> e : out.entrySet()) {
      if (fixed.contains(e.getKey())) continue;
      for (float v : (float[]) e.getValue().data()) seen.add(v);
    }
    seen.sort(null);
    assertEquals(p.length, seen.size(), "every parameter exported once");
    for (int i = 0; i < p.length; i++) assertEquals(i, seen.get(i), 0f);
    StateBundle zeros = new StateBundle();
    zeros.writeTensor("net/params", new float[p.length]);
    layout.load(out, zeros);
    assertArrayEquals(p, ((StateBundle.Tensor) zeros.entry("net/params")).data());
    return out;
  }

  static float at(NdArray a, int... idx) {
    int flat = 0;
    for (int d = 0; d < idx.length; d++) flat = flat * a.shape()[d] + idx[d];
    return ((float[]) a.data())[flat];
  }

  @Test
  void elmWithRecurrenceBranchesAndLearnedTauNamesEveryParameter() {
    ElmNet m = net(3, 4, 2, true);
    Map<String, NdArray> t = roundTrip(m, List.of("synapse_source"));
    assertEquals(List.of("w_syn", "W1_syn", "W1_mem", "b1", "W2", "b2", "tau_theta", "w_o", "b_o", "W_r", "b_r",
        "synapse_source"), List.copyOf(t.keySet()));
    assertArrayEquals(new int[] {3, 2, 6}, t.get("W1_syn").shape());
    assertArrayEquals(new int[] {3, 6, 4}, t.get("W1_mem").shape());
    assertArrayEquals(new int[] {3}, t.get("b_o").shape());
    assertArrayEquals(new int[] {3, 12}, t.get("W_r").shape());
    assertEquals(m.unitOffset(1) + 2, at(t.get("w_syn"), 1, 2), 0f);
    assertEquals(m.unitOffset(2) + m.oW1m + 1 * 4 + 3, at(t.get("W1_mem"), 2, 1, 3), 0f);
    assertEquals(m.unitOffset(1) + m.oBo, at(t.get("b_o"), 1), 0f);
    assertEquals(m.readout + 2 * 12 + 5, at(t.get("W_r"), 2, 5), 0f);
    assertArrayEquals(m.source, (int[]) t.get("synapse_source").data());
  }

  @Test
  void singleElmNeuronExportsItsFixedTauAndRefusesAnotherOne() {
    ElmNet m = net(1, 5, 5, false);
    Map<String, NdArray> t = roundTrip(m, List.of("tau_m", "synapse_source"));
    assertTrue(t.containsKey("tau_m") && !t.containsKey("tau_theta") && !t.containsKey("w_o"), t.keySet().toString());
    float[] tau = ((float[]) t.get("tau_m").data()).clone();
    tau[3] *= 2;
    Map<String, NdArray> edited = new LinkedHashMap<>(t);
    edited.put("tau_m", new NdArray(DType.F4, new int[] {1, 4}, tau));
    StateBundle b = new StateBundle();
    b.writeTensor("net/params", new float[m.params().length]);
    StateException e = assertThrows(StateException.class, () -> ElmTensors.of(m).load(edited, b));
    assertTrue(e.getMessage().contains("'tau_m'"), e.getMessage());
  }

  @Test
  void lstmNamesItsGateMatricesAndReadout() {
    Lstm m = new Lstm(5, 3, 2, new SplittableRandom(1));
    Map<String, NdArray> t = roundTrip(m, List.of());
    assertEquals(List.of("W_x", "W_h", "b", "W_r", "b_r"), List.copyOf(t.keySet()));
    assertArrayEquals(new int[] {5, 12}, t.get("W_x").shape());
    assertArrayEquals(new int[] {12, 3}, t.get("W_h").shape());
    assertArrayEquals(new int[] {2, 3}, t.get("W_r").shape());
  }

  @Test
  void leakyRnnNamesItsMatricesAndExportsItsTaus() {
    org.taunet.seq.LeakyRnn m = new org.taunet.seq.LeakyRnn(5, 3, 2, new double[] {2, 5, 9}, 1, new SplittableRandom(1));
    Map<String, NdArray> t = roundTrip(m, List.of("tau"));
    assertEquals(List.of("W_in", "W", "b", "W_r", "b_r", "tau"), List.copyOf(t.keySet()));
    assertArrayEquals(new int[] {5, 3}, t.get("W_in").shape());
    assertArrayEquals(new int[] {3, 3}, t.get("W").shape());
    assertArrayEquals(new int[] {2, 3}, t.get("W_r").shape());
    assertArrayEquals(new float[] {2, 5, 9}, (float[]) t.get("tau").data());
    assertEquals(5 * 3 + 1f, at(t.get("W"), 0, 1)); // W follows W_in^T: position 15 + row 0, column 1
  }
}
