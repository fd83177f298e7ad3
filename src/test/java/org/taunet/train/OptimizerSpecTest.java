package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.taunet.train.OptimizerSpec.Kind;

class OptimizerSpecTest {
  @Test
  void parsesTheCliForms() {
    OptimizerSpec s = OptimizerSpec.parse("adam:lr=1e-3,beta1=0.9,beta2=0.999,eps=1e-8,wd=0");
    assertEquals(OptimizerSpec.defaults(Kind.ADAM), s);
    assertEquals("adam:lr=0.001,beta1=0.9,beta2=0.999,eps=1.0E-8,wd=0,clip=0,nonfinite=skip", s.spec());
    OptimizerSpec w = OptimizerSpec.parse("AdamW:lr=3e-4, wd=0.05, clip=1");
    assertEquals(Kind.ADAMW, w.kind());
    assertEquals(0.05, w.weightDecay());
    assertEquals(1.0, w.clip());
    OptimizerSpec m = OptimizerSpec.parse("momentum:lr=0.1,momentum=0.5,nesterov=true");
    assertTrue(m.nesterov());
    assertEquals(0.5, m.momentum());
    assertEquals(0.01, OptimizerSpec.parse("sgd").lr());
    assertEquals(Optimizer.NonFinite.APPLY, OptimizerSpec.parse("sgd:nonfinite=apply").nonFinite());
  }

  @Test
  void createsTheRuleOfItsKind() {
    List<Param> ps = List.of(Param.of("w", new float[2], new float[2]));
    assertInstanceOf(Sgd.class, OptimizerSpec.parse("sgd").create(ps));
    assertInstanceOf(Momentum.class, OptimizerSpec.parse("momentum").create(ps));
    assertInstanceOf(Adam.class, OptimizerSpec.parse("adam").create(ps));
    assertInstanceOf(Adam.class, OptimizerSpec.parse("adamw").create(ps));
  }

  @Property(tries = 200, seed = "11")
  void canonicalSpecParsesBackToAnEqualRecord(@ForAll @DoubleRange(min = -8, max = 1) double log10lr,
                                              @ForAll @DoubleRange(min = 0, max = 0.99) double beta,
                                              @ForAll @DoubleRange(min = 0, max = 10) double clip,
                                              @ForAll Kind kind, @ForAll boolean apply) {
    OptimizerSpec d = OptimizerSpec.defaults(kind);
    boolean adam = kind == Kind.ADAM || kind == Kind.ADAMW; // fields a kind does not print keep its defaults
    OptimizerSpec s = new OptimizerSpec(kind, Math.pow(10, log10lr), kind == Kind.MOMENTUM ? beta : d.momentum(), false,
        adam ? beta : d.beta1(), adam ? beta : d.beta2(), adam ? 1e-7 : d.eps(), kind == Kind.ADAMW ? clip / 10 : 0,
        clip, apply ? Optimizer.NonFinite.APPLY : d.nonFinite());
    assertEquals(s, OptimizerSpec.parse(s.spec()), s.spec());
    assertEquals(s.spec(), OptimizerSpec.parse(s.spec()).spec());
  }

  @Test
  void badSpecsSayWhatIsWrong() {
    assertMessage("adm:lr=1", "unknown optimizer 'adm' (expected sgd, momentum, adam or adamw)");
    assertMessage("adam:bta1=0.9", "unknown parameter 'bta1' for adam (allowed: lr, beta1, beta2, eps, wd, clip, nonfinite)");
    assertMessage("sgd:momentum=0.9", "unknown parameter 'momentum' for sgd");
    assertMessage("adam:lr=abc", "lr is not a number: 'abc'");
    assertMessage("adam:lr=-1", "lr must be finite and >= 0, got -1");
    assertMessage("adam:beta1=1", "beta1 must be in [0, 1), got 1");
    assertMessage("adam:eps=0", "eps must be finite and > 0, got 0");
    assertMessage("adam:wd=0.01", "wd must be 0 (decoupled weight decay is adamw");
    assertMessage("adamw:clip=-2", "clip must be finite and >= 0 (0 = off), got -2");
    assertMessage("momentum:nesterov=yes", "nesterov must be true or false, got 'yes'");
    assertMessage("momentum:momentum=0,nesterov=true", "nesterov needs momentum > 0");
    assertMessage("adam:nonfinite=ignore", "nonfinite must be skip or apply, got 'ignore'");
    assertMessage("adam:lr", "'lr' is not key=value");
    assertMessage("adam:lr=1,lr=2", "lr is given twice");
    assertMessage(":lr=1", "no name before ':'");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse(" "));
    assertEquals("optimizer spec is empty", e.getMessage());
  }

  private static void assertMessage(String spec, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse(spec));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().startsWith("optimizer spec '" + spec + "': "), e.getMessage());
  }
}
