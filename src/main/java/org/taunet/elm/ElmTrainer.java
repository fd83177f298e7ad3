package org.taunet.elm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.data.seq.SequenceTask;
import org.taunet.data.seq.SequenceTask.Split;
import org.taunet.data.spikes.SpikeTasks;
import org.taunet.data.text.TextCorpora;
import org.taunet.data.text.TextCorpus;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;

/**
 * Trains an ELM network or LSTM into a run folder: config.json, metrics.csv (a row per epoch for classification,
 * per evaluation for text), checkpoint.bin (each epoch end / evaluation, or every checkpointEvery steps) and
 * summary.json, all atomic. Adam with global-norm clipping on softmax cross-entropy: last step for sequence
 * classification, every step for next-byte prediction (truncated BPTT with the state carried between segments).
 * A resumed run continues from the checkpoint and, up to a --minutes stop, reproduces an uninterrupted run bit for
 * bit: every random stream comes from the master seed, the per-epoch ones from (seed, epoch).
 */
public final class ElmTrainer {
  /** Progress callbacks (all optional). */
  public interface Listener {
    default void phase(String label, long total) {}

    default void progress(long done, String message) {}

    default void row(Map<String, Object> row) {}
  }

  /** How a run ended. */
  public enum Status { FINISHED, TIME_LIMIT, DIVERGED }

  /** Final outcome: test accuracy (classification) or test bits per character (text). */
  public record Result(Status status, long steps, Map<String, Object> summary) {}

  static final String METRICS = "metrics.csv", SUMMARY = "summary.json";

  final ElmConfig cfg;
  final RunDir run;
  final SequenceTask task;
  final TextCorpus corpus;
  final SeqModel model;
  final Adam adam;
  final Seeds seeds;
  final SparseInput input = new SparseInput();
  long startNanos;
  double priorSeconds;

  /** A trainer on a sequence task (corpus null) or a text corpus (task null). */
  public ElmTrainer(ElmConfig cfg, SequenceTask task, TextCorpus corpus, RunDir run) {
    if ((task == null) == (corpus == null)) throw new IllegalArgumentException("need exactly one of task and corpus");
    this.cfg = cfg;
    this.run = run;
    this.task = task;
    this.corpus = corpus;
    this.seeds = new Seeds(cfg.seed());
    int in = task != null ? task.channels() : TextCorpus.VOCAB, out = task != null ? task.numClasses() : TextCorpus.VOCAB;
    int steps = task != null ? task.steps() : cfg.segment();
    int batch = task != null ? Math.min(cfg.batchSize(), task.size(SequenceTask.Split.TRAIN)) : cfg.batchSize();
    ElmMemory.check(cfg, in, out, steps, batch, task != null ? (long) steps * batch * in : 2L * steps * batch * out);
    this.model = newModel(cfg, in, out, seeds);
    this.adam = new Adam(model.params().length);
  }

  /** Loads the task's data: SpikeTasks for spike tasks, TextCorpora (text = gcide) for the character tasks. */
  public static ElmTrainer load(ElmConfig cfg, Path dataDir, RunDir run) throws IOException {
    if (cfg.charLevel()) return new ElmTrainer(cfg, null, TextCorpora.load(cfg.task().equals("text") ? "gcide" : "enwik8", dataDir), run);
    return new ElmTrainer(cfg, SpikeTasks.create(cfg.task(), dataDir, cfg.binMs(), cfg.seed()), null, run);
  }

  /** The model of a config: weights from stream "init", ELM routing from "routing", tau_m from "tau". */
  public static SeqModel newModel(ElmConfig cfg, int inputs, int outputs, Seeds seeds) {
    return switch (cfg.model()) {
      case ELM -> new ElmNet(cfg.shape(inputs, outputs), seeds.stream("init"), seeds.stream("routing"), seeds.stream("tau"));
      case LSTM -> new Lstm(inputs, cfg.lstmHidden(inputs, outputs), outputs, seeds.stream("init"));
    };
  }

  public SeqModel model() {
    return model;
  }

