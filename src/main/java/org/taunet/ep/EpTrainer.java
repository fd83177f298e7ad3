package org.taunet.ep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.taunet.data.Dataset;
import org.taunet.data.DatasetSplit;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;
import org.taunet.train.CheckpointFile;
import org.taunet.train.LegacyMapping;
import org.taunet.train.LoopConfig;
import org.taunet.train.LoopState;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.RngStream;
import org.taunet.train.StateBundle;
import org.taunet.train.StateException;
import org.taunet.train.StateReader;
import org.taunet.train.StateWriter;
import org.taunet.train.Stateful;
import org.taunet.train.ExportLayout;
import org.taunet.train.WeightsImport;
import org.taunet.train.StepResult;
import org.taunet.train.TrainLoop;
import org.taunet.train.Trainable;
import org.taunet.train.Window;

/**
 * EP training as a {@link Trainable} of the shared {@link TrainLoop}: one step is one minibatch (free phase,
 * nudged phase(s), update, {@link EpLearner#trainBatch}), ceil(train / batch) steps per epoch, a metrics row and a
 * checkpoint at every epoch end, and more checkpoints by {@code checkpointEvery} and {@code checkpointMinutes}.
 * Files of the run folder: config.json and dt.txt (per-neuron time steps, written here on a fresh run), then the
 * loop's metrics.csv, checkpoint.bin and summary.json, and probe.csv (the relaxation probe, {@link EpProbe}: epoch 0
 * before training, then every epoch end).
 *
 * <p><b>Randomness.</b> Each epoch's shuffle comes from {@code epochStream("shuffle", epoch)}; the signs of beta
 * from the epoch's {@code "beta-sign"} stream, an {@link RngStream} that is part of the state, so a resume from a
 * checkpoint in the middle of an epoch draws the signs the uninterrupted run drew.
 *
 * <p><b>State</b>: {@code net/W<l>, net/b<l>, net/dt<l>}; {@code opt/...} ({@link org.taunet.train.Optimizer});
 * {@code rng/beta-sign/seed, gamma}; {@code ep/window/...} (the sums of the epoch so far: examples, correct, loss,
 * nonconv_free, nonconv_nudged, and prev_test_acc, the last row's test accuracy for the crash column; the loss sum
 * is the family's own so that train_loss is summed example by example);
 * with persistent particles {@code ep/particles/train/<l>} [train, n_l] and {@code ep/particles/test/<l>}
 * [test, n_l]. The final checkpoint of a finished run drops the particles unless {@code keepParticles}.
 */
public final class EpTrainer implements Trainable {
  /** The family name in checkpoints. */
  public static final String FAMILY = "ep";
  /** How often (in minibatches) the parameters are checked for NaN/Inf within an epoch. */
  static final int DIVERGENCE_CHECK_BATCHES = 100;

  private final EpConfig cfg;
  private final RunDir run;
  private final Dataset train;
  private final Dataset test;
  private final String dataNote;
  private final Seeds seeds;
  private final EpNetwork net;
  private final EpLearner learner;
  private final Particles trainP;
  private final Particles testP;
  private final EpProbe probe;
  private final double[] initialNorms;
  private RngStream signs;
  private int[] order;
  private int epoch = 1;
  private double prevTestAcc = Double.NaN;
  private EpLearner.Stats running = new EpLearner.Stats();

  /** A fresh network for {@code cfg} on the limited {@code split}, training into {@code run}. */
  public EpTrainer(EpConfig cfg, DatasetSplit split, RunDir run) {
    this.cfg = cfg;
    this.run = run;
    this.train = limit(split.train(), cfg.trainLimit());
    this.test = limit(split.test(), cfg.testLimit());
    this.dataNote = split.note();
    this.seeds = new Seeds(cfg.seed());
    int[] sizes = cfg.layerSizes(train.dim(), train.numClasses());
    EpMemory.check(cfg, sizes, train.n(), test.n());
    net = EpNetwork.create(sizes, cfg.activation(), cfg.dynamics(), cfg.tau(), seeds.stream("init"),
        seeds.stream("dt"));
    learner = new EpLearner(cfg, net, cfg.lrLikeDt() == null ? null
        : EpLearner.lrFactors(sizes, cfg.lrLikeDt(), seeds.stream("dt")));
    initialNorms = new double[sizes.length];
    for (int l = 1; l < sizes.length; l++) initialNorms[l] = net.weightNorm(l);
    probe = cfg.probeExamples() > 0 ? new EpProbe(net, test, cfg.probeExamples(),
        Math.max(cfg.tFree(), cfg.evalSteps()), seeds.stream("probe")) : null;
    trainP = cfg.persistent() ? new Particles(sizes, train.n()) : null;
    testP = cfg.persistent() ? new Particles(sizes, test.n()) : null;
    signs = signStream(1);
  }

