package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.text.TextCorpus;
import org.taunet.run.RunDir;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;

class ElmTrainerTest {
  @TempDir Path tmp;

  static ElmConfig cfg(ElmConfig.Model model, String task, int ke, int epochs, int batch, int checkpointEvery) {
    ElmConfig d = ElmConfig.defaults();
    return new ElmConfig(task, model, 1, ke, 0, 0, 0, d.version(), d.activation(), 1, 50, null, false, 3, 5, 0.5, 16, 1.0,
        0, 1, epochs, batch, 1e-2, 1.0, 20, 10, 0, 0, checkpointEvery, 0, 7);
  }

  @Test void smallElmLearnsDelayedCueWellAboveChance() throws Exception {
    DelayedCueTask task = new DelayedCueTask(30, 8, 256, 150, 1);
    ElmTrainer tr = new ElmTrainer(cfg(ElmConfig.Model.ELM, "fsdd", 8, 12, 16, 0), task, null, RunDir.create(tmp.resolve("r")));
    TrainLoop.Result r = tr.train(false, new TrainLoop.Listener() {});
    double acc = (double) r.summary().get("test_acc");
    assertEquals(TrainLoop.Status.FINISHED, r.status());
    assertTrue(acc >= 0.8, "test accuracy " + acc + " should be >= 0.8 (chance 0.33)");
  }

  @Test void leakyRnnBaselineLearnsDelayedCueAboveChance() throws Exception {
    DelayedCueTask task = new DelayedCueTask(30, 8, 256, 150, 1);
    ElmConfig c = cfg(ElmConfig.Model.LEAKY_RNN, "fsdd", 8, 12, 16, 0).with("hidden=16");
    ElmTrainer tr = new ElmTrainer(c, task, null, RunDir.create(tmp.resolve("rnn")));
    assertTrue(tr.model().describe().startsWith("leaky RNN: H=16"), tr.model().describe());
    TrainLoop.Result r = tr.train(false, new TrainLoop.Listener() {});
    double acc = (double) r.summary().get("test_acc");
    assertEquals(org.taunet.seq.LeakyRnn.paramCount(9, 16, 3), ((Number) r.summary().get("params")).longValue());
    assertTrue(acc >= 0.8, "test accuracy " + acc + " should be >= 0.8 (chance 0.33)");
  }

  @Test void resumedRunIsBitExact() throws Exception {
    DelayedCueTask task = new DelayedCueTask(12, 4, 64, 32, 2);
    ElmConfig c = cfg(ElmConfig.Model.ELM, "fsdd", 4, 3, 8, 3);
    ElmTrainer full = new ElmTrainer(c, task, null, RunDir.create(tmp.resolve("full")));
    full.train(false, new TrainLoop.Listener() {});
    // interrupted in epoch 2 after step 13 (last checkpoint at step 12), then resumed
    RunDir dir = RunDir.create(tmp.resolve("cut"));
    ElmTrainer first = new ElmTrainer(c, new DelayedCueTask(12, 4, 64, 32, 2), null, dir);
    int[] calls = {0};
    assertThrows(IllegalStateException.class, () -> first.train(false, new TrainLoop.Listener() {
      @Override public void step(long step, long stepInEpoch, Window running) {
        if (++calls[0] == 13) throw new IllegalStateException("interrupt");
      }
    }));
    ElmTrainer resumed = new ElmTrainer(c, new DelayedCueTask(12, 4, 64, 32, 2), null, RunDir.open(dir.path()));
    resumed.train(true, new TrainLoop.Listener() {});
    assertArrayEquals(full.model().params(), resumed.model().params());
    var a = RunDir.open(tmp.resolve("full")).metrics(TrainLoop.METRICS).rows();
    var b = dir.metrics(TrainLoop.METRICS).rows();
    assertEquals(3, b.size());
    for (int e = 0; e < 3; e++) {
      for (String key : new String[] {"epoch", "step", "train_loss", "train_acc", "valid_acc", "test_loss", "test_acc"}) {
        assertEquals(a.get(e).get(key), b.get(e).get(key), "epoch " + (e + 1) + " " + key);
      }
    }
  }

  @Test void lstmLearnsPeriodicTextBelowOneBitPerChar() throws Exception {
    byte[] text = new byte[12_000];
    SplittableRandom rng = new SplittableRandom(3);
    String[] words = {"the ", "cat ", "sat ", "on ", "mat "};
    for (int p = 0; p < text.length; ) {
      for (char ch : words[rng.nextInt(words.length)].toCharArray()) if (p < text.length) text[p++] = (byte) ch;
    }
    TextCorpus corpus = new TextCorpus("toy", java.util.Arrays.copyOf(text, 10_000),
        java.util.Arrays.copyOfRange(text, 10_000, 11_000), java.util.Arrays.copyOfRange(text, 11_000, 12_000), "toy");
    ElmConfig c = cfg(ElmConfig.Model.LSTM, "text", 4, 3, 8, 0);
    ElmTrainer tr = new ElmTrainer(c, null, corpus, RunDir.create(tmp.resolve("text")));
    TrainLoop.Result r = tr.train(false, new TrainLoop.Listener() {});
    double bpc = (double) r.summary().get("test_bpc");
    assertTrue(bpc < 1.5, "test bpc " + bpc + " (uniform over 256 bytes: 8; word-level entropy ~0.6 bpc)");
  }

  @Test void configRoundTripsThroughItsJsonFile() throws Exception {
    ElmConfig c = cfg(ElmConfig.Model.LSTM, "text", 4, 3, 8, 0);
    RunDir dir = RunDir.create(tmp.resolve("json"));
    dir.writeJson("config.json", c);
    assertEquals(c, dir.readJson("config.json", ElmConfig.class));
  }

  @Test void configRejectsBadValues() {
    assertThrows(IllegalArgumentException.class, () -> cfg(ElmConfig.Model.ELM, "mnist", 4, 1, 8, 0));
    assertThrows(IllegalArgumentException.class, () -> cfg(ElmConfig.Model.ELM, "fsdd", 0, 1, 8, 0));
    assertThrows(IllegalArgumentException.class, () -> cfg(ElmConfig.Model.ELM, "fsdd", 4, 0, 8, 0));
    ElmConfig d = ElmConfig.defaults();
    assertThrows(IllegalArgumentException.class, () -> new ElmConfig("fsdd", ElmConfig.Model.ELM, 1, 4, 3, 5, 0,
        d.version(), d.activation(), 1, 50, null, false, 3, 5, 0.5, 16, 1.0, 0, 1, 1, 8, 1e-2, 1, 20, 10, 0, 0, 0, 0, 7));
    var tree = org.taunet.run.ConfigTree.of(ElmConfig.class);
    var t = tree.tree(d);
    tree.assign(t, "tau=nonsense:1");
    org.taunet.run.UserError e = assertThrows(org.taunet.run.UserError.class, () -> tree.build(t));
    assertEquals("--tau", e.subject());
  }
}
