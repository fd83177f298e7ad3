package org.taunet.rnn;

import static org.taunet.train.LoopFiles.withoutTiming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Checkpoint;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.train.CheckpointFile;
import org.taunet.train.LoopState;
import org.taunet.train.StateBundle;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;

/**
 * Resuming RNN runs on the shared loop: from a checkpoint between evaluations (checkpointEvery), from a wall-clock
 * checkpoint (an injected clock), from a checkpoint and metrics.csv of the layout before the shared core, and an old
 * config.json; each resumed run equals the uninterrupted one bit for bit (parameters, optimizer state, metrics rows
 * and summary, timing values aside).
 */
class RnnResumeTest {
  @TempDir Path tmp;

  /** 12 steps, a row every 4: integration-wm, 16 units, uniform taus, noise on (its stream is per step too). */
  static RnnConfig cfg(long checkpointEvery, double checkpointMinutes, boolean trainTau) {
    return cfg(checkpointEvery, checkpointMinutes, trainTau, 0.9);
  }

  static RnnConfig cfg(long checkpointEvery, double checkpointMinutes, boolean trainTau, double criterion) {
    RnnConfig d = RnnConfig.defaults();
    return new RnnConfig("integration-wm", d.dtMs(), RnnConfig.parseTau("uniform"), 16, d.gain(), d.activation(), d.integrator(), false,
        trainTau, 0.05, d.loss(), 8, 12, 1e-2, d.gradClip(), 0, 4, 16, criterion, 0, 9, checkpointEvery, checkpointMinutes,
        List.of(), List.of());
  }

  /** A clock that advances one second at every reading: wall-clock checkpoints land at deterministic steps. */
  static LongSupplier ticking() {
    long[] now = {0};
    return () -> now[0] += 1_000_000_000L;
  }

  /** Throws at the step after the first checkpoint for {@code reason} at a step that is not a row's (not 0 mod 4). */
  static final class Interrupt implements TrainLoop.Listener {
    final TrainLoop.CheckpointReason reason;
    long at = -1;

    Interrupt(TrainLoop.CheckpointReason reason) {
      this.reason = reason;
    }

    @Override public void checkpoint(Path file, long step, TrainLoop.CheckpointReason why) {
      if (at < 0 && why == reason && (reason == TrainLoop.CheckpointReason.EVALUATION ? step > 0 : step % 4 != 0)) {
        at = step;
      }
    }

    @Override public void step(long step, long stepInEpoch, Window running) {
      if (at > 0 && step == at + 1) throw new IllegalStateException("interrupt");
    }
  }

  /** Trains {@code c} into {@code name} until {@code cut} interrupts it; returns the step of the checkpoint. */
  long interrupted(RnnConfig c, String name, Interrupt cut) throws IOException {
    RnnTrainer first = new RnnTrainer(c, RunDir.create(tmp.resolve(name)));
    assertThrows(IllegalStateException.class, () -> first.train(false, cut, ticking()));
    assertTrue(cut.at > 0, "interrupted after a " + cut.reason + " checkpoint");
    return cut.at;
  }

  /** Resumes the run folder {@code name}; returns the trainer and the step it resumed from. */
  Map.Entry<RnnTrainer, Long> resume(RnnConfig c, Path dir) throws IOException {
    RnnTrainer t = new RnnTrainer(c, RunDir.open(dir));
    long[] from = {-1};
    t.train(true, new TrainLoop.Listener() {
      @Override public void start(LoopState s, long totalSteps) {
        from[0] = s.step();
      }
    }, ticking());
    return Map.entry(t, from[0]);
  }

  RnnTrainer full(RnnConfig c) throws IOException {
    RnnTrainer t = new RnnTrainer(c, RunDir.create(tmp.resolve("full")));
    t.train(false, new TrainLoop.Listener() {}, ticking());
    return t;
  }

  void assertSameRun(RnnTrainer full, RnnTrainer resumed, Path resumedDir) throws IOException {
    assertArrayEquals(full.network().params(), resumed.network().params());
    assertArrayEquals(full.network().tau, resumed.network().tau);
    assertEquals(withoutTiming(tmp.resolve("full")), withoutTiming(resumedDir));
    assertEquals(stateWithoutTiming(tmp.resolve("full")), stateWithoutTiming(resumedDir));
  }

