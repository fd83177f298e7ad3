package org.taunet.elm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.taunet.data.seq.SequenceTask;
import org.taunet.data.seq.SequenceTask.Split;
import org.taunet.data.spikes.SpikeTasks;
import org.taunet.data.text.CharBatches;
import org.taunet.data.text.TextCorpora;
import org.taunet.data.text.TextCorpus;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;
import org.taunet.seq.LeakyRnn;
import org.taunet.seq.Lstm;
import org.taunet.seq.SeqModel;
import org.taunet.seq.SeqTraining;
import org.taunet.seq.TextLm;
import org.taunet.tau.LogSpacedTau;
import org.taunet.train.CheckpointFile;
import org.taunet.train.LoopConfig;
import org.taunet.train.Optimizer;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.StateBundle;
import org.taunet.train.TrainLoop;
import org.taunet.train.WeightsImport;
import org.taunet.train.Trainable;

/**
 * Sets up an ELM network or LSTM run for the shared {@link TrainLoop}: the model (weights from the seed), Adam with
 * global-norm clipping ({@link #optimizerSpec}) and the trainable of the task, sequence classification
 * ({@link ElmClassification}, a metrics row and checkpoint per epoch) or next-byte prediction ({@link TextLm}, truncated
 * BPTT with the state carried between segments, a row and checkpoint every evalEvery steps). The loop writes
 * metrics.csv, checkpoint.bin (also every checkpointEvery steps and checkpointMinutes minutes) and summary.json; a
 * resumed run reproduces the uninterrupted one bit for bit, up to a --minutes stop.
 */
public final class ElmTrainer {
  /** The family name in checkpoints. */
  public static final String FAMILY = "elm";

  private final ElmConfig cfg;
  private final RunDir run;
  private final TextCorpus corpus;
  private final SeqModel model;
  private final SequenceTask task;
  private final Trainable trainable;

  /** A trainer on a sequence task (corpus null) or a text corpus (task null). */
  public ElmTrainer(ElmConfig cfg, SequenceTask task, TextCorpus corpus, RunDir run) {
    if ((task == null) == (corpus == null)) throw new IllegalArgumentException("need exactly one of task and corpus");
    this.cfg = cfg;
    this.run = run;
    this.corpus = corpus;
    this.task = task;
    Seeds seeds = new Seeds(cfg.seed());
    int in = task != null ? task.channels() : TextCorpus.VOCAB, out = task != null ? task.numClasses() : TextCorpus.VOCAB;
    int steps = task != null ? task.steps() : cfg.segment();
    int batch = task != null ? Math.min(cfg.batchSize(), task.size(Split.TRAIN)) : cfg.batchSize();
    ElmMemory.check(cfg, in, out, steps, batch, task != null ? (long) steps * batch * in : 2L * steps * batch * out);
    model = newModel(cfg, in, out, seeds);
    Optimizer opt = SeqTraining.optimizer(model, optimizerSpec(cfg));
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("task", cfg.task());
    head.put("model", model.describe());
    head.put("params", model.params().length);
    if (task != null) {
      long perEpoch = task.size(Split.TRAIN) / batch;
      trainable = new ElmClassification(model, opt, task, cfg.batchSize(), seeds, head,
          ElmLegacy.mapping(false, perEpoch, batch));
    } else {
      long perPass = new CharBatches(corpus.train(), batch, cfg.segment()).segmentsPerPass();
      trainable = new TextLm(FAMILY, model, opt, corpus, batch, cfg.segment(), cfg.evalBytes(), head,
          ElmLegacy.mapping(true, perPass, (long) batch * cfg.segment()));
    }
  }

  /** Loads the task's data: SpikeTasks for spike tasks, TextCorpora (text = gcide) for the character tasks. */
  public static ElmTrainer load(ElmConfig cfg, Path dataDir, RunDir run) throws IOException {
    if (cfg.charLevel()) return new ElmTrainer(cfg, null, TextCorpora.load(cfg.task().equals("text") ? "gcide" : "enwik8", dataDir), run);
    return new ElmTrainer(cfg, SpikeTasks.create(cfg.task(), dataDir, cfg.binMs(), cfg.seed()), null, run);
  }

  /**
   * The model of a config: weights from stream "init", ELM routing from "routing", tau_m (ELM) and tau_i (leaky RNN)
   * from "tau".
   */
  public static SeqModel newModel(ElmConfig cfg, int inputs, int outputs, Seeds seeds) {
    return switch (cfg.model()) {
      case ELM -> new ElmNet(cfg.shape(inputs, outputs), seeds.stream("init"), seeds.stream("routing"), seeds.stream("tau"));
      case LSTM -> new Lstm(inputs, cfg.baselineHidden(inputs, outputs), outputs, cfg.forgetBias(), seeds.stream("init"));
      case LEAKY_RNN -> {
        int h = cfg.baselineHidden(inputs, outputs);
        yield new LeakyRnn(inputs, h, outputs, leakyTaus(cfg, h, seeds.stream("tau")), cfg.dt(), seeds.stream("init"));
      }
    };
  }

