package org.taunet.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The harder variants of the multi-tau study (issue 13): long delays, weak evidence with input noise, delay per trial. */
class TaskVariantsTest {
  @Test
  void everyTrialCarriesItsDelayLengthInSteps() {
    Task t = Tasks.create("multiscale-wm", 50, List.of("delay=choice:1000/2000/4000/8000/12000"), List.of());
    SplittableRandom rng = new SplittableRandom(3);
    Set<Integer> seen = new TreeSet<>();
    for (int i = 0; i < 200; i++) {
      Trial tr = t.sample(rng);
      seen.add(tr.delaySteps());
      // fixation 200 ms + stimulus 1000 ms + delay, then the 500 ms decision: the delay is what the trial length says
      assertEquals(4 + 20 + tr.delaySteps() + 10, tr.length());
    }
    assertEquals(Set.of(20, 40, 80, 160, 240), seen);
    TrialBatch b = TrialBatch.of(t, 4);
    b.fill(t, new SplittableRandom(3));
    SplittableRandom again = new SplittableRandom(3);
    for (int k = 0; k < 4; k++) assertEquals(t.sample(again).delaySteps(), b.delaySteps[k]);
    assertEquals(-1, Tasks.create("perceptual-dm", 100).sample(rng).delaySteps(), "no delay period: -1");
  }

  @Test
  void integrationInputNoiseIsOffByDefaultAndKeepsTheLabelTheSignOfTheShownEvidence() {
    Task plain = Tasks.create("integration-wm", 50);
    Task zero = Tasks.create("integration-wm", 50, List.of(), List.of("input_noise=0"));
    SplittableRandom a = new SplittableRandom(5), b = new SplittableRandom(5);
    for (int i = 0; i < 10; i++) assertArrayEquals(plain.sample(a).inputs(), zero.sample(b).inputs(), "0 draws nothing");
    Task noisy = Tasks.create("integration-wm", 50, List.of(), List.of("mu=0.1", "input_noise=0.2"));
    SplittableRandom rng = new SplittableRandom(7);
    int evidenceTrials = 0;
    for (int i = 0; i < 400; i++) {
      Trial tr = noisy.sample(rng);
      float[][] in = tr.inputs();
      assertNotEquals(1f, in[0][0], "the fixation input is noisy too");
      double rule = 0;
      for (int s = tr.decisionStart(); s < tr.decisionEnd(); s++) rule += in[s][3];
      if (rule > 0) continue; // report-the-cue trial (rule +1 plus noise)
      evidenceTrials++;
      double sum = 0; // evidence period: steps [10, 30) at dt 50 (fixation 200 ms, cue 300 ms, evidence 1000 ms)
      for (int s = 10; s < 30; s++) sum += in[s][2];
      assertEquals(sum > 0 ? 1 : 2, tr.label());
    }
    assertTrue(evidenceTrials > 150, "trials " + evidenceTrials);
  }
}