  /** The first {@code limit} examples of {@code data} (all of them if limit is 0 or larger than the set). */
  public static Dataset limit(Dataset data, int limit) {
    return limit > 0 && limit < data.n() ? data.head(limit) : data;
  }

  /** The loop's schedule for {@code cfg}: its epochs, a row at each epoch end, its checkpoint cadences. */
  public static LoopConfig loopConfig(EpConfig cfg) {
    return LoopConfig.epochs(cfg.epochs()).withCheckpointEvery(cfg.checkpointEvery())
        .withCheckpointMinutes(cfg.checkpointMinutes());
  }

  /** Trains with the system clock, as {@link #train(boolean, TrainLoop.Listener, LongSupplier)}. */
  public TrainLoop.Result train(boolean resume, TrainLoop.Listener listener) throws IOException {
    return train(resume, listener, System::nanoTime);
  }

  /**
   * Runs the remaining steps with {@link TrainLoop}. Without {@code resume} (or without a checkpoint) it starts over
   * and first writes config.json and dt.txt.
   *
   * @param nanoClock the loop's clock (nanoseconds; tests inject one to place wall-clock checkpoints)
   */
  public TrainLoop.Result train(boolean resume, TrainLoop.Listener listener, LongSupplier nanoClock)
      throws IOException {
    if (cfg.initFrom() != null && !(resume && java.nio.file.Files.exists(run.file(TrainLoop.CHECKPOINT)))) {
      initFrom(Path.of(cfg.initFrom()));
    }
    if (!resume) {
      run.writeJson("config.json", cfg);
      run.writeFloats("dt.txt", net.timeSteps());
      if (probe != null) EpFailures.writeProbe(run, 0, probe.run());
    } else {
      addStepColumn();
    }
    return new TrainLoop(this, loopConfig(cfg), run, nanoClock).run(resume, listener);
  }

  /**
   * A run started before the shared core has metrics.csv rows without the loop's {@code step} column: this adds it in
   * front (epoch x steps per epoch, rows being written at epoch ends), so the loop can resume the table.
   */
  private void addStepColumn() throws IOException {
    if (!run.exists(TrainLoop.METRICS)) return;
    MetricsCsv metrics = run.metrics(TrainLoop.METRICS);
    List<String> columns = metrics.columns();
    if (columns.isEmpty() || columns.contains("step") || !columns.contains("epoch")) return;
    StringBuilder csv = new StringBuilder("step,").append(String.join(",", columns)).append('\n');
    for (Map<String, String> row : metrics.rows()) {
      csv.append(Long.parseLong(row.get("epoch")) * stepsPerEpoch());
      for (String c : columns) csv.append(',').append(row.get(c));
      csv.append('\n');
    }
    run.writeString(TrainLoop.METRICS, csv.toString());
  }

