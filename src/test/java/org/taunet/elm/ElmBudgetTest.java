package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** N, k_e and k_c as three independent axes: exact counts against a hand count, and the budget enumeration. */
class ElmBudgetTest {
  static final ElmConfig D = ElmConfig.defaults();

  static long built(ElmShape s) {
    return new ElmNet(s, new SplittableRandom(1), new SplittableRandom(2), new SplittableRandom(3)).params().length;
  }

  @Test void exactCountMatchesAHandCountAndTheBuiltNetwork() {
    // 4 inputs, 3 classes, N = 2, k_e = 2 (d_mlp 4), k_c = 3: per unit w_s 3 + W1s 3x4 + W1m 4x2 + b1 4 + W2 2x4
    // + b2 2 + w_o 2 + b_o 1 = 40; readout 2 x 2 x 3 + 3 = 15
    ElmShape s = D.with("units=2", "ke=2", "kc=3").shape(4, 3);
    assertEquals(3, s.synapses());
    assertEquals(40, s.paramsPerUnit());
    assertEquals(2 * 40 + 15, s.paramCount());
    assertEquals(s.paramCount(), built(s));
    // 1 input, 1 class, one neuron, k_e = k_c = 1 (d_mlp 2): 1 + 1x2 + 2x1 + 2 + 1x2 + 1 = 10, readout 1 + 1
    ElmShape one = D.with("units=1", "ke=1", "kc=1").shape(1, 1);
    assertEquals(12, one.paramCount());
    assertEquals(12, built(one));
    // learned tau (+ d_m per unit) and 2 branches (W1s 2 x d_mlp instead of k_c x d_mlp)
    ElmShape b = D.with("units=2", "ke=2", "kc=3", "branches=2", "learnTau=true").shape(4, 3);
    assertEquals(2 * (40 - 4 + 2) + 15, b.paramCount());
    assertEquals(b.paramCount(), built(b));
  }

  @Test void theThreeAxesAreSetIndependentlyAlsoWithABudget() {
    ElmConfig c = D.with("units=4", "ke=8", "kc=16", "budget=6000");
    ElmShape s = c.shape(100, 10);
    assertEquals(List.of(4, 8, 16), List.of(s.units(), s.memory(), s.synapses()));
    assertEquals(s.paramCount(), D.with("units=4", "ke=8", "kc=16").shape(100, 10).paramCount());
    // k_c 0 without a budget: the whole pool (100 inputs + 3 other units)
    assertEquals(103, D.with("units=4", "ke=8").shape(100, 10).synapses());
  }

  @Test void kcZeroWithABudgetTakesTheLargestThatFitsAsRunsBeforeIssue14() {
    ElmConfig c = D.with("units=4", "ke=8", "budget=6000");
    ElmShape s = c.shape(100, 10);
    assertTrue(s.paramCount() <= 6_000);
    assertTrue(c.shape(100, 10, s.synapses() + 1).paramCount() > 6_000);
    assertThrows(RuntimeException.class, () -> D.with("units=4", "ke=8", "budget=100").shape(100, 10));
  }

  @Test void enumerationListsExactlyTheLadderTriplesWithinTheTolerance() {
    ElmBudget.Ladders ladders = new ElmBudget.Ladders(ElmBudget.Ladder.POW2, 64, 64, 0);
    List<ElmBudget.Point> got = ElmBudget.enumerate(D, 128, 19, 10_000, 0.1, ladders);
    List<ElmBudget.Point> brute = new ArrayList<>();
    for (int n = 1; n <= 64; n *= 2) {
      for (int ke = 1; ke <= 64; ke *= 2) {
        for (int kc = 1; kc <= 128 + n - 1; kc *= 2) {
          long p = D.with("units=" + n, "ke=" + ke, "kc=" + kc).shape(128, 19).paramCount();
          if (Math.abs(p - 10_000) <= 1_000) brute.add(new ElmBudget.Point(n, ke, kc, p));
        }
      }
    }
    assertEquals(brute, got);
    assertTrue(got.size() >= 10, got.toString());
    // k_c is free: some (N, k_e) pairs appear with several k_c
    assertTrue(got.stream().map(p -> p.units() + "/" + p.ke()).distinct().count() < got.size(), got.toString());
    assertTrue(got.stream().anyMatch(p -> p.params() > 10_000), "the tolerance is two-sided");
  }

  @Test void denseLadderAndBounds() {
    assertEquals(List.of(1, 2, 3, 4, 6, 8, 12, 16), ElmBudget.Ladder.DENSE.upTo(16));
    assertEquals(List.of(1, 2, 4, 8, 16), ElmBudget.Ladder.POW2.upTo(20));
    List<ElmBudget.Point> dense = ElmBudget.enumerate(D, 128, 19, 10_000, 0.1,
        new ElmBudget.Ladders(ElmBudget.Ladder.DENSE, 64, 64, 0));
    List<ElmBudget.Point> pow2 = ElmBudget.enumerate(D, 128, 19, 10_000, 0.1,
        new ElmBudget.Ladders(ElmBudget.Ladder.POW2, 64, 64, 0));
    assertTrue(dense.containsAll(pow2) && dense.size() > pow2.size());
    List<ElmBudget.Point> capped = ElmBudget.enumerate(D, 128, 19, 10_000, 0.1,
        new ElmBudget.Ladders(ElmBudget.Ladder.POW2, 8, 64, 16));
    assertFalse(capped.isEmpty());
    assertTrue(capped.stream().allMatch(p -> p.units() <= 8 && p.kc() <= 16), capped.toString());
    assertThrows(IllegalArgumentException.class, () -> ElmBudget.enumerate(D, 128, 19, 10_000, 1.5,
        ElmBudget.Ladders.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> ElmBudget.Ladder.parse("fib"));
  }
}
