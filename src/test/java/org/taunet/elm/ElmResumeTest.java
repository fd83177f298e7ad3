package org.taunet.elm;

import static org.taunet.train.LoopFiles.withoutTiming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.text.TextCorpus;
import org.taunet.run.Checkpoint;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.train.CheckpointFile;
import org.taunet.train.LoopState;
import org.taunet.train.StateBundle;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;

/**
 * Resuming ELM runs on the shared loop: across a wall-clock checkpoint in the middle of an epoch (bit-identical to the
 * uninterrupted run), from a checkpoint.bin and metrics.csv in the layout of the former ElmCheckpoint / ElmTrainer
 * (the same trajectory as from the equivalent new checkpoint), and an old config.json without the newer fields.
 */
class ElmResumeTest {
  @TempDir Path tmp;

  /** Classification (delayed cue, 8 steps per epoch) or text (toy corpus, 14 steps per pass); 3 resp. 2 epochs. */
  static ElmConfig cfg(boolean text, int checkpointEvery, double checkpointMinutes) {
    ElmConfig d = ElmConfig.defaults();
    return new ElmConfig(text ? "text" : "fsdd", ElmConfig.Model.ELM, 2, 6, 0, 0, 0, d.version(), d.activation(), 1,
        50, null, false, 3, 5, 0.5, 16, 1.0, 0, 1, text ? 2 : 3, 8, 1e-2, 1.0, 20, 10, 0, 0, checkpointEvery,
        checkpointMinutes, 7);
  }

  static ElmTrainer trainer(boolean text, ElmConfig c, RunDir run) {
    return text ? new ElmTrainer(c, null, toyCorpus(), run)
        : new ElmTrainer(c, new DelayedCueTask(12, 4, 64, 32, 2), null, run);
  }

  static TextCorpus toyCorpus() {
    byte[] t = new byte[2_800];
    SplittableRandom rng = new SplittableRandom(3);
    String[] words = {"the ", "cat ", "sat ", "on ", "mat "};
    for (int p = 0; p < t.length; ) {
      for (char ch : words[rng.nextInt(words.length)].toCharArray()) if (p < t.length) t[p++] = (byte) ch;
    }
    return new TextCorpus("toy", Arrays.copyOf(t, 2_400), Arrays.copyOfRange(t, 2_400, 2_600),
        Arrays.copyOfRange(t, 2_600, 2_800), "toy");
  }

  /** A clock that advances one second at every reading: wall-clock checkpoints land at deterministic steps. */
  static LongSupplier ticking() {
    long[] now = {0};
    return () -> now[0] += 1_000_000_000L;
  }

  /** Interrupts the run (an exception from the listener) at the step after the first mid-epoch checkpoint for {@code reason} after step {@code after}. */
  static final class Interrupt implements TrainLoop.Listener {
    final TrainLoop.CheckpointReason reason;
    final long perEpoch, after;
    long at = -1;

    Interrupt(TrainLoop.CheckpointReason reason, long perEpoch, long after) {
      this.reason = reason;
      this.perEpoch = perEpoch;
      this.after = after;
    }

    @Override public void checkpoint(Path file, long step, TrainLoop.CheckpointReason why) {
      if (at < 0 && why == reason && step % perEpoch != 0 && step > after) at = step;
    }

    @Override public void step(long step, long stepInEpoch, Window running) {
      if (at > 0 && step == at + 1) throw new IllegalStateException("interrupt");
    }
  }