  @Test
  void resumeFromACheckpointBetweenEvaluationsIsBitIdentical() throws Exception {
    RnnConfig c = cfg(3, 0, true); // checkpoints at 3, 6, 9 between the rows at 4, 8, 12
    RnnTrainer full = full(c);
    Interrupt cut = new Interrupt(TrainLoop.CheckpointReason.STEPS);
    long at = interrupted(c, "cut", cut);
    assertEquals(3, at);
    var resumed = resume(c, tmp.resolve("cut"));
    assertEquals(3L, resumed.getValue());
    assertSameRun(full, resumed.getKey(), tmp.resolve("cut"));
  }

  @Test
  void theWeightsAtCriterionAreCheckpointedSoAResumeMeasuresTheSameChange() throws Exception {
    // criterion 0.5 is met at the first row (step 0: eval_acc 0.5 on 16 trials), and again at step 4; the cut comes
    // after the checkpoint at step 1: unless the snapshot of step 0 is restored, the resumed run would take it at 4
    RnnConfig c = cfg(1, 0, false, 0.5);
    RnnTrainer full = full(c);
    long at = interrupted(c, "cut", new Interrupt(TrainLoop.CheckpointReason.STEPS));
    assertEquals(1, at);
    var resumed = resume(c, tmp.resolve("cut"));
    assertSameRun(full, resumed.getKey(), tmp.resolve("cut"));
    var summary = RunDir.open(tmp.resolve("cut")).readJsonTree(TrainLoop.SUMMARY);
    assertEquals(0, summary.path("criterion_step").asLong());
    assertEquals(0.0, summary.path("w_rec_change_at_criterion").asDouble(), summary.toString());
    assertTrue(summary.path("w_rec_change").asDouble() > 0);
  }

  @Test
  void resumeFromAWallClockCheckpointIsBitIdentical() throws Exception {
    RnnConfig c = cfg(0, 0.1, false); // a checkpoint every 6 s of the ticking clock: every few steps
    RnnTrainer full = full(c);
    long at = interrupted(c, "cut", new Interrupt(TrainLoop.CheckpointReason.WALL_CLOCK));
    var resumed = resume(c, tmp.resolve("cut"));
    assertEquals(at, resumed.getValue(), "resumed from the wall-clock checkpoint");
    assertSameRun(full, resumed.getKey(), tmp.resolve("cut"));
  }

  @Test
  void oldLayoutRunFolderResumesOnTheSameTrajectory() throws Exception {
    RnnConfig c = cfg(0, 0, false);
    RnnTrainer full = full(c);
    long at = interrupted(c, "new", new Interrupt(TrainLoop.CheckpointReason.EVALUATION));
    assertEquals(4, at);
    // the same run folder in the former layout: RnnCheckpoint's names and meta, RnnTrainer's columns, old config.json
    Path old = tmp.resolve("old");
    Files.createDirectories(old);
    Files.copy(tmp.resolve("new").resolve(RnnTrainer.TAU), old.resolve(RnnTrainer.TAU));
    Files.writeString(old.resolve("config.json"), oldConfigJson(tmp.resolve("new").resolve("config.json")));
    writeOldCheckpoint(tmp.resolve("new").resolve(TrainLoop.CHECKPOINT), old.resolve(TrainLoop.CHECKPOINT));
    writeOldMetrics(tmp.resolve("new").resolve(TrainLoop.METRICS), old.resolve(TrainLoop.METRICS));
    assertNull(Checkpoint.load(old.resolve(TrainLoop.CHECKPOINT)).meta().get("format"));
    assertEquals("iteration", MetricsCsv.read(old.resolve(TrainLoop.METRICS)).get(0).keySet().iterator().next());
    assertArrayEquals(new int[] {0, 4}, RnnSummary.steps(MetricsCsv.read(old.resolve(TrainLoop.METRICS))),
        "readers accept the old column");

    var resumed = resume(RunDir.open(old).readJson("config.json", RnnConfig.class), old);
    assertEquals(4L, resumed.getValue());
    assertSameRun(full, resumed.getKey(), old);
    assertNotEquals(null, CheckpointFile.read(old.resolve(TrainLoop.CHECKPOINT), "rnn", null), "rewritten as a state file");
    assertEquals("NaN", MetricsCsv.read(old.resolve(TrainLoop.METRICS)).get(1).get(TrainLoop.SECONDS),
        "the old rows did not record train_seconds");
  }

