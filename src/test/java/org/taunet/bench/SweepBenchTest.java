package org.taunet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SweepBenchTest {
  /**
   * A 3-point sweep of the smallest {@code rnn train} runs: every point finishes, the times are positive and
   * ordered (each run lies inside its process; one worker runs the processes one after another inside the wall
   * time), and the temporary folder is gone afterwards.
   */
  @Test
  void threePointSweepGivesSaneNumbers() throws Exception {
    long before = tempSweeps();
    SweepBench.Result r = SweepBench.measure(SweepBench.spec(3, SweepBench.COMMAND, "{units: 4, batch-size: 4, "
        + "iterations: 2, eval-every: 2, eval-trials: 4, timescale-steps: 0}"), 1, false);
    assertEquals(3, r.points());
    assertEquals(3, r.finished(), r.toString());
    assertEquals(1, r.workers());
    assertTrue(r.runSeconds() > 0, r.toString());
    assertTrue(r.processSeconds() > r.runSeconds(), r.toString());
    assertTrue(r.wallSeconds() > r.processSeconds(), r.toString());
    assertTrue(r.overhead() > 0 && r.overhead() < r.overheadOverRuns(), r.toString());
    assertEquals(r.wallSeconds() - r.processSeconds(), 3 * r.gapPerPoint(), 1e-9);
    assertEquals(before, tempSweeps(), "the temporary sweep folder was not deleted");
  }

  private static long tempSweeps() throws Exception {
    try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("taunet-sweep-bench")).count();
    }
  }
}
