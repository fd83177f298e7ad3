package org.taunet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Json;
import org.taunet.run.MetricsCsv;
import org.taunet.train.CheckpointFile;
import org.taunet.train.StateBundle;

class LocalExecutorTest {
  @TempDir Path tmp;

  /**
   * A sweep started as its own process (one worker) is killed with all its workers after two points finished;
   * running it again skips the finished points (their provenance is untouched), resumes the one that was
   * cut off, runs the rest, and records the points with a bad tau spec as failed without stopping.
   */
  @Test
  void killedSweepFinishesWithoutRedoingCompletedPoints() throws Exception {
    Path data = TinySweep.data();
    SweepSpec spec = TinySweep.spec("kill", "{tau: ['0.5', 'gamma:mean=0.5,k=4', 'bogus:1'], seed: [1, 2]}", 3);
    Path specFile = tmp.resolve("kill.json");
    Json.write(specFile, spec);
    Path dir = tmp.resolve("sweep");
    List<String> cmd = new ArrayList<>(PointRunner.jvm(spec.resources()));
    cmd.addAll(List.of("sweep", "run", specFile.toString(), "--out", dir.toString(), "--workers", "1",
        "--data-dir", data.toString()));
    Process first = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile())
        .start();
    Sweep sweep = null;
    // generous: on a 2-core machine busy with other JVMs two tiny points took over 60 s; an idle one needs about 10
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline) {
      if (Sweep.isSweep(dir) && (sweep == null)) sweep = Sweep.open(dir);
      if (sweep != null && sweep.counts().get(PointState.State.FINISHED) >= 2) break;
      assertTrue(first.isAlive(), () -> "sweep ended early: " + read(tmp.resolve("first.log")));
      Thread.sleep(100);
    }
    first.descendants().forEach(ProcessHandle::destroyForcibly);
    first.destroyForcibly();
    first.waitFor(10, TimeUnit.SECONDS);
    assertTrue(sweep != null, "the sweep never wrote sweep.json");

    Map<String, String> startTimes = new HashMap<>();
    Map<PointState.State, Integer> before = sweep.counts();
    assertTrue(before.get(PointState.State.FINISHED) >= 2 && before.get(PointState.State.FINISHED) < 6, before.toString());
    for (var e : sweep.states().entrySet()) {
      if (e.getValue().state() == PointState.State.FINISHED) startTimes.put(e.getKey().id(), startTime(sweep, e.getKey()));
    }

    List<String> events = new ArrayList<>();
    Map<PointState.State, Integer> after = LocalExecutor.run(Sweep.open(dir), 2, new LocalExecutor.Listener() {
      @Override public void started(SweepPoint p, boolean resume) {
        events.add(p.id());
      }
    });
    assertEquals(4, after.get(PointState.State.FINISHED), after.toString());
    assertEquals(2, after.get(PointState.State.FAILED), after.toString());
    for (var e : startTimes.entrySet()) {
      assertFalse(events.contains(e.getKey()), e.getKey() + " was run again");
      SweepPoint p = sweep.points().stream().filter(q -> q.id().equals(e.getKey())).findFirst().orElseThrow();
      assertEquals(e.getValue(), startTime(sweep, p), "provenance of a completed point changed");
    }
    for (var e : sweep.states().entrySet()) {
      Path pd = sweep.pointDir(e.getKey());
      if (e.getValue().state() == PointState.State.FINISHED) {
        assertEquals(3, MetricsCsv.read(pd.resolve("metrics.csv")).size(), e.getKey().id());
      } else {
        assertTrue(e.getKey().params().get("tau").startsWith("bogus"), e.getKey().id());
        assertTrue(e.getValue().reason().contains("bogus"), e.getValue().reason());
      }
    }
    // a third run has nothing left to do
    assertEquals(after, LocalExecutor.run(Sweep.open(dir), 2, new LocalExecutor.Listener() {
      @Override public void started(SweepPoint p, boolean resume) {
        throw new AssertionError("ran " + p.id() + " again");
      }
    }));
  }

  /**
   * With reused JVMs (one worker) the points give the same metrics and the same checkpoint bytes as with a JVM
   * each: nothing a point leaves behind in its JVM reaches the next one; a failed point (a bad tau spec) costs its
   * JVM, so the point after it starts a second one, and the three points needed two JVMs, not three.
   */
  @Test
  void reusedJvmsGiveTheSameRunsAsAJvmPerPoint() throws Exception {
    Path data = TinySweep.data();
    SweepSpec spec = TinySweep.spec("reuse", "{tau: ['gamma:mean=0.5,k=4', 'bogus:1', '0.5'], seed: [2]}", 2);
    Map<String, Sweep> sweeps = new HashMap<>();
    for (boolean reuse : new boolean[] {false, true}) {
      Sweep sweep = Sweep.create(tmp.resolve("reuse-" + reuse), spec, data);
      Map<PointState.State, Integer> counts = LocalExecutor.run(sweep, 1, reuse, new LocalExecutor.Listener() {}, null);
      assertEquals(2, counts.get(PointState.State.FINISHED), counts.toString());
      assertEquals(1, counts.get(PointState.State.FAILED), counts.toString());
      sweeps.put(reuse ? "reuse" : "fresh", sweep);
    }
    String log = Files.readString(sweeps.get("reuse").dir().resolve(PointRunner.SERVER_LOG));
    assertEquals(2, log.lines().filter(l -> l.contains("point server pid")).count(), log);
    assertFalse(Files.exists(sweeps.get("fresh").dir().resolve(PointRunner.SERVER_LOG)));
    for (SweepPoint p : sweeps.get("fresh").points()) {
      if (p.params().get("tau").startsWith("bogus")) continue;
      Path a = sweeps.get("fresh").pointDir(p), b = sweeps.get("reuse").pointDir(p);
      assertEquals(withoutTimes(a.resolve("metrics.csv")), withoutTimes(b.resolve("metrics.csv")), p.id());
      assertEquals(stateWithoutTimes(a), stateWithoutTimes(b), p.id() + ": checkpoints differ");
    }
  }

  /** The checkpoint's entries (tensors as lists of their bits) except the training seconds. */
  private static Map<String, Object> stateWithoutTimes(Path dir) throws Exception {
    StateBundle state = CheckpointFile.read(dir.resolve("checkpoint.bin"), "ep", null);
    Map<String, Object> out = new java.util.TreeMap<>();
    for (String name : state.names()) {
      if (name.contains("second")) continue;
      out.put(name, state.entry(name) instanceof StateBundle.Tensor t
          ? java.util.Arrays.toString(t.data()) + java.util.Arrays.toString(t.shape()) : state.entry(name));
    }
    assertTrue(out.size() > 3, out.keySet().toString());
    return out;
  }

  /** A metrics table without its wall-clock columns (names with "second" or "_per_s"). */
  private static List<Map<String, String>> withoutTimes(Path csv) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    for (var row : MetricsCsv.read(csv)) {
      Map<String, String> kept = new java.util.TreeMap<>();
      row.forEach((k, v) -> {
        if (!k.contains("second") && !k.endsWith("_per_s")) kept.put(k, String.valueOf(v));
      });
      rows.add(kept);
    }
    return rows;
  }

  /** Points run seed by seed: every condition's first seed before any condition's second, each in sweep order. */
  @Test
  void pointsRunReplicateByReplicate() throws Exception {
    SweepSpec spec = TinySweep.spec("order", "{dataset: [mnist, kmnist], tau: ['0.5', '0.9'], seed: [1, 2, 3]}", 1);
    List<SweepPoint> order = LocalExecutor.replicateMajor(Expansion.points(spec), spec);
    List<String> got = order.stream().map(p -> p.params().get("seed") + ":" + p.params().get("dataset") + "/"
        + p.params().get("tau")).toList();
    List<String> want = new ArrayList<>();
    for (String seed : List.of("1", "2", "3")) {
      for (String d : List.of("mnist", "kmnist")) for (String t : List.of("0.5", "0.9")) want.add(seed + ":" + d + "/" + t);
    }
    assertEquals(want, got);
    SweepSpec noSeeds = TinySweep.spec("plain", "{tau: ['0.9', '0.5']}", 1);
    assertEquals(Expansion.points(noSeeds), LocalExecutor.replicateMajor(Expansion.points(noSeeds), noSeeds));
  }

  @Test
  void longestFirstSortsEachReplicateByItsEstimateAndPutsUnknownsLast() throws Exception {
    SweepSpec spec = TinySweep.spec("order", "{tau: ['0.5', '0.9', 'bogus:1'], seed: [1, 2]}", 1);
    Map<String, Double> seconds = Map.of("0.5", 10.0, "0.9", 30.0, "bogus:1", Double.NaN);
    List<SweepPoint> order = LocalExecutor.longestFirst(Expansion.points(spec), spec,
        p -> seconds.get(p.params().get("tau")));
    List<String> got = order.stream().map(p -> p.params().get("seed") + ":" + p.params().get("tau")).toList();
    assertEquals(List.of("1:0.9", "1:0.5", "1:bogus:1", "2:0.9", "2:0.5", "2:bogus:1"), got);
  }

  private static String startTime(Sweep sweep, SweepPoint p) throws Exception {
    return Json.readTree(sweep.pointDir(p).resolve("provenance.json")).path("startTime").asText();
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
