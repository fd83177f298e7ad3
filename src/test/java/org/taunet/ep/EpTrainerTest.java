package org.taunet.ep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.bench.EpBench;
import org.taunet.data.DatasetSplit;
import org.taunet.data.Datasets;
import org.taunet.run.Checkpoint;
import org.taunet.run.RunDir;
import org.taunet.tau.TauSpec;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;

/** Training runs end to end: accuracy on real MNIST, exact resume, divergence handling. */
class EpTrainerTest {
  @TempDir Path tmp;

  static EpConfig small(String tau, int epochs, List<Double> lr) {
    EpConfig p = EpConfig.preset("net1");
    return new EpConfig("synthetic", List.of(40), p.activation(), p.dynamics(), TauSpec.of(tau), epochs, 20, 20, 4, 0.5,
        true, false, true, lr, OptimizerSpec.Kind.SGD, 0.9, 1e-3, 50, 0, 0, 7);
  }

  static DatasetSplit synthetic() {
    return new DatasetSplit(EpBench.syntheticMnist(400, 1), EpBench.syntheticMnist(100, 2), "");
  }

  static final TrainLoop.Listener QUIET = new TrainLoop.Listener() {};

  @Test
  void shortRunOnTenThousandMnistExamplesBeatsNinetyPercent() throws Exception {
    Path dataDir = Path.of(System.getProperty("taunet.shared.data", "../shared/data"));
    assumeTrue(Files.exists(dataDir.resolve("mnist")), "MNIST not found under " + dataDir + ": skipped");
    DatasetSplit mnist = Datasets.load("mnist", dataDir);
    EpConfig cfg = EpConfig.preset("quick");
    cfg = new EpConfig("mnist", cfg.hidden(), cfg.activation(), cfg.dynamics(), TauSpec.of("normal:mean=0.5,sd=0.1,min=0.05,max=1"),
        cfg.epochs(), cfg.batchSize(), cfg.tFree(), cfg.tNudged(), cfg.beta(), cfg.randomBeta(), cfg.symmetric(),
        cfg.persistent(), cfg.lr(), cfg.optimizer(), cfg.momentum(), cfg.convergenceTol(), cfg.evalSteps(),
        10_000, 2_000, 1);
    TrainLoop.Result r = new EpTrainer(cfg, mnist, RunDir.create(tmp.resolve("mnist"))).train(false, QUIET);
    assertEquals(TrainLoop.Status.FINISHED, r.status());
    double acc = (double) r.summary().get("test_acc");
    assertTrue(acc > 0.90, "test accuracy " + acc);
  }

  @Test
  void resumedRunEqualsUninterruptedRunBitForBit() throws Exception {
    EpConfig cfg = small("gamma:mean=0.5,k=4,max=1", 3, List.of(0.1, 0.05)).withKeepParticles(true);
    RunDir straight = RunDir.create(tmp.resolve("straight"));
    new EpTrainer(cfg, synthetic(), straight).train(false, QUIET);

    RunDir interrupted = RunDir.create(tmp.resolve("interrupted"));
    TrainLoop.Listener killAtEpoch2 = new TrainLoop.Listener() {
      @Override public void evaluated(Map<String, Object> row) {
        if ((int) row.get("epoch") == 2) throw new IllegalStateException("simulated kill");
      }
    };
    assertThrows(IllegalStateException.class, () -> new EpTrainer(cfg, synthetic(), interrupted).train(false, killAtEpoch2));
    // The kill came after epoch 2's metrics row but before its checkpoint: resume must redo epoch 2.
    assertArrayEquals(new long[] {20}, Checkpoint.load(interrupted.file(TrainLoop.CHECKPOINT)).longs("loop/step"));
    RunDir reopened = RunDir.open(interrupted.path());
    EpConfig stored = reopened.readJson("config.json", EpConfig.class);
    assertEquals(cfg, stored);
    new EpTrainer(stored, synthetic(), reopened).train(true, QUIET);
    assertSameRun(straight, reopened, 3);
  }

