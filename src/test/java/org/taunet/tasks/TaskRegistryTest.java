package org.taunet.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {
  private static void assertSameTrials(Task a, Task b) {
    assertEquals(a.maxSteps(), b.maxSteps());
    SplittableRandom ra = new SplittableRandom(11);
    SplittableRandom rb = new SplittableRandom(11);
    for (int i = 0; i < 20; i++) {
      Trial x = a.sample(ra);
      Trial y = b.sample(rb);
      assertArrayEquals(x.inputs(), y.inputs());
      assertArrayEquals(x.targets(), y.targets());
      assertArrayEquals(x.mask(), y.mask());
      assertEquals(x.label(), y.label());
    }
  }

  @Test
  void registeredDefaultsAreTheTasksDefaults() {
    assertEquals(List.of("multiscale-wm", "integration-wm", "perceptual-dm", "delay-match-sample"), Tasks.NAMES);
    assertSameTrials(new MultiscaleWorkingMemory(20), Tasks.create("multiscale-wm", 20));
    assertSameTrials(new IntegrationWorkingMemory(20), Tasks.create("integration-wm", 20, List.of(), List.of()));
    assertSameTrials(new PerceptualDecisionMaking(100), Tasks.create("Perceptual-DM", 100));
    assertSameTrials(new DelayMatchSample(100), Tasks.create("delay-match-sample", 100));
  }

  @Test
  void timingAndArgumentsOverrideTheDefaults() {
    Task t = Tasks.create("multiscale-wm", 50, List.of("delay=choice:1000/2000/4000/8000/12000", "stimulus=500"),
        List.of("p_rich=0.2"));
    assertEquals(4 + 10 + 240 + 10, t.maxSteps());
    assertEquals(new Duration.Choice(List.of(1000.0, 2000.0, 4000.0, 8000.0, 12000.0)),
        ((PeriodTask) t).periods().get("delay"));
    assertSameTrials(new MultiscaleWorkingMemory(50, ((PeriodTask) t).periods(), 0.2, 0.15), t);
    Task weak = Tasks.create("integration-wm", 20, List.of(), List.of("mu=0.1", "sd=0.2"));
    assertSameTrials(new IntegrationWorkingMemory(20, IntegrationWorkingMemory.defaultPeriods(), 0.1 * 20 / 50,
        0.2 * Math.sqrt(20.0 / 50)), weak);
    SplittableRandom r = new SplittableRandom(1);
    Task noiseless = Tasks.create("perceptual-dm", 100, List.of(), List.of("sigma=0"));
    assertNotEquals(noiseless.sample(r).inputs()[5][1], Tasks.create("perceptual-dm", 100).sample(new SplittableRandom(1)).inputs()[5][1]);
  }

  @Test
  void unknownNamesAndBadValuesAreRefusedNamingWhatExists() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("multiscale-wm", 50, List.of("dealy=500"), List.of()));
    assertTrue(e.getMessage().contains("no period 'dealy'") && e.getMessage().contains("fixation, stimulus, delay, decision"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("integration-wm", 50, List.of(), List.of("coherence=3")));
    assertTrue(e.getMessage().contains("arguments: mu, sd"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("integration-wm", 50, List.of(), List.of("mu=x")));
    assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("integration-wm", 50, List.of("delay"), List.of()));
    assertTrue(e.getMessage().contains("NAME=VALUE"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("integration-wm", 50, List.of("delay=1", "delay=2"), List.of()));
    assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("nope", 50));
    assertTrue(e.getMessage().contains("known: multiscale-wm"), e.getMessage());
  }

  @Test
  void describeListsPeriodsArgumentsAndChannels() {
    String d = Tasks.def("integration-wm").describe(50);
    assertTrue(d.startsWith("integration-wm: hold a binary cue"), d);
    assertTrue(d.contains("delay        choice:250/500/1000/2000"), d);
    assertTrue(d.contains("mu           0.3"), d);
    assertTrue(d.contains("inputs:  fixation, cue, evidence, rule"), d);
    assertTrue(d.contains("up to 80 steps"), d);
  }

  @Test
  void durationSpecsRoundTrip() {
    for (Duration d : List.of(new Duration.Constant(500), new Duration.Constant(12.5),
        new Duration.Choice(List.of(250.0, 500.0)), new Duration.Uniform(100, 300),
        new Duration.TruncatedExponential(600, 300, 3000))) {
      assertEquals(d, Duration.parse(d.spec()), d.spec());
    }
    assertEquals("choice:250/500", new Duration.Choice(List.of(250.0, 500.0)).spec());
    for (String bad : List.of("", "abc", "choice:", "uniform:1", "uniform:3/1", "truncexp:1/2", "gauss:1/2", "-5")) {
      assertThrows(IllegalArgumentException.class, () -> Duration.parse(bad), bad);
    }
  }

  /** A user's task: one class and one registration. */
  static final class Flash extends PeriodTask {
    Flash(double dtMs, Map<String, Duration> periods, double height) {
      super("flash", dtMs, periods, List.of("fixation", "light"), List.of("fixation", "seen"), "decision", 1.0);
      this.height = height;
    }

    private final double height;

    @Override
    protected int fill(Builder b, SplittableRandom rng) {
      b.input("fixation", 1, "fixation", "light");
      b.input("light", (float) height, "light");
      return 1;
    }
  }

  @Test
  void aUserTaskIsOneClassAndOneRegistration() {
    Map<String, Duration> periods = new java.util.LinkedHashMap<>();
    periods.put("fixation", new Duration.Constant(100));
    periods.put("light", new Duration.Constant(200));
    periods.put("decision", new Duration.Constant(100));
    Tasks.register(new TaskDef("test-flash", "see a flash", periods, List.of(new TaskDef.Arg("height", 1, "flash height")),
        (dt, t, a) -> new Flash(dt, t, a.get("height"))));
    assertTrue(Tasks.names().contains("test-flash"));
    Task t = Tasks.create("test-flash", 100, List.of("light=500"), List.of("height=2"));
    assertEquals(1 + 5 + 1, t.maxSteps());
    assertEquals(2f, t.sample(new SplittableRandom(1)).inputs()[1][1]);
    assertThrows(IllegalArgumentException.class, () -> Tasks.register(Tasks.def("test-flash")));
  }
}
