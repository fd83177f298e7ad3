package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;

/**
 * The shared loop with {@link ToyFamily}: resume after an epoch-end checkpoint, after a mid-epoch wall-clock
 * checkpoint, after the time limit and from a pre-core checkpoint all give the uninterrupted run's metrics, state,
 * checkpoint and summary bit for bit; a NaN step ends the run as diverged with the last good checkpoint kept.
 */
class TrainLoopTest {
  static final long SEED = 7;
  /** Four epochs of five steps, a row and a checkpoint at each epoch end; collapsed below 75% training accuracy. */
  static final LoopConfig EPOCHS = LoopConfig.epochs(4).withCollapseFactor(1.5);

  @TempDir Path tmp;

  /** Thrown by a listener to simulate a process killed right after a checkpoint. */
  static final class Killed extends RuntimeException {
    Killed() {
      super("killed", null, false, false);
    }
  }

  /** A fresh toy on a fresh clock, trained in {@code dir}. */
  record Session(ToyFamily toy, TrainLoop loop) {
    static Session of(Path dir, LoopConfig cfg) throws IOException {
      AtomicLong clock = new AtomicLong(123_456_789L);
      ToyFamily toy = new ToyFamily(SEED, clock);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(RunDir.CONFIG), "{}");
      return new Session(toy, new TrainLoop(toy, cfg, RunDir.open(dir), clock::get));
    }
  }

  /** A listener that records checkpoints and kills the run at the first checkpoint {@code killAt} accepts. */
  static class Recorder implements TrainLoop.Listener {
    final List<String> checkpoints = new ArrayList<>();
    final java.util.function.BiPredicate<Long, TrainLoop.CheckpointReason> killAt;
    byte[] lastCheckpoint;

    Recorder(java.util.function.BiPredicate<Long, TrainLoop.CheckpointReason> killAt) {
      this.killAt = killAt;
    }

    @Override
    public void checkpoint(Path file, long step, TrainLoop.CheckpointReason reason) {
      checkpoints.add(step + ":" + reason);
      try {
        lastCheckpoint = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (killAt.test(step, reason)) throw new Killed();
    }
  }

  private TrainLoop.Result uninterrupted(Path dir, LoopConfig cfg) throws IOException {
    return Session.of(dir, cfg).loop().run(false, new TrainLoop.Listener() {});
  }

  @Test
  void resumeAfterAnEpochEndCheckpointIsBitIdentical() throws IOException {
    TrainLoop.Result full = uninterrupted(tmp.resolve("a"), EPOCHS);
    assertEquals(TrainLoop.Status.FINISHED, full.status());
    assertEquals(20, full.steps());
    Path b = tmp.resolve("b");
    Recorder rec = new Recorder((step, reason) -> step == 10);
    assertThrows(Killed.class, () -> Session.of(b, EPOCHS).loop().run(false, rec));
    assertEquals(List.of("5:EVALUATION", "10:EVALUATION"), rec.checkpoints);
    Session resumed = Session.of(b, EPOCHS);
    TrainLoop.Result again = resumed.loop().run(true, new TrainLoop.Listener() {});
    assertSameRun(tmp.resolve("a"), b, full, again);
  }

  @Test
  void resumeAfterAMidEpochWallClockCheckpointIsBitIdentical() throws IOException {
    // a checkpoint once 2.5 s of training passed since the last one: 3 one-second steps, so the first one falls inside epoch 1
    LoopConfig cfg = EPOCHS.withCheckpointMinutes(2.5 / 60.0);
    Recorder all = new Recorder((step, reason) -> false);
    TrainLoop.Result full = Session.of(tmp.resolve("a"), cfg).loop().run(false, all);
    assertEquals(List.of("3:WALL_CLOCK", "5:EVALUATION", "8:WALL_CLOCK", "10:EVALUATION", "13:WALL_CLOCK",
        "15:EVALUATION", "18:WALL_CLOCK", "20:EVALUATION"), all.checkpoints);
    Path b = tmp.resolve("b");
    Recorder rec = new Recorder((step, reason) -> step == 13);
    assertThrows(Killed.class, () -> Session.of(b, cfg).loop().run(false, rec));
    StateBundle mid = CheckpointFile.read(b.resolve(TrainLoop.CHECKPOINT), "toy", null);
    assertEquals(3, mid.readLong("loop/epoch"));
    assertEquals(3, mid.readLong("loop/step_in_epoch"));
    assertEquals(3, mid.readLong("loop/window/steps"), "the running sums of the row are in the checkpoint");
    TrainLoop.Result again = Session.of(b, cfg).loop().run(true, new TrainLoop.Listener() {});
    assertSameRun(tmp.resolve("a"), b, full, again);
  }

  @Test
  void theTimeLimitStopsWithACheckpointAndAResumeFinishesIdentically() throws IOException {
    TrainLoop.Result full = uninterrupted(tmp.resolve("a"), EPOCHS);
    Path b = tmp.resolve("b");
    Recorder rec = new Recorder((step, reason) -> false);
    TrainLoop.Result stopped = Session.of(b, EPOCHS.withMinutes(6.5 / 60.0)).loop().run(false, rec);
    assertEquals(TrainLoop.Status.TIME_LIMIT, stopped.status());
    assertEquals(7, stopped.steps());
    assertEquals(List.of("5:EVALUATION", "7:TIME_LIMIT"), rec.checkpoints);
    assertEquals("time_limit", readJson(b).path("status").asText());
    // the limit counts the seconds before a resume: the same limit stops again after one step
    TrainLoop.Result once = Session.of(b, EPOCHS.withMinutes(6.5 / 60.0)).loop().run(true, new TrainLoop.Listener() {});
    assertEquals(TrainLoop.Status.TIME_LIMIT, once.status());
    assertEquals(8, once.steps());
    TrainLoop.Result again = Session.of(b, EPOCHS).loop().run(true, new TrainLoop.Listener() {});
    assertSameRun(tmp.resolve("a"), b, full, again);
  }

  @Test
  void aNanLossEndsTheRunAsDivergedAndKeepsTheLastGoodCheckpoint() throws IOException {
    Session s = Session.of(tmp, EPOCHS);
    s.toy().poisonAt = 13;
    Recorder rec = new Recorder((step, reason) -> false);
    TrainLoop.Result r = s.loop().run(false, rec);
    assertEquals(TrainLoop.Status.DIVERGED, r.status());
    assertEquals(13, r.steps());
    assertFalse(r.collapsed());
    assertFalse(s.toy().isFinite(), "the NaN step was applied");
    assertEquals(List.of("5:EVALUATION", "10:EVALUATION"), rec.checkpoints);
    assertArrayEquals(rec.lastCheckpoint, Files.readAllBytes(tmp.resolve(TrainLoop.CHECKPOINT)));
    JsonNode summary = readJson(tmp);
    assertEquals("diverged", summary.path("status").asText());
    assertEquals(13, summary.path("diverged_at_step").asLong());
    assertEquals(2, MetricsCsv.read(tmp.resolve(TrainLoop.METRICS)).size());
    Session fresh = Session.of(tmp.resolve("c"), EPOCHS);
    CheckpointFile.restore(tmp.resolve(TrainLoop.CHECKPOINT), "toy", null, combined(fresh.toy()));
    assertTrue(fresh.toy().isFinite(), "the kept checkpoint holds the network of step 10");
  }

  @Test
  void aNetworkThatIsNotFiniteAtACheckpointIsNotSaved() throws IOException {
    Session s = Session.of(tmp, EPOCHS);
    Recorder rec = new Recorder((step, reason) -> false) {
      @Override
      public void step(long step, long stepInEpoch, Window running) {
        if (step == 10) s.toy().b[0] = Float.POSITIVE_INFINITY; // after a finite step, before its checkpoint
      }
    };
    TrainLoop.Result r = s.loop().run(false, rec);
    assertEquals(TrainLoop.Status.DIVERGED, r.status());
    assertEquals(10, r.steps());
    assertEquals(List.of("5:EVALUATION"), rec.checkpoints);
    assertArrayEquals(rec.lastCheckpoint, Files.readAllBytes(tmp.resolve(TrainLoop.CHECKPOINT)));
    assertEquals(10, readJson(tmp).path("diverged_at_step").asLong());
  }

  @Test
  void aLegacyCheckpointIsMappedAndTheRunContinuesIdentically() throws IOException {
    TrainLoop.Result full = uninterrupted(tmp.resolve("a"), EPOCHS);
    // the same run stopped after epoch 2, its checkpoint rewritten in the pre-core format
    Path b = tmp.resolve("b");
    Session first = Session.of(b, EPOCHS);
    assertThrows(Killed.class, () -> first.loop().run(false, new Recorder((step, reason) -> step == 10)));
    StateBundle st = CheckpointFile.read(b.resolve(TrainLoop.CHECKPOINT), "toy", null);
    first.toy().saveLegacy(b.resolve(TrainLoop.CHECKPOINT), 2, st.readDouble("loop/seconds"));
    TrainLoop.Result again = Session.of(b, EPOCHS).loop().run(true, new TrainLoop.Listener() {});
    assertSameRun(tmp.resolve("a"), b, full, again);
  }

  @Test
  void aRowAtStepZeroAndEveryNStepsForAPlainStepFamily() throws IOException {
    Session s = Session.of(tmp, EPOCHS); // only its toy and clock
    Trainable plain = new Trainable() {
      final ToyFamily toy = s.toy();
      @Override public String family() { return "toy"; }
      @Override public long stepsPerEpoch() { return 0; }
      @Override public void startEpoch(int epoch) { toy.startEpoch(epoch); }
      @Override public StepResult step(int e, long i, long step) { return toy.step(e, (step - 1) % 5, step); }
      @Override public Map<String, Object> evaluate(Window w) { return toy.evaluate(w); }
      @Override public Stateful state() { return toy.state(); }
      @Override public String throughputColumn() { return "trials_per_s"; }
      @Override public Map<String, Object> summary(TrainLoop.Status st, List<Map<String, String>> rows) { return Map.of(); }
    };
    RunDir run = RunDir.open(tmp);
    new TrainLoop(plain, LoopConfig.steps(7).withEvalEvery(3).withEvalAtStart(true), run, s.toy().clock::get)
        .run(false, new TrainLoop.Listener() {});
    List<Map<String, String>> rows = MetricsCsv.read(tmp.resolve(TrainLoop.METRICS));
    assertEquals(List.of("0", "3", "6", "7"), rows.stream().map(r -> r.get("step")).toList());
    assertEquals(List.of("step", "train_loss", "train_acc", "full_loss", "full_acc", "train_seconds", "trials_per_s"),
        List.copyOf(rows.get(0).keySet()));
    assertEquals("NaN", rows.get(0).get("train_loss"));
    assertEquals("8.0", rows.get(3).get("trials_per_s"), "8 items per one-second step");
  }

  @Test
  void aStepCapEndsARunInEpochsMidEpochWithARowAndTheFinalCheckpoint() throws IOException {
    Path a = tmp.resolve("a");
    Recorder rec = new Recorder((step, reason) -> false);
    TrainLoop.Result r = Session.of(a, EPOCHS.withSteps(12)).loop().run(false, rec);
    assertEquals(TrainLoop.Status.FINISHED, r.status());
    List<Map<String, String>> rows = MetricsCsv.read(a.resolve(TrainLoop.METRICS));
    assertEquals(List.of("5", "10", "12"), rows.stream().map(m -> m.get("step")).toList());
    assertEquals("3", rows.get(2).get("epoch"), "the capped row belongs to the third epoch");
    assertEquals("12:EVALUATION", rec.checkpoints.get(rec.checkpoints.size() - 1));
    assertEquals(20, EPOCHS.withSteps(50).totalSteps(5), "a cap above the epochs' steps changes nothing");
  }

  @Test
  void aFinishedRunBelowTheCollapseThresholdIsMarkedCollapsed() throws IOException {
    TrainLoop.Result ok = uninterrupted(tmp.resolve("a"), EPOCHS);
    assertFalse(ok.collapsed());
    assertEquals("0.875", MetricsCsv.read(tmp.resolve("a").resolve(TrainLoop.METRICS)).get(3).get("train_acc"));
    TrainLoop.Result low = uninterrupted(tmp.resolve("b"), EPOCHS.withCollapseFactor(1.9)); // 87.5% < 1.9 * 50%
    assertTrue(low.collapsed());
    assertTrue(readJson(tmp.resolve("b")).path("collapsed").asBoolean());
  }

  @Test
  void timingColumnsAreNamedInOnePlace() {
    assertTrue(TrainLoop.isTiming("train_seconds") && TrainLoop.isTiming("samples_per_s"));
    assertFalse(TrainLoop.isTiming("train_loss") || TrainLoop.isTiming("step"));
  }

  /** Rows (timing columns skipped), final state, checkpoint bytes and summary (timing skipped) of two runs agree. */
  private static void assertSameRun(Path a, Path b, TrainLoop.Result ra, TrainLoop.Result rb) throws IOException {
    assertEquals(ra.status(), rb.status());
    assertEquals(ra.steps(), rb.steps());
    List<Map<String, String>> rowsA = MetricsCsv.read(a.resolve(TrainLoop.METRICS));
    List<Map<String, String>> rowsB = MetricsCsv.read(b.resolve(TrainLoop.METRICS));
    assertEquals(withoutTiming(rowsA), withoutTiming(rowsB));
    assertEquals(4, rowsA.size());
    assertArrayEquals(Files.readAllBytes(a.resolve(TrainLoop.CHECKPOINT)), Files.readAllBytes(b.resolve(TrainLoop.CHECKPOINT)));
    JsonNode sa = readJson(a), sb = readJson(b);
    assertEquals(strip(sa), strip(sb));
    // with the injected clock even the timing values agree
    assertEquals(rowsA, rowsB);
    assertEquals(sa, sb);
    assertNotEquals("NaN", rowsA.get(3).get("full_acc"));
  }

  private static List<Map<String, String>> withoutTiming(List<Map<String, String>> rows) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : rows) {
      Map<String, String> m = new java.util.LinkedHashMap<>(r);
      m.keySet().removeIf(TrainLoop::isTiming);
      out.add(m);
    }
    return out;
  }

  private static JsonNode strip(JsonNode summary) {
    com.fasterxml.jackson.databind.node.ObjectNode o = summary.deepCopy();
    for (Iterator<String> it = summary.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (TrainLoop.isTiming(f)) o.remove(f);
    }
    return o;
  }

  private static JsonNode readJson(Path dir) throws IOException {
    return RunDir.open(dir).readJsonTree(TrainLoop.SUMMARY);
  }

  /** The toy's state plus a loop state, as a checkpoint holds them. */
  private static Stateful combined(ToyFamily toy) {
    LoopState loop = new LoopState();
    return new Stateful() {
      @Override public void exportState(StateWriter out) {
        toy.state().exportState(out);
        loop.exportState(out.writeScope("loop"));
      }

      @Override public void importState(StateReader in) {
        toy.state().importState(in);
        loop.importState(in.readScope("loop"));
      }
    };
  }
}