  /**
   * A wall-clock checkpoint lands mid-epoch (after minibatch 7 of 20), the run is killed at minibatch 12 and resumed
   * from it: metrics, state and summary equal those of the uninterrupted run (random signs of beta, the epoch's
   * running sums and the particles included).
   */
  @Test
  void resumeAcrossAWallClockCheckpointMidEpochIsBitIdentical() throws Exception {
    EpConfig cfg = small("gamma:mean=0.5,k=4,max=1", 2, List.of(0.1, 0.05)).withCheckpoints(0, 0.5);
    RunDir straight = RunDir.create(tmp.resolve("straight"));
    new EpTrainer(cfg, synthetic(), straight).train(false, QUIET, () -> 0L); // a clock that never moves

    RunDir cut = RunDir.create(tmp.resolve("cut"));
    AtomicLong clock = new AtomicLong();
    long[] checkpointAt = {-1};
    TrainLoop.Listener minuteAtStep6 = new TrainLoop.Listener() {
      @Override public void step(long step, long stepInEpoch, Window running) {
        if (step == 6) clock.addAndGet(60_000_000_000L); // seen by the loop after step 7
        if (step == 12) throw new IllegalStateException("simulated kill");
      }

      @Override public void checkpoint(Path file, long step, TrainLoop.CheckpointReason reason) {
        if (reason == TrainLoop.CheckpointReason.WALL_CLOCK) checkpointAt[0] = step;
      }
    };
    assertThrows(IllegalStateException.class, () -> new EpTrainer(cfg, synthetic(), cut).train(false, minuteAtStep6,
        clock::get));
    assertEquals(7, checkpointAt[0]);
    Checkpoint mid = Checkpoint.load(cut.file(TrainLoop.CHECKPOINT));
    assertArrayEquals(new long[] {7}, mid.longs("loop/step_in_epoch"));
    assertTrue(mid.longs("ep/window/examples")[0] == 140, "the epoch's running sums are checkpointed");
    new EpTrainer(cfg, synthetic(), RunDir.open(cut.path())).train(true, QUIET, clock::get);
    assertSameRun(straight, cut, 2);
  }

  /**
   * A checkpoint.bin written by the code before the shared core (EpCheckpoint's layout: W1, b1, dt1, opt_m0, opt_v0,
   * particles_train_1, ..., meta epoch, opt_t, sizes) after epoch 1 resumes through the legacy mapping, and the run
   * ends as the uninterrupted one (Adam: both moments and the step count are mapped).
   */
  @Test
  void aPreCoreCheckpointStillResumes() throws Exception {
    EpConfig s = small("0.5", 2, List.of(0.01, 0.005));
    EpConfig cfg = new EpConfig(s.dataset(), s.hidden(), s.activation(), s.dynamics(), s.tau(), s.epochs(),
        s.batchSize(), s.tFree(), s.tNudged(), s.beta(), s.randomBeta(), s.symmetric(), s.persistent(), s.lr(),
        OptimizerSpec.Kind.ADAM, 0, s.convergenceTol(), s.evalSteps(), 0, 0, s.seed());
    RunDir straight = RunDir.create(tmp.resolve("straight"));
    new EpTrainer(cfg, synthetic(), straight).train(false, QUIET);

    RunDir old = RunDir.create(tmp.resolve("old"));
    TrainLoop.Listener killAtEpoch2 = new TrainLoop.Listener() {
      @Override public void epochStart(int epoch, long done, long stepsPerEpoch) {
        if (epoch == 2) throw new IllegalStateException("simulated kill");
      }
    };
    assertThrows(IllegalStateException.class, () -> new EpTrainer(cfg, synthetic(), old).train(false, killAtEpoch2));
    Path file = old.file(TrainLoop.CHECKPOINT);
    writeLegacy(Checkpoint.load(file), file, 1);
    assertFalse(Checkpoint.load(file).meta().containsKey("format"), "an old-layout file");
    // ... and the old metrics.csv, without the loop's step column
    Path csv = old.file(TrainLoop.METRICS);
    Files.writeString(csv, Files.readString(csv).replaceAll("(?m)^[^,\n]*,", ""));
    assertTrue(Files.readString(csv).startsWith("epoch,train_acc,"), Files.readString(csv));
    // the old run's config.json had no checkpoint cadences: they read as 0 (at epoch ends only)
    String json = Files.readString(old.file("config.json"));
    String oldJson = json.replaceAll(",\\s*\"checkpoint(Every|Minutes)\"\\s*:\\s*[0-9.]+", "");
    assertFalse(oldJson.contains("checkpointEvery") || oldJson.contains("checkpointMinutes"), oldJson);
    Files.writeString(old.file("config.json"), oldJson);
    EpConfig stored = RunDir.open(old.path()).readJson("config.json", EpConfig.class);
    assertEquals(cfg, stored);
    new EpTrainer(stored, synthetic(), RunDir.open(old.path())).train(true, QUIET);
    assertSameRun(straight, old, 2);
  }