  @Test
  void oldConfigJsonReadsWithoutCheckpointCadences() throws Exception {
    RunDir dir = RunDir.create(tmp.resolve("cfg"));
    dir.writeJson("config.json", cfg(0, 0, false));
    Files.writeString(dir.file("config.json"), oldConfigJson(dir.file("config.json")));
    assertTrue(!Files.readString(dir.file("config.json")).contains("checkpoint"));
    assertEquals(cfg(0, 0, false), dir.readJson("config.json", RnnConfig.class));
  }

  /** The config.json of a run before the shared core: no checkpoint cadences. */
  static String oldConfigJson(Path file) throws IOException {
    String json = Files.readString(file);
    String old = json.replaceAll(",\\s*\"checkpointEvery\"\\s*:\\s*[0-9.]+", "")
        .replaceAll(",\\s*\"checkpointMinutes\"\\s*:\\s*[0-9.]+", "");
    assertNotEquals(json, old);
    return old;
  }

  /** Writes the state of {@code from} as the former RnnCheckpoint.save did (container without "format"). */
  static void writeOldCheckpoint(Path from, Path to) throws IOException {
    StateBundle s = CheckpointFile.read(from, "rnn", null);
    assertEquals(0L, s.readLong("loop/window/steps"), "written with a row");
    Map<String, Object> tensors = new LinkedHashMap<>();
    String[] names = {"W", "Win", "b", "Wout", "bout"};
    for (int i = 0; i < names.length; i++) {
      tensors.put(names[i], data(s, "net/" + names[i]));
      tensors.put("opt_m" + i, data(s, "opt/" + names[i] + "/m"));
      tensors.put("opt_v" + i, data(s, "opt/" + names[i] + "/v"));
    }
    tensors.put("tau", data(s, "net/tau"));
    tensors.put("W0", data(s, "init/W"));
    tensors.put("Win0", data(s, "init/Win"));
    tensors.put("tau0", data(s, "init/tau"));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("iteration", (int) s.readLong("loop/step"));
    meta.put("opt_t", s.readLong("opt/t"));
    Checkpoint.save(to, meta, tensors);
  }

  private static float[] data(StateBundle s, String name) {
    return ((StateBundle.Tensor) s.entry(name)).data();
  }

  /** The former columns: iteration, trials, ..., grad_norm, trials_per_s (no train_seconds). */
  static void writeOldMetrics(Path from, Path to) throws IOException {
    MetricsCsv out = new MetricsCsv(to);
    for (Map<String, String> r : MetricsCsv.read(from)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("iteration", r.get("step"));
      for (String k : List.of("trials", "train_loss", "train_acc", "eval_loss", "eval_acc", "grad_norm", "trials_per_s")) {
        row.put(k, r.get(k));
      }
      out.append(row);
    }
  }

  /** Every checkpoint entry but the loop's seconds, as comparable values. */
  static Map<String, Object> stateWithoutTiming(Path run) throws IOException {
    StateBundle s = CheckpointFile.read(run.resolve(TrainLoop.CHECKPOINT), "rnn", null);
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : s.names()) {
      if (name.equals("loop/seconds") || name.equals("loop/window/step_seconds")) continue;
      out.put(name, switch (s.entry(name)) {
        case StateBundle.Tensor t -> List.of(java.util.Arrays.toString(t.data()), java.util.Arrays.toString(t.shape()));
        case StateBundle.LongScalar l -> l.value();
        case StateBundle.DoubleScalar d -> Double.doubleToRawLongBits(d.value());
      });
    }
    return out;
  }
}
