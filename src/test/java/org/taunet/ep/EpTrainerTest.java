package org.taunet.ep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.bench.EpBench;
import org.taunet.data.DatasetSplit;
import org.taunet.data.Datasets;
import org.taunet.run.Checkpoint;
import org.taunet.run.RunDir;

/** Training runs end to end: accuracy on real MNIST, exact resume, divergence handling. */
class EpTrainerTest {
  @TempDir Path tmp;

  static EpConfig small(String tau, int epochs, List<Double> lr) {
    EpConfig p = EpConfig.preset("net1");
    return new EpConfig("synthetic", List.of(40), p.activation(), p.dynamics(), tau, epochs, 20, 20, 4, 0.5,
        true, false, true, lr, Optimizer.Kind.SGD, 0.9, 1e-3, 50, 0, 0, 7);
  }

  static DatasetSplit synthetic() {
    return new DatasetSplit(EpBench.syntheticMnist(400, 1), EpBench.syntheticMnist(100, 2), "");
  }

  @Test
  void shortRunOnTenThousandMnistExamplesBeatsNinetyPercent() throws Exception {
    Path dataDir = Path.of(System.getProperty("taunet.shared.data", "../shared/data"));
    assumeTrue(Files.exists(dataDir.resolve("mnist")), "MNIST not found under " + dataDir + ": skipped");
    DatasetSplit mnist = Datasets.load("mnist", dataDir);
    EpConfig cfg = EpConfig.preset("quick");
    cfg = new EpConfig("mnist", cfg.hidden(), cfg.activation(), cfg.dynamics(), "normal:mean=0.5,sd=0.1,min=0.05,max=1",
        cfg.epochs(), cfg.batchSize(), cfg.tFree(), cfg.tNudged(), cfg.beta(), cfg.randomBeta(), cfg.symmetric(),
        cfg.persistent(), cfg.lr(), cfg.optimizer(), cfg.momentum(), cfg.convergenceTol(), cfg.evalSteps(),
        10_000, 2_000, 1);
    EpTrainer.Result r = new EpTrainer(cfg, mnist, RunDir.create(tmp.resolve("mnist"))).train(false, new EpTrainer.Listener() {});
    assertEquals(EpTrainer.Status.FINISHED, r.status());
    assertTrue(r.testAccuracy() > 0.90, "test accuracy " + r.testAccuracy());
  }

  @Test
  void resumedRunEqualsUninterruptedRunBitForBit() throws Exception {
    EpConfig s = small("gamma:mean=0.5,k=4,max=1", 3, List.of(0.1, 0.05));
    EpConfig cfg = new EpConfig(s.dataset(), s.hidden(), s.activation(), s.dynamics(), s.tau(), s.epochs(), s.batchSize(),
        s.tFree(), s.tNudged(), s.beta(), s.randomBeta(), s.symmetric(), s.persistent(), s.lr(), s.optimizer(),
        s.momentum(), s.convergenceTol(), s.evalSteps(), s.trainLimit(), s.testLimit(), s.seed(), true); // keep particles
    RunDir straight = RunDir.create(tmp.resolve("straight"));
    new EpTrainer(cfg, synthetic(), straight).train(false, new EpTrainer.Listener() {});

    RunDir interrupted = RunDir.create(tmp.resolve("interrupted"));
    EpTrainer.Listener killAtEpoch2 = new EpTrainer.Listener() {
      @Override public void epochDone(Map<String, Object> row) {
        if ((int) row.get("epoch") == 2) throw new IllegalStateException("simulated kill");
      }
    };
    assertThrows(IllegalStateException.class, () -> new EpTrainer(cfg, synthetic(), interrupted).train(false, killAtEpoch2));
    // The kill came after epoch 2's metrics row but before its checkpoint: resume must redo epoch 2.
    assertEquals(1, ((Number) Checkpoint.load(interrupted.file(EpCheckpoint.FILE)).meta().get("epoch")).intValue());
    RunDir reopened = RunDir.open(interrupted.path());
    EpConfig stored = reopened.readJson("config.json", EpConfig.class);
    assertEquals(cfg, stored);
    new EpTrainer(stored, synthetic(), reopened).train(true, new EpTrainer.Listener() {});

    Checkpoint a = Checkpoint.load(straight.file(EpCheckpoint.FILE));
    Checkpoint b = Checkpoint.load(reopened.file(EpCheckpoint.FILE));
    for (String name : List.of("W1", "b1", "W2", "b2", "dt1", "particles_train_1", "particles_test_2")) {
      assertArrayEquals(a.floats(name), b.floats(name), name);
    }
    List<Map<String, String>> ra = EpTrainer.metricsRows(straight), rb = EpTrainer.metricsRows(reopened);
    assertEquals(3, rb.size());
    for (int i = 0; i < 3; i++) {
      for (String col : List.of("epoch", "train_acc", "train_loss", "test_acc", "w1_norm")) {
        assertEquals(ra.get(i).get(col), rb.get(i).get(col), col + " of epoch " + (i + 1));
      }
    }
  }

  @Test
  void divergingRunStopsCleanlyAndKeepsItsFiles() throws Exception {
    // States are clipped, so EP cannot blow up its states; the parameters can. A learning rate beyond
    // float32 range makes them non-finite at the first update, which the trainer must catch.
    EpConfig cfg = small("0.5", 5, List.of(1e39, 1e39));
    RunDir run = RunDir.create(tmp.resolve("diverge"));
    EpTrainer.Result r = new EpTrainer(cfg, synthetic(), run).train(false, new EpTrainer.Listener() {});
    assertEquals(EpTrainer.Status.DIVERGED, r.status());
    assertEquals(1, r.epochs());
    for (String f : List.of("config.json", "dt.txt", "metrics.csv", "summary.json")) assertTrue(Files.exists(run.file(f)), f);
    assertTrue(Files.readString(run.file("summary.json")).contains("\"diverged\""));
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
  }
}