  /** Runs the remaining training; with {@code resume}, from checkpoint.bin if one was written. */
  public Result train(boolean resume, Listener listener) throws IOException {
    ElmCheckpoint.Position pos = new ElmCheckpoint.Position(1, 0, 0, 0, 0, 0, 0, 0);
    MetricsCsv metrics = run.metrics(METRICS);
    if (resume && Files.exists(run.file(ElmCheckpoint.FILE))) {
      pos = ElmCheckpoint.load(run.file(ElmCheckpoint.FILE), model, adam);
      if (cfg.charLevel()) metrics.truncateAfter("step", pos.step());
      else metrics.truncateAfter("epoch", pos.epoch() - 1);
    } else if (!resume) {
      run.writeJson("config.json", cfg);
    }
    priorSeconds = pos.trainSeconds();
    startNanos = System.nanoTime();
    Loop loop = cfg.charLevel() ? new TextLoop(this, metrics, listener) : new TaskLoop(this, metrics, listener);
    Status status = loop.run(pos);
    Map<String, Object> summary = loop.finish(status);
    run.writeJson(SUMMARY, summary);
    return new Result(status, ((Number) summary.get("steps")).longValue(), summary);
  }

  /** Loads checkpoint.bin and evaluates it: valid/test accuracy (classification) or bits per character (text). */
  public Map<String, Object> evaluateCheckpoint() throws IOException {
    ElmCheckpoint.Position pos = ElmCheckpoint.load(run.file(ElmCheckpoint.FILE), model, adam);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("step", pos.step());
    out.put("model", model.describe());
    if (cfg.charLevel()) {
      TextLoop loop = new TextLoop(this, null, new Listener() {});
      out.put("valid_bpc", loop.bitsPerChar(corpus.valid()));
      out.put("test_bpc", loop.bitsPerChar(corpus.test()));
    } else {
      TaskLoop loop = new TaskLoop(this, null, new Listener() {});
      out.put("valid_acc", loop.evaluate(Split.VALID)[1]);
      out.put("test_acc", loop.evaluate(Split.TEST)[1]);
    }
    return out;
  }

  /** Training seconds so far, including those before a resume. */
  double trainSeconds() {
    return priorSeconds + (System.nanoTime() - startNanos) * 1e-9;
  }

  boolean outOfTime() {
    return cfg.minutes() > 0 && trainSeconds() >= 60 * cfg.minutes();
  }

  /**
   * One optimizer step on the batch in {@link #input}: forward from step {@code first}, cross-entropy against
   * {@code targets}, backward, clip, Adam. Returns {loss sum in nats, correct}.
   */
  double[] step(int first, int[] targets, float[] logits, float[] dLogits, boolean carry) {
    int rows = (input.steps() - first) * input.batch(), k = model.outputs();
    model.forward(input, first, logits, carry);
    double[] lc = CrossEntropy.loss(logits, targets, rows, k, dLogits);
    Arrays.fill(model.grads(), 0f);
    model.backward(dLogits);
    Adam.clip(model.grads(), cfg.gradClip());
    adam.step(model.params(), model.grads(), cfg.lr());
    return lc;
  }

  static boolean finite(float[] p) {
    for (float x : p) if (!Float.isFinite(x)) return false;
    return true;
  }

