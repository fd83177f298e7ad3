package org.taunet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.ChildJvm;
import org.taunet.run.Json;
import org.taunet.run.RunLock;

/**
 * A sweep driver killed with kill -9 takes its worker with it (the worker's watchdog sees the driver gone), and a
 * sweep run while a live worker holds a point skips that point as running elsewhere instead of starting it again.
 */
class SweepDriverDeathTest {
  @TempDir Path tmp;

  @Test
  void rerunSkipsALivePointAndTheWorkerDiesWithItsKilledDriver() throws Exception {
    Path data = TinySweep.data();
    SweepSpec spec = TinySweep.spec("driver", "{seed: [1]}", 100_000); // runs until killed
    Path specFile = tmp.resolve("driver.json");
    Json.write(specFile, spec);
    Path dir = tmp.resolve("sweep");
    List<String> cmd = new ArrayList<>(PointRunner.jvm(spec.resources()));
    cmd.addAll(List.of("sweep", "run", specFile.toString(), "--out", dir.toString(), "--workers", "1",
        "--data-dir", data.toString()));
    Path log = tmp.resolve("driver.log");
    Process driver = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long workerPid;
    try {
      AtomicReference<Path> point = new AtomicReference<>();
      assertTrue(ChildJvm.await(60, () -> {
        try {
          if (!Sweep.isSweep(dir)) return false;
          Sweep s = Sweep.open(dir);
          point.set(s.pointDir(s.point(0)));
          // holder written and training begun (config.json comes after the lock; killed before it, a point is MISSING)
          return RunLock.holder(point.get()).map(h -> h.pid() > 0).orElse(false)
              && java.nio.file.Files.isRegularFile(point.get().resolve(org.taunet.run.RunDir.CONFIG));
        } catch (java.io.IOException e) {
          return false;
        }
      }), () -> "the worker never locked its point: " + ChildJvm.read(log));
      RunLock.Holder h = RunLock.holder(point.get()).orElseThrow();
      workerPid = h.pid();
      assertTrue(driver.descendants().anyMatch(d -> d.pid() == workerPid), "the holder is the driver's worker");

      // a second sweep run (here, in-process) must not start the point the live worker holds
      List<String> skipped = new ArrayList<>();
      var counts = LocalExecutor.run(Sweep.open(dir), 1, new LocalExecutor.Listener() {
        @Override public void started(SweepPoint p, boolean resume) {
          throw new AssertionError("started " + p.id() + " beside its live worker");
        }

        @Override public void skipped(SweepPoint p, PointState s) {
          skipped.add(p.id() + ": " + s.reason());
        }
      });
      assertEquals(1, skipped.size(), skipped.toString());
      assertTrue(skipped.get(0).contains("running elsewhere: pid " + workerPid), skipped.toString());
      assertEquals(1, counts.get(PointState.State.RUNNING), counts.toString());

      ChildJvm.kill9(driver); // SIGKILL: no shutdown hook runs in the driver
    } finally {
      driver.descendants().forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
    }
    boolean died = ChildJvm.await(15, () -> ProcessHandle.of(workerPid).map(p -> !p.isAlive()).orElse(true));
    if (!died) ProcessHandle.of(workerPid).ifPresent(ProcessHandle::destroyForcibly); // leave no orphan behind
    assertTrue(died, "the worker outlived its kill -9'd driver");
    Sweep sweep = Sweep.open(dir);
    Path pointDir = sweep.pointDir(sweep.point(0));
    assertEquals(Optional.empty(), RunLock.holder(pointDir));
    assertEquals(PointState.State.PARTIAL, PointState.read(pointDir).state());
    assertEquals("interrupted", Json.readTree(pointDir.resolve("provenance.json")).path("status").asText());
    assertFalse(ChildJvm.read(pointDir.resolve(PointState.STDERR)).isEmpty());
  }
}