  private RngStream signStream(int epoch) {
    return RngStream.splitFrom(seeds.epochSeed("beta-sign", epoch));
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public long stepsPerEpoch() {
    return (train.n() + cfg.batchSize() - 1) / cfg.batchSize();
  }

  @Override
  public void startEpoch(int epoch) {
    this.epoch = epoch;
    order = Seeds.permutation(train.n(), seeds.epochStream("shuffle", epoch));
    signs = signStream(epoch);
  }

  @Override
  public StepResult step(int epoch, long stepInEpoch, long step) {
    int from = Math.toIntExact(stepInEpoch * cfg.batchSize());
    long examples = running.examples, correct = running.correct;
    double loss = running.loss;
    double norm = learner.trainBatch(train, order, from, Math.min(cfg.batchSize(), train.n() - from), trainP, signs,
        running);
    loss = running.loss - loss;
    if (stepInEpoch % DIVERGENCE_CHECK_BATCHES == 0 && !net.isFinite()) loss = Double.NaN; // diverged: stop now
    return StepResult.of(loss, running.correct - correct, running.examples - examples, norm);
  }

  /**
   * The epoch's row: train_acc, train_loss, test_acc, test_loss, nonconv_free, nonconv_nudged, test_nonconv,
   * w&lt;l&gt;_norm, and the failure columns ({@link EpFailures}): diverged, collapsed, crash, w&lt;l&gt;_growth; with
   * the probe on, probe_ds (its last step's mean |ds|) and the epoch's rows of probe.csv. The test set is evaluated
   * with the training protocol's free phase (from its particles if persistent, else from zero with evalSteps steps).
   */
  @Override
  public Map<String, Object> evaluate(Window window) {
    EpLearner.Stats stats = running;
    EpLearner.Stats testStats = learner.evaluate(test, testP, testP != null ? cfg.tFree() : cfg.evalSteps());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("train_acc", stats.accuracy());
    row.put("train_loss", stats.meanLoss());
    row.put("test_acc", testStats.accuracy());
    row.put("test_loss", testStats.meanLoss());
    row.put("nonconv_free", (double) stats.notConvergedFree / stats.examples);
    row.put("nonconv_nudged", (double) stats.notConvergedNudged / (stats.examples * (cfg.symmetric() ? 2 : 1)));
    row.put("test_nonconv", (double) testStats.notConvergedFree / testStats.examples);
    for (int l = 1; l <= cfg.weightLayers(); l++) row.put("w" + l + "_norm", net.weightNorm(l));
    row.put("diverged", net.isFinite() ? 0 : 1);
    row.put("collapsed", stats.accuracy() >= loopConfig(cfg).collapseFactor() * chance() ? 0 : 1);
    row.put("crash", EpFailures.crash(prevTestAcc, testStats.accuracy()));
    for (int l = 1; l <= cfg.weightLayers(); l++) row.put("w" + l + "_growth", net.weightNorm(l) / initialNorms[l]);
    if (probe != null) {
      double[][] trace = probe.run();
      row.put("probe_ds", trace[trace.length - 1][1]);
      try {
        EpFailures.writeProbe(run, epoch, trace);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    prevTestAcc = testStats.accuracy();
    running = new EpLearner.Stats();
    return row;
  }

  @Override
  public Stateful state() {
    return stateWith(true);
  }

  @Override
  public Stateful finalState() {
    return stateWith(cfg.keepParticles());
  }

  private Stateful stateWith(boolean particles) {
    boolean p = particles && trainP != null;
    return new Stateful() {
      @Override
      public void exportState(StateWriter out) {
        net.exportState(out.writeScope("net"));
        learner.optimizer().exportState(out.writeScope("opt"));
        signs.exportState(out.writeScope("rng/beta-sign"));
        StateWriter w = out.writeScope("ep/window");
        w.writeLong("examples", running.examples);
        w.writeLong("correct", running.correct);
        w.writeDouble("loss", running.loss);
        w.writeLong("nonconv_free", running.notConvergedFree);
        w.writeLong("nonconv_nudged", running.notConvergedNudged);
        w.writeDouble("prev_test_acc", prevTestAcc);
        if (p) {
          trainP.exportState(out.writeScope("ep/particles/train"));
          testP.exportState(out.writeScope("ep/particles/test"));
        }
      }

      @Override
      public void importState(StateReader in) {
        net.importState(in.readScope("net"));
        learner.optimizer().importState(in.readScope("opt"));
        signs.importState(in.readScope("rng/beta-sign"));
        StateReader w = in.readScope("ep/window");
        EpLearner.Stats s = new EpLearner.Stats();
        s.examples = w.readLong("examples");
        s.correct = w.readLong("correct");
        s.loss = w.readDouble("loss");
        s.notConvergedFree = w.readLong("nonconv_free");
        s.notConvergedNudged = w.readLong("nonconv_nudged");
        running = s;
        prevTestAcc = w.has("prev_test_acc") ? w.readDouble("prev_test_acc") : Double.NaN; // absent before issue 12
        if (p) {
          trainP.importState(in.readScope("ep/particles/train"));
          testP.importState(in.readScope("ep/particles/test"));
        }
      }
    };
  }

  @Override
  public boolean isFinite() {
    return net.isFinite();
  }

  @Override
  public double chance() {
    return 1.0 / train.numClasses();
  }

  /**
   * test_acc and best_test_acc (last and best row), test_acc_cold_start (finished runs: zero state, evalSteps
   * steps, independent of the particles), dataset, train_examples, test_examples, data_note, diverged and the run's
   * failure fields ({@link EpFailures#summary}).
   */
  @Override
  public Map<String, Object> summary(TrainLoop.Status status, List<Map<String, String>> rows) {
    double[] testAcc = MetricsCsv.column(rows, "test_acc");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("test_acc", testAcc.length == 0 ? Double.NaN : testAcc[testAcc.length - 1]);
    s.put("best_test_acc", maxIgnoringNaN(testAcc));
    if (status == TrainLoop.Status.FINISHED) {
      s.put("test_acc_cold_start", learner.evaluate(test, null, cfg.evalSteps()).accuracy());
    }
    s.put("dataset", cfg.dataset());
    s.put("train_examples", train.n());
    s.put("test_examples", test.n());
    s.put("data_note", dataNote);
    s.put("diverged", status == TrainLoop.Status.DIVERGED);
    s.putAll(EpFailures.summary(rows, chance()));
    return s;
  }

  /**
   * Reads checkpoints written before the shared core (EpCheckpoint: {@code W<l>, b<l>, dt<l>, opt_m<i>, opt_v<i>,
   * particles_train_<l>, particles_test_<l>}, meta epoch and opt_t, after a completed epoch), as documented in
   * {@link LegacyMapping}. The epoch's window sums are zero and the sign stream is the next epoch's.
   */
  @Override
  public LegacyMapping legacy() {
    return (old, out) -> {
      int[] sizes = net.sizes;
      for (int l = 1; l < sizes.length; l++) {
        LegacyMapping.tensor(old, "W" + l, out, "net/W" + l, sizes[l - 1], sizes[l]);
        LegacyMapping.tensor(old, "b" + l, out, "net/b" + l, sizes[l]);
        LegacyMapping.tensor(old, "dt" + l, out, "net/dt" + l, sizes[l]);
        if (old.has("particles_train_" + l)) {
          LegacyMapping.tensor(old, "particles_train_" + l, out, "ep/particles/train/" + l, train.n(), sizes[l]);
          LegacyMapping.tensor(old, "particles_test_" + l, out, "ep/particles/test/" + l, test.n(), sizes[l]);
        }
      }
      var params = learner.optimizer().params();
      if (cfg.optimizer() == OptimizerSpec.Kind.MOMENTUM) {
        LegacyMapping.optimizerSlots(old, out, "opt_m", params, "velocity");
      } else if (cfg.optimizer() != OptimizerSpec.Kind.SGD) {
        LegacyMapping.optimizerSlots(old, out, "opt_m", params, "m");
        LegacyMapping.optimizerSlots(old, out, "opt_v", params, "v");
      }
      LegacyMapping.optimizerStep(old, out, "opt_t");
      long epoch = LegacyMapping.metaLong(old, "epoch");
      if (epoch < 0 || epoch > cfg.epochs()) throw new IOException(old.file() + ": legacy checkpoint at epoch " + epoch
          + ", but the run has " + cfg.epochs() + " epochs");
      signStream((int) epoch + 1).exportState(out.writeScope("rng/beta-sign"));
      StateWriter w = out.writeScope("ep/window");
      for (String k : List.of("examples", "correct", "nonconv_free", "nonconv_nudged")) w.writeLong(k, 0);
      w.writeDouble("loss", 0);
      w.writeDouble("prev_test_acc", Double.NaN);
      LoopState.at((int) epoch + 1, 0, epoch * stepsPerEpoch(), 0).exportState(out.writeScope("loop"));
    };
  }

  /**
   * Loads the network tensors of an export ({@link WeightsImport}: {@code W1}, {@code b1}, {@code dt1}, ... as
   * {@code taunet export} names them) into the network, and takes its weight norms as the initial ones
   * ({@code --init-from}, {@code ep eval --init-from}).
   *
   * @throws IOException if the file cannot be read; a UserError naming the tensor if it does not fit
   */
  public void initFrom(Path file) throws IOException {
    WeightsImport.load(file, WeightsImport.scoped("net", net), ExportLayout.IDENTITY);
    for (int l = 1; l < initialNorms.length; l++) initialNorms[l] = net.weightNorm(l);
  }

  /** What {@link #loadForEvaluation} restored: epochs completed, steps into the next one, test particles found. */
  public record Loaded(long epochs, long stepInEpoch, boolean testParticles) {}

  /**
   * Loads the run's checkpoint (current or legacy) into this trainer's network, and its test particles when the file
   * has them (an unfinished run, or one kept with --keep-particles), for {@code taunet ep eval}.
   *
   * @throws IOException naming the file if it is missing, invalid or does not fit this configuration
   */
  public Loaded loadForEvaluation() throws IOException {
    Path file = run.file(TrainLoop.CHECKPOINT);
    StateBundle b = CheckpointFile.read(file, FAMILY, legacy());
    try {
      net.importState(b.readScope("net"));
      boolean particles = testP != null && b.has("ep/particles/test/1");
      if (particles) testP.importState(b.readScope("ep/particles/test"));
      long step = b.readLong("loop/step");
      return new Loaded(step / stepsPerEpoch(), b.readLong("loop/step_in_epoch"), particles);
    } catch (StateException e) {
      throw new IOException(file + ": invalid checkpoint: does not fit this run: " + e.getMessage(), e);
    }
  }

  /** The network's learner (network, optimizer, evaluation). */
  public EpLearner learner() {
    return learner;
  }

  /** The (limited) test set. */
  public Dataset testSet() {
    return test;
  }

  /** The persistent test particles, or null without persistent particles. */
  public Particles testParticles() {
    return testP;
  }

  /** The largest value that is not NaN; NaN if there is none. */
  static double maxIgnoringNaN(double[] values) {
    double best = Double.NaN;
    for (double v : values) if (!Double.isNaN(v)) best = Double.isNaN(best) ? v : Math.max(best, v);
    return best;
  }

  /** The metrics rows of a run folder (one per completed epoch). */
  public static List<Map<String, String>> metricsRows(RunDir run) throws IOException {
    return run.metrics(TrainLoop.METRICS).rows();
  }
}