  @ParameterizedTest(name = "text={0}")
  @ValueSource(booleans = {false, true})
  void resumeAcrossAWallClockCheckpointMidEpochIsBitIdentical(boolean text) throws Exception {
    ElmConfig c = cfg(text, 0, 0.1); // a checkpoint every 6 s of the ticking clock: every 2-3 steps
    ElmTrainer full = trainer(text, c, RunDir.create(tmp.resolve("full")));
    full.train(false, new TrainLoop.Listener() {}, ticking());
    RunDir dir = RunDir.create(tmp.resolve("cut"));
    ElmTrainer first = trainer(text, c, dir);
    Interrupt cut = new Interrupt(TrainLoop.CheckpointReason.WALL_CLOCK, first.trainable().stepsPerEpoch(), 0);
    assertThrows(IllegalStateException.class, () -> first.train(false, cut, ticking()));
    assertTrue(cut.at > 0, "a wall-clock checkpoint mid-epoch");
    ElmTrainer resumed = trainer(text, c, RunDir.open(dir.path()));
    long[] from = {-1, -1};
    resumed.train(true, new TrainLoop.Listener() {
      @Override public void start(LoopState s, long totalSteps) {
        from[0] = s.step();
        from[1] = s.stepInEpoch();
      }
    }, ticking());
    assertEquals(cut.at, from[0], "resumed from the wall-clock checkpoint");
    assertTrue(from[1] > 0, "inside an epoch");
    assertArrayEquals(full.model().params(), resumed.model().params());
    assertEquals(withoutTiming(tmp.resolve("full")), withoutTiming(dir.path()));
  }

  @ParameterizedTest(name = "text={0}")
  @ValueSource(booleans = {false, true})
  void oldLayoutCheckpointResumesOnTheSameTrajectory(boolean text) throws Exception {
    ElmConfig c = cfg(text, 3, 0);
    RunDir dir = RunDir.create(tmp.resolve("new"));
    ElmTrainer first = trainer(text, c, dir);
    long perEpoch = first.trainable().stepsPerEpoch();
    Interrupt cut = new Interrupt(TrainLoop.CheckpointReason.STEPS, perEpoch, perEpoch);
    assertThrows(IllegalStateException.class, () -> first.train(false, cut, ticking()));
    assertTrue(cut.at > perEpoch, "cut in epoch 2 or later, after a metrics row");
    // the same run folder in the former layout: ElmCheckpoint's names and meta, ElmTrainer's column order
    Path old = tmp.resolve("old");
    Files.createDirectories(old);
    for (String f : List.of("config.json", TrainLoop.METRICS)) Files.copy(dir.file(f), old.resolve(f));
    writeOldCheckpoint(dir.file(TrainLoop.CHECKPOINT), old.resolve(TrainLoop.CHECKPOINT), text, perEpoch);
    if (!text) writeOldMetrics(dir.file(TrainLoop.METRICS), old.resolve(TrainLoop.METRICS));
    assertEquals(null, Checkpoint.load(old.resolve(TrainLoop.CHECKPOINT)).meta().get("format"));

    ElmTrainer a = trainer(text, c, RunDir.open(dir.path()));
    a.train(true, new TrainLoop.Listener() {}, ticking());
    ElmTrainer b = trainer(text, c, RunDir.open(old));
    b.train(true, new TrainLoop.Listener() {}, ticking());
    assertArrayEquals(a.model().params(), b.model().params());
    assertEquals(withoutTiming(dir.path()), withoutTiming(old));
    assertNotEquals(null, CheckpointFile.read(old.resolve(TrainLoop.CHECKPOINT), "elm", null), "rewritten as a state file");
  }

