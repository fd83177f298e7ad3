package org.taunet.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TasksTest {
  @Test
  void roundingRuleIsNearestWithTiesUpAndNeverZeroForAPositiveDuration() {
    assertEquals(0, Duration.steps(0, 50));
    assertEquals(1, Duration.steps(10, 50));  // 0.2 steps, but a period that exists lasts at least one step
    assertEquals(1, Duration.steps(74, 50));
    assertEquals(2, Duration.steps(75, 50));  // tie 1.5 rounds up
    assertEquals(20, Duration.steps(1000, 50));
    assertEquals(114, new MultiscaleWorkingMemory(50).maxSteps()); // 4 + 20 + 80 + 10
    assertEquals(80, new IntegrationWorkingMemory(50).maxSteps()); // 4 + 6 + 20 + 40 + 10
    assertEquals(22, new PerceptualDecisionMaking(100).maxSteps());   // neurogym: 100 + 2000 + 100 ms at dt 100
    assertEquals(32, new DelayMatchSample(100).maxSteps());           // 300 + 500 + 1000 + 500 + 900 ms
  }

  @ParameterizedTest
  @ValueSource(strings = {"multiscale-wm", "integration-wm", "perceptual-dm", "delay-match-sample"})
  void trialsHaveConsistentShapesTargetsAndMasks(String name) {
    Task task = Tasks.create(name, 50);
    SplittableRandom rng = new SplittableRandom(3);
    int[] labels = new int[task.nOut()];
    for (int i = 0; i < 200; i++) {
      Trial tr = task.sample(rng);
      assertEquals(task.maxSteps(), tr.inputs().length);
      assertEquals(task.nIn(), tr.inputs()[0].length);
      assertEquals(task.nOut(), tr.targets()[0].length);
      labels[tr.label()]++;
      for (int t = 0; t < task.maxSteps(); t++) {
        float sum = 0;
        for (float v : tr.targets()[t]) sum += v;
        boolean inTrial = t < tr.length();
        assertEquals(inTrial ? 1f : 0f, sum, "one-hot target inside the trial, none on padding (step " + t + ")");
        assertEquals(inTrial, tr.mask()[t] > 0, "mask covers exactly the trial");
        boolean deciding = t >= tr.decisionStart() && t < tr.decisionEnd();
        assertEquals(deciding ? tr.label() : 0, argmax(tr.targets()[t]) * (inTrial ? 1 : 0));
        assertEquals(deciding || !inTrial ? 0f : 1f, tr.inputs()[t][0], "fixation input on until the go cue");
        if (!inTrial) for (float v : tr.inputs()[t]) assertEquals(0f, v);
      }
    }
    assertEquals(0, labels[0]);
    for (int o = 1; o < task.nOut(); o++) assertTrue(labels[o] > 60, "both choices occur: " + labels[o]);
  }

  @Test
  void seedTaskLabelsFollowFromTheInputs() {
    SplittableRandom rng = new SplittableRandom(9);
    MultiscaleWorkingMemory ms = new MultiscaleWorkingMemory(50);
    IntegrationWorkingMemory iw = new IntegrationWorkingMemory(50);
    for (int i = 0; i < 100; i++) {
      Trial a = ms.sample(rng);
      float left = 0, right = 0;
      for (float[] u : a.inputs()) {
        left += u[1];
        right += u[2];
      }
      assertTrue(left != right);
      assertEquals(left > right ? 1 : 2, a.label());
      Trial b = iw.sample(rng);
      float cue = b.inputs()[5][1], rule = b.inputs()[b.decisionStart()][3], evidence = 0;
      for (int t = 10; t < 30; t++) evidence += b.inputs()[t][2];
      boolean plus = rule > 0 ? cue > 0 : evidence > 0;
      assertEquals(plus ? 1 : 2, b.label());
    }
  }

  @Test
  void batchIsTimeMajorAndReproducible() {
    Task task = Tasks.create("integration-wm", 50);
    TrialBatch a = TrialBatch.of(task, 4), b = TrialBatch.of(task, 4);
    a.fill(task, new SplittableRandom(1));
    b.fill(task, new SplittableRandom(1));
    assertArrayEquals(a.u, b.u);
    Trial first = task.sample(new SplittableRandom(1));
    for (int t = 0; t < task.maxSteps(); t++) {
      for (int k = 0; k < task.nIn(); k++) assertEquals(first.inputs()[t][k], a.u[(t * 4) * task.nIn() + k]);
      assertEquals(first.mask()[t], a.mask[t * 4]);
    }
    assertEquals(first.decisionEnd() - 1, a.readStep[0]);
    assertThrows(IllegalArgumentException.class, () -> Tasks.create("nope", 50));
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }
}