  /** Rewrites a current EP checkpoint after {@code epoch} epochs in EpCheckpoint's layout (a fixture of the old code). */
  static void writeLegacy(Checkpoint now, Path file, int epoch) throws Exception {
    Map<String, Object> tensors = new java.util.LinkedHashMap<>();
    int layers = 0;
    while (now.has("net/W" + (layers + 1))) layers++;
    int[] sizes = new int[layers + 1];
    sizes[0] = now.info("net/W1").shapeArray()[0];
    for (int l = 1; l <= layers; l++) {
      sizes[l] = now.info("net/b" + l).shapeArray()[0];
      tensors.put("W" + l, now.floats("net/W" + l));
      tensors.put("b" + l, now.floats("net/b" + l));
      tensors.put("dt" + l, now.floats("net/dt" + l));
      tensors.put("particles_train_" + l, now.floats("ep/particles/train/" + l));
      tensors.put("particles_test_" + l, now.floats("ep/particles/test/" + l));
    }
    for (int l = 1, i = 0; l <= layers; l++) {
      for (String p : List.of("W" + l, "b" + l)) {
        tensors.put("opt_m" + i, now.floats("opt/" + p + "/m"));
        tensors.put("opt_v" + i++, now.floats("opt/" + p + "/v"));
      }
    }
    Map<String, Object> meta = new java.util.LinkedHashMap<>();
    meta.put("epoch", epoch);
    meta.put("opt_t", now.longs("opt/t")[0]);
    meta.put("sizes", sizes);
    Checkpoint.save(file, meta, tensors);
  }

  /** Same metrics rows (timing columns aside), same summary and the same final checkpoint (timing entries aside). */
  static void assertSameRun(RunDir a, RunDir b, int epochs) throws Exception {
    List<Map<String, String>> ra = EpTrainer.metricsRows(a), rb = EpTrainer.metricsRows(b);
    assertEquals(epochs, rb.size());
    assertEquals(ra.get(0).keySet(), rb.get(0).keySet());
    for (int i = 0; i < epochs; i++) {
      for (String col : ra.get(i).keySet()) {
        if (!TrainLoop.isTiming(col)) assertEquals(ra.get(i).get(col), rb.get(i).get(col), col + " of epoch " + (i + 1));
      }
    }
    Checkpoint ca = Checkpoint.load(a.file(TrainLoop.CHECKPOINT)), cb = Checkpoint.load(b.file(TrainLoop.CHECKPOINT));
    assertEquals(ca.names(), cb.names());
    for (String n : ca.names()) {
      if (n.endsWith("seconds")) continue;
      switch (ca.info(n).dtype()) {
        case FLOAT32 -> assertArrayEquals(ca.floats(n), cb.floats(n), n);
        case INT64 -> assertArrayEquals(ca.longs(n), cb.longs(n), n);
        default -> assertArrayEquals(ca.doubles(n), cb.doubles(n), n);
      }
    }
    assertEquals(Files.readString(a.file(EpFailures.PROBE)), Files.readString(b.file(EpFailures.PROBE)),
        "probe.csv: epoch 0 and every epoch, once");
    String sa = Files.readString(a.file(TrainLoop.SUMMARY)), sb = Files.readString(b.file(TrainLoop.SUMMARY));
    assertEquals(sa.replaceAll("\"train_seconds\" : [^,\n]*", ""), sb.replaceAll("\"train_seconds\" : [^,\n]*", ""));
  }

  @Test
  void divergingRunStopsCleanlyAndKeepsItsFiles() throws Exception {
    // States are clipped, so EP cannot blow up its states; the parameters can. A learning rate beyond
    // float32 range makes them non-finite at the first update, which the trainer must catch.
    EpConfig cfg = small("0.5", 5, List.of(1e39, 1e39));
    RunDir run = RunDir.create(tmp.resolve("diverge"));
    TrainLoop.Result r = new EpTrainer(cfg, synthetic(), run).train(false, QUIET);
    assertEquals(TrainLoop.Status.DIVERGED, r.status());
    assertEquals(1, r.steps(), "caught at the first minibatch");
    for (String f : List.of("config.json", "dt.txt", "summary.json")) assertTrue(Files.exists(run.file(f)), f);
    assertFalse(Files.exists(run.file(TrainLoop.CHECKPOINT)), "no checkpoint of a diverged network");
    String summary = Files.readString(run.file("summary.json"));
    assertTrue(summary.contains("\"diverged\"") && summary.contains("\"diverged_at_step\" : 1"), summary);
  }

  @Test
  void configRejectsNonsense() {
    EpConfig p = EpConfig.preset("net1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EpConfig(p.dataset(),
        List.of(500), p.activation(), p.dynamics(), p.tau(), 1, 20, 20, 4, 0.5, true, false, true,
        List.of(0.1), p.optimizer(), 0.9, 1e-3, 10, 0, 0, 1));
    assertTrue(e.getMessage().contains("one rate per weight layer"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EpConfig.preset("net9"));
    assertThrows(IllegalArgumentException.class, () -> small("normal:mean=", 1, List.of(0.1, 0.1)));
    assertThrows(IllegalArgumentException.class, () -> p.withCheckpoints(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> p.withCheckpoints(0, Double.NaN));
  }
}