  @Test
  void aBudgetRunFromBeforeIssue14WithoutKcResumesBitForBit() throws Exception {
    // k_c 0 with a budget: the largest k_c that fits, as before issue 14 (pool 9 channels + 1 unit = 10)
    ElmConfig c = cfg(false, 3, 0).with("budget=500"); // 26 k_c + 377 parameters: k_c = 4
    int kc = c.shape(9, 3).synapses();
    assertEquals(4, kc, "k_c sized by the budget, below the pool");
    ElmTrainer full = trainer(false, c, RunDir.create(tmp.resolve("full")));
    full.train(false, new TrainLoop.Listener() {}, ticking());
    RunDir dir = RunDir.create(tmp.resolve("cut"));
    ElmTrainer first = trainer(false, c, dir);
    long perEpoch = first.trainable().stepsPerEpoch();
    Interrupt cut = new Interrupt(TrainLoop.CheckpointReason.STEPS, perEpoch, perEpoch);
    assertThrows(IllegalStateException.class, () -> first.train(false, cut, ticking()));
    // its config.json as an older build wrote it: no forgetBias
    String json = Files.readString(dir.file("config.json"));
    Files.writeString(dir.file("config.json"), json.replaceAll(",\\s*\"forgetBias\"\\s*:\\s*[0-9.]+", ""));
    ElmConfig read = dir.readJson("config.json", ElmConfig.class);
    assertEquals(c, read);
    ElmTrainer resumed = trainer(false, read, RunDir.open(dir.path()));
    resumed.train(true, new TrainLoop.Listener() {}, ticking());
    assertArrayEquals(full.model().params(), resumed.model().params());
  }

  @Test
  void oldConfigJsonWithoutNewerFieldsReadsAsBefore() throws Exception {
    RunDir dir = RunDir.create(tmp.resolve("cfg"));
    dir.writeJson("config.json", cfg(false, 3, 0.5));
    String json = Files.readString(dir.file("config.json"));
    String old = json.replaceAll(",\\s*\"checkpointMinutes\"\\s*:\\s*[0-9.]+", "")
        .replaceAll(",\\s*\"forgetBias\"\\s*:\\s*[0-9.]+", "");
    assertNotEquals(json, old);
    assertTrue(!old.contains("forgetBias") && !old.contains("checkpointMinutes"), old);
    Files.writeString(dir.file("config.json"), old);
    assertEquals(cfg(false, 3, 0), dir.readJson("config.json", ElmConfig.class));
  }

  /** Writes the state of {@code from} as the former ElmCheckpoint.save did (container without "format"). */
  static void writeOldCheckpoint(Path from, Path to, boolean text, long perEpoch) throws IOException {
    StateBundle s = CheckpointFile.read(from, "elm", null);
    long epoch = s.readLong("loop/epoch"), inEpoch = s.readLong("loop/step_in_epoch");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", (int) epoch);
    meta.put("batch_in_epoch", text ? 0 : (int) inEpoch);
    meta.put("step", s.readLong("loop/step"));
    meta.put("train_seconds", s.readDouble("loop/seconds"));
    meta.put("loss_sum", s.readDouble("loop/window/loss"));
    meta.put("correct", s.readDouble("loop/window/correct"));
    meta.put("count", (double) s.readLong("loop/window/count"));
    meta.put("stream_position", text ? (int) s.readLong("data/position") : 0);
    meta.put("adam_t", s.readLong("opt/t"));
    Map<String, Object> tensors = new LinkedHashMap<>();
    tensors.put("params", data(s, "net/params"));
    tensors.put("adam_m", data(s, "opt/params/m"));
    tensors.put("adam_v", data(s, "opt/params/v"));
    tensors.put("state", text ? data(s, "net/state") : new float[0]);
    Checkpoint.save(to, meta, tensors);
  }

  private static float[] data(StateBundle s, String name) {
    return ((StateBundle.Tensor) s.entry(name)).data();
  }

  /** The former classification column order: epoch, step, ..., train_seconds, without the throughput column. */
  static void writeOldMetrics(Path from, Path to) throws IOException {
    Files.delete(to);
    MetricsCsv out = new MetricsCsv(to);
    for (Map<String, String> r : MetricsCsv.read(from)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", r.get("epoch"));
      row.put("step", r.get("step"));
      for (String k : List.of("train_loss", "train_acc", "valid_loss", "valid_acc", "test_loss", "test_acc")) {
        row.put(k, r.get(k));
      }
      row.put("train_seconds", r.get("train_seconds"));
      out.append(row);
    }
  }
}