  /** The common summary fields. */
  Map<String, Object> summary(Status status, long steps) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    s.put("task", cfg.task());
    s.put("model", model.describe());
    s.put("params", model.params().length);
    s.put("steps", steps);
    s.put("train_seconds", trainSeconds());
    return s;
  }

  /** A training loop over one kind of data. */
  interface Loop {
    Status run(ElmCheckpoint.Position from) throws IOException;

    Map<String, Object> finish(Status status) throws IOException;
  }

  /** Sequence classification: an epoch is floor(train size / batch) minibatches; valid and test after each. */
  static final class TaskLoop implements Loop {
    private final ElmTrainer tr;
    private final MetricsCsv metrics;
    private final Listener listener;
    private final int b, t, k;
    private final float[] x, logits, dLogits;
    private final int[] labels;
    private long step;

    TaskLoop(ElmTrainer tr, MetricsCsv metrics, Listener listener) {
      this.tr = tr;
      this.metrics = metrics;
      this.listener = listener;
      SequenceTask task = tr.task;
      b = Math.min(tr.cfg.batchSize(), task.size(Split.TRAIN));
      t = task.steps();
      k = task.numClasses();
      x = new float[t * b * task.channels()];
      logits = new float[b * k];
      dLogits = new float[b * k];
      labels = new int[b];
    }

    @Override public Status run(ElmCheckpoint.Position pos) throws IOException {
      ElmConfig cfg = tr.cfg;
      SequenceTask task = tr.task;
      int perEpoch = task.size(Split.TRAIN) / b;
      step = pos.step();
      double lossSum = pos.lossSum(), correct = pos.correct(), count = pos.count();
      for (int epoch = pos.epoch(); epoch <= cfg.epochs(); epoch++) {
        // 1. this epoch's examples and order from (seed, epoch), so resuming mid-epoch is exact
        task.newEpoch(tr.seeds.epochStream("task", epoch));
        int[] order = Seeds.permutation(task.size(Split.TRAIN), tr.seeds.epochStream("shuffle", epoch));
        listener.phase("epoch " + epoch + "/" + cfg.epochs(), perEpoch);
        int startBatch = epoch == pos.epoch() ? pos.batchInEpoch() : 0;
        for (int bi = startBatch; bi < perEpoch; bi++) {
          task.fill(Split.TRAIN, Arrays.copyOfRange(order, bi * b, bi * b + b), x, labels);
          tr.input.setDense(x, t, b, task.channels());
          double[] lc = tr.step(t - 1, labels, logits, dLogits, false);
          lossSum += lc[0];
          correct += lc[1];
          count += b;
          step++;
          listener.progress(bi + 1, String.format("loss %.3f acc %.1f%%", lossSum / count, 100 * correct / count));
          if (!finite(tr.model.params())) return Status.DIVERGED;
          boolean timeUp = tr.outOfTime();
          if (bi + 1 < perEpoch && (timeUp || cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0)) {
            save(new ElmCheckpoint.Position(epoch, bi + 1, step, tr.trainSeconds(), lossSum, correct, count, 0));
          }
          if (timeUp && bi + 1 < perEpoch) return Status.TIME_LIMIT;
        }
        // 2. metrics row after the epoch
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", epoch);
        row.put("step", step);
        row.put("train_loss", lossSum / count);
        row.put("train_acc", correct / count);
        double[] valid = evaluate(Split.VALID), test = evaluate(Split.TEST);
        row.put("valid_loss", valid[0]);
        row.put("valid_acc", valid[1]);
        row.put("test_loss", test[0]);
        row.put("test_acc", test[1]);
        row.put("train_seconds", tr.trainSeconds());
        metrics.append(row);
        listener.row(row);
        lossSum = correct = count = 0;
        save(new ElmCheckpoint.Position(epoch + 1, 0, step, tr.trainSeconds(), 0, 0, 0, 0));
        if (tr.outOfTime() && epoch < cfg.epochs()) return Status.TIME_LIMIT;
      }
      return Status.FINISHED;
    }

    private void save(ElmCheckpoint.Position p) throws IOException {
      ElmCheckpoint.save(tr.run.file(ElmCheckpoint.FILE), p, tr.model, tr.adam);
    }

    /** {mean loss, accuracy} over a whole split, in batches of b in order (the last one smaller). */
    double[] evaluate(Split split) {
      SequenceTask task = tr.task;
      int n = task.size(split);
      double loss = 0, correct = 0;
      for (int from = 0; from < n; from += b) {
        int m = Math.min(b, n - from);
        int[] idx = new int[m];
        for (int q = 0; q < m; q++) idx[q] = from + q;
        float[] xs = m == b ? x : new float[t * m * task.channels()];
        int[] ys = m == b ? labels : new int[m];
        task.fill(split, idx, xs, ys);
        tr.input.setDense(xs, t, m, task.channels());
        tr.model.forward(tr.input, t - 1, logits, false);
        double[] lc = CrossEntropy.loss(logits, ys, m, k, null);
        loss += lc[0];
        correct += lc[1];
      }
      return new double[] {loss / n, correct / n};
    }

    @Override public Map<String, Object> finish(Status status) throws IOException {
      Map<String, Object> s = tr.summary(status, step);
      List<Map<String, String>> rows = metrics.rows();
      if (!rows.isEmpty()) {
        Map<String, String> last = rows.get(rows.size() - 1);
        for (String key : List.of("epoch", "train_acc", "valid_acc", "test_acc")) s.put(key, Double.parseDouble(last.get(key)));
        s.put("best_valid_acc", rows.stream().mapToDouble(r -> Double.parseDouble(r.get("valid_acc"))).max().orElse(Double.NaN));
      }
      s.put("chance", 1.0 / tr.task.numClasses());
      s.put("data_note", tr.task.note());
      return s;
    }
  }
}
