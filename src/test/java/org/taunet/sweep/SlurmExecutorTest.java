package org.taunet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against the real Slurm cluster that scripts/slurm-setup.sh starts (called by .ci/run). */
class SlurmExecutorTest {
  @TempDir Path tmp;

  @Test
  void eightPointsRunAsAJobArrayAndResubmittingSubmitsOnlyMissingPoints() throws Exception {
    assumeTrue(SlurmExecutor.available(), "Slurm is not available here (sinfo does not answer); start it with "
        + "scripts/slurm-setup.sh as root. Slurm executor test skipped.");
    Path data = TinySweep.data();
    SweepSpec spec = TinySweep.spec("slurm", "{tau: ['0.5', 'gamma:mean=0.5,k=4'], seed: [1, 2, 3, 4]}", 2);
    Sweep sweep = Sweep.create(tmp.resolve("sweep"), spec, data);

    SlurmExecutor.Submission first = SlurmExecutor.submit(sweep, 0);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), first.indices());
    assertNull(SlurmExecutor.submit(sweep, 0), "every point is queued or done: nothing to submit again");
    assertTrue(SlurmExecutor.await(sweep, Duration.ofSeconds(180), Duration.ofMillis(500)), "job array did not end");
    Map<PointState.State, Integer> counts = sweep.counts();
    assertEquals(8, counts.get(PointState.State.FINISHED), () -> counts + " " + taskOutput(sweep));
    for (int i = 0; i < 8; i++) {
      assertTrue(Files.exists(sweep.dir().resolve("slurm").resolve(first.jobId() + "_" + i + ".out")), "task " + i);
    }

    // lose one point's folder: a new submission covers exactly that point
    SweepPoint lost = sweep.point(5);
    try (var files = Files.walk(sweep.pointDir(lost))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    SlurmExecutor.Submission second = SlurmExecutor.submit(sweep, 1);
    assertEquals(List.of(5), second.indices());
    assertTrue(SlurmExecutor.await(sweep, Duration.ofSeconds(120), Duration.ofMillis(500)));
    assertEquals(2, SlurmExecutor.jobs(sweep).size());

    List<Map<String, String>> rows = Collector.rows(sweep);
    assertEquals(8, rows.size());
    for (Map<String, String> r : rows) {
      assertEquals("finished", r.get("state"), r.toString());
      double acc = Double.parseDouble(r.get("test_acc"));
      assertTrue(acc > 0.0 && acc <= 1.0, r.toString());
    }
  }

  private static String taskOutput(Sweep sweep) {
    try (var files = Files.list(sweep.dir().resolve("slurm"))) {
      StringBuilder sb = new StringBuilder();
      for (Path f : files.filter(f -> f.toString().endsWith(".out")).toList()) sb.append(Files.readString(f));
      return sb.toString();
    } catch (Exception e) {
      return "(no task output)";
    }
  }
}
