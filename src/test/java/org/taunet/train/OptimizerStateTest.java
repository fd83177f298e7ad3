package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Optimizer state exported and restored by name: bit-identical continuation, and clear refusals. */
class OptimizerStateTest {
  private static final LrSchedule SCHEDULE = LrSchedule.parse("cosine:warmup=3,total=20,min=0.1");

  /**
   * Export after k = 5 steps, restore into a fresh optimizer over copies of the parameters, continue 8 steps on both
   * with the same gradients: parameters and state stay bit-identical to the uninterrupted optimizer.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sgd:lr=0.05,clip=0.5", "momentum:lr=0.05,momentum=0.9", "momentum:lr=0.05,nesterov=true",
      "adam:lr=0.01,clip=0.5", "adamw:lr=0.01,wd=0.1"})
  void restoredOptimizerContinuesBitIdentically(String spec) {
    List<Param> ps = TestParams.model(21);
    ps.set(1, ps.get(1).withLr(0.02).withWeightDecay(0)); // a parameter group
    Optimizer straight = OptimizerSpec.parse(spec).create(ps, SCHEDULE);
    SplittableRandom r = new SplittableRandom(5);
    for (int k = 0; k < 5; k++) {
      TestParams.randomGrads(ps, r, 1);
      straight.step();
    }
    StateBundle saved = StateBundle.of(straight);
    List<Param> copies = TestParams.copy(ps);
    Optimizer resumed = OptimizerSpec.parse(spec).create(copies, SCHEDULE);
    resumed.importState(saved);
    saved.requireAllRead();
    assertEquals(5, resumed.steps());
    for (int k = 0; k < 8; k++) {
      TestParams.randomGrads(ps, r, k == 3 ? 100 : 1);
      TestParams.copyGrads(ps, copies);
      straight.step();
      resumed.step();
      for (int i = 0; i < ps.size(); i++) assertArrayEquals(ps.get(i).value(), copies.get(i).value(), spec + " " + k);
    }
    StateBundle a = StateBundle.of(straight), b = StateBundle.of(resumed);
    assertEquals(a.names(), b.names());
    for (String n : a.names()) {
      if (a.entry(n) instanceof StateBundle.Tensor t) {
        assertArrayEquals(t.data(), ((StateBundle.Tensor) b.entry(n)).data(), n);
      } else {
        assertEquals(a.entry(n), b.entry(n), n);
      }
    }
  }

  @Test
  void stateNamesArePerParameterBuffers() {
    assertEquals(List.of("t", "skipped", "W1/m", "W1/v", "b1/m", "b1/v", "W2/m", "W2/v"),
        List.copyOf(StateBundle.of(OptimizerSpec.parse("adam").create(TestParams.model(1))).names()));
    assertEquals(List.of("t", "skipped", "W1/velocity", "b1/velocity", "W2/velocity"),
        List.copyOf(StateBundle.of(OptimizerSpec.parse("momentum").create(TestParams.model(1))).names()));
    StateBundle scoped = new StateBundle();
    OptimizerSpec.parse("sgd").create(TestParams.model(1)).exportState(scoped.writeScope("opt"));
    assertEquals(List.of("opt/t", "opt/skipped"), List.copyOf(scoped.names()));
  }

  @Test
  void wrongNameIsRefusedNamingTheTensor() {
    StateBundle saved = StateBundle.of(OptimizerSpec.parse("adam").create(TestParams.model(1)));
    List<Param> renamed = new ArrayList<>(TestParams.model(1));
    Param w = renamed.get(2);
    renamed.set(2, Param.of("W3", w.value(), w.grad(), w.shape()));
    StateException e = assertThrows(StateException.class,
        () -> OptimizerSpec.parse("adam").create(renamed).importState(saved));
    assertTrue(e.getMessage().contains("no tensor 'W3/m'"), e.getMessage());
    // under a scope the full name is reported
    StateBundle scoped = new StateBundle();
    OptimizerSpec.parse("adam").create(TestParams.model(1)).exportState(scoped.writeScope("opt"));
    StateException s = assertThrows(StateException.class,
        () -> OptimizerSpec.parse("adam").create(renamed).importState(scoped.readScope("opt")));
    assertTrue(s.getMessage().contains("'opt/W3/m'"), s.getMessage());
  }

  @Test
  void wrongShapeIsRefusedNamingTheTensorAndBothShapes() {
    StateBundle saved = StateBundle.of(OptimizerSpec.parse("momentum").create(TestParams.model(1)));
    List<Param> transposed = new ArrayList<>(TestParams.model(1));
    Param w = transposed.get(2);
    transposed.set(2, Param.of("W2", w.value(), w.grad(), 2, 3));
    Optimizer opt = OptimizerSpec.parse("momentum").create(transposed);
    TestParams.randomGrads(transposed, new SplittableRandom(1), 1);
    opt.step();
    StateBundle before = StateBundle.of(opt);
    StateException e = assertThrows(StateException.class, () -> opt.importState(saved));
    assertEquals("tensor 'W2/velocity': expected shape [2, 3], the state has [3, 2]", e.getMessage());
    assertEquals(1, opt.steps(), "a refused restore changes nothing");
    StateBundle after = StateBundle.of(opt);
    for (String n : List.of("W1/velocity", "b1/velocity")) { // read before the failing one, not applied
      assertArrayEquals(((StateBundle.Tensor) before.entry(n)).data(), ((StateBundle.Tensor) after.entry(n)).data(), n);
    }
  }

  @Test
  void anotherRulesStateIsRefused() {
    StateBundle momentum = StateBundle.of(OptimizerSpec.parse("momentum").create(TestParams.model(1)));
    StateException missing = assertThrows(StateException.class,
        () -> OptimizerSpec.parse("adam").create(TestParams.model(1)).importState(momentum));
    assertTrue(missing.getMessage().contains("no tensor 'W1/m'"), missing.getMessage());
    StateBundle adam = StateBundle.of(OptimizerSpec.parse("adam").create(TestParams.model(1)));
    OptimizerSpec.parse("sgd").create(TestParams.model(1)).importState(adam); // reads only t and skipped
    StateException unread = assertThrows(StateException.class, adam::requireAllRead);
    assertTrue(unread.getMessage().contains("6 entries that nothing restores: W1/m, W1/v"), unread.getMessage());
  }
}