  /** tau_i of the leaky RNN's h units: log-spaced over [tau-min, tau-max], or drawn from --tau clamped into them. */
  static double[] leakyTaus(ElmConfig cfg, int h, SplittableRandom rng) {
    float[] t = cfg.tau() == null ? new LogSpacedTau(cfg.tauMin(), cfg.tauMax()).grid(h) : cfg.tau().sample(h, rng);
    double[] out = new double[h];
    for (int i = 0; i < h; i++) out[i] = Math.min(cfg.tauMax(), Math.max(cfg.tauMin(), t[i]));
    return out;
  }

  /**
   * The optimizer of a config: Adam (beta1 0.9, beta2 0.999, eps 1e-8) with learning rate {@code --lr} and global
   * gradient-norm clipping at {@code --grad-clip}; a non-finite gradient is applied (the run then ends as diverged),
   * as the former {@code elm.Adam} did.
   */
  public static OptimizerSpec optimizerSpec(ElmConfig cfg) {
    OptimizerSpec d = OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM);
    return new OptimizerSpec(d.kind(), cfg.lr(), 0, false, d.beta1(), d.beta2(), d.eps(), 0, cfg.gradClip(),
        Optimizer.NonFinite.APPLY);
  }

  /**
   * The loop's schedule: {@code --epochs}, capped at {@code --max-steps}; classification a row and checkpoint per
   * epoch, text one every {@code --eval-every} steps (and after the last); extra checkpoints every
   * {@code --checkpoint-every} steps and {@code --checkpoint-minutes} minutes; the time limit {@code --minutes} counts
   * training time before a resume too.
   */
  public LoopConfig loopConfig() {
    LoopConfig c = LoopConfig.epochs(cfg.epochs());
    if (cfg.charLevel()) c = c.withEvalAtEpochEnd(false).withEvalEvery(cfg.evalEvery());
    return c.withSteps(cfg.maxSteps()).withCheckpointEvery(cfg.checkpointEvery())
        .withCheckpointMinutes(cfg.checkpointMinutes()).withMinutes(cfg.minutes());
  }

  /** The network or LSTM being trained. */
  public SeqModel model() {
    return model;
  }

  /** The sequence classification task, or null for a text corpus. */
  public SequenceTask task() {
    return task;
  }

  /** The trainable the loop runs ({@link ElmClassification} or {@link TextLm}). */
  public Trainable trainable() {
    return trainable;
  }

  /** Runs the remaining training; with {@code resume}, from checkpoint.bin if one was written. */
  public TrainLoop.Result train(boolean resume, TrainLoop.Listener listener) throws IOException {
    return train(resume, listener, System::nanoTime);
  }

  /** As {@link #train(boolean, TrainLoop.Listener)} with the loop's seconds from {@code nanoClock}. */
  public TrainLoop.Result train(boolean resume, TrainLoop.Listener listener, LongSupplier nanoClock) throws IOException {
    if (cfg.initFrom() != null && !(resume && java.nio.file.Files.exists(run.file(TrainLoop.CHECKPOINT)))) {
      initFrom(Path.of(cfg.initFrom()));
    }
    if (!resume) run.writeJson("config.json", cfg);
    else ElmLegacy.migrateMetrics(run.file(TrainLoop.METRICS), trainable.throughputColumn());
    return new TrainLoop(trainable, loopConfig(), run, nanoClock).run(resume, listener);
  }

  /** The exported tensor names of this run's model ({@link ElmTensors}). */
  public ElmTensors exportLayout() {
    return ElmTensors.of(model);
  }

  /**
   * Loads the network tensors of an export ({@link WeightsImport}, names as {@link ElmTensors}) into the model
   * ({@code --init-from}, {@code elm eval --init-from}).
   *
   * @throws IOException if the file cannot be read; a UserError naming the tensor if it does not fit
   */
  public void initFrom(Path file) throws IOException {
    WeightsImport.load(file, trainable.state(), exportLayout());
  }

  /** Evaluates the model as it is: valid/test accuracy (classification) or bits per character (text). */
  public Map<String, Object> evaluateModel() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.describe());
    if (trainable instanceof TextLm text) {
      out.put("valid_bpc", text.bitsPerChar(corpus.valid()));
      out.put("test_bpc", text.bitsPerChar(corpus.test()));
    } else {
      ElmClassification cls = (ElmClassification) trainable;
      out.put("valid_acc", cls.evaluate(Split.VALID)[1]);
      out.put("test_acc", cls.evaluate(Split.TEST)[1]);
    }
    return out;
  }

  /** Loads checkpoint.bin and evaluates it: valid/test accuracy (classification) or bits per character (text). */
  public Map<String, Object> evaluateCheckpoint() throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("step", loadCheckpoint());
    out.putAll(evaluateModel());
    return out;
  }

  /**
   * Loads checkpoint.bin into the model (and the optimizer and data position).
   *
   * @return the steps the checkpoint had done
   * @throws IOException naming the file if it is missing, invalid or does not fit this configuration
   */
  public long loadCheckpoint() throws IOException {
    Path file = run.file(TrainLoop.CHECKPOINT);
    StateBundle state = CheckpointFile.read(file, FAMILY, trainable.legacy());
    try {
      trainable.state().importState(state);
    } catch (org.taunet.train.StateException e) {
      throw new IOException(file + ": invalid checkpoint: does not fit this run: " + e.getMessage(), e);
    }
    return state.has("loop/step") ? state.readLong("loop/step") : 0L;
  }

}
