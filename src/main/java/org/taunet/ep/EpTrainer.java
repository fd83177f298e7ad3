package org.taunet.ep;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.taunet.data.Dataset;
import org.taunet.data.DatasetSplit;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;
import org.taunet.tau.TauSpec;

/**
 * Trains an EP network epoch by epoch into a run folder: config.json, dt.txt (per-neuron time
 * steps), metrics.csv (a row per epoch), checkpoint.bin (after every epoch) and summary.json, all
 * written atomically. A run resumed from its folder continues from the last checkpoint and gives the
 * same result, bit for bit, as an uninterrupted run with the same seed: every random stream is
 * derived from the master seed, the per-epoch ones from (seed, epoch).
 */
public final class EpTrainer {
  /** Progress callbacks (all optional). */
  public interface Listener {
    default void epochStart(int epoch, int batches) {}

    default void batchDone(int batches, EpLearner.Stats running) {}

    default void epochDone(Map<String, Object> row) {}
  }

  /** How a run ended. */
  public enum Status { FINISHED, DIVERGED }

  /** Final outcome of {@link #train}. */
  public record Result(Status status, int epochs, double testAccuracy, double bestTestAccuracy) {}

  static final String METRICS = "metrics.csv";
  /** How often (in minibatches) the parameters are checked for NaN/Inf within an epoch. */
  static final int DIVERGENCE_CHECK_BATCHES = 100;
  /** A finished run whose final training accuracy is below this multiple of chance has collapsed. */
  static final double COLLAPSE_FACTOR = 2.0;
  static final String SUMMARY = "summary.json";

  private final EpConfig cfg;
  private final RunDir run;
  private final Dataset train;
  private final Dataset test;
  private final String dataNote;
  private final Seeds seeds;

  public EpTrainer(EpConfig cfg, DatasetSplit split, RunDir run) {
    this.cfg = cfg;
    this.run = run;
    this.train = limit(split.train(), cfg.trainLimit());
    this.test = limit(split.test(), cfg.testLimit());
    this.dataNote = split.note();
    this.seeds = new Seeds(cfg.seed());
    EpMemory.check(cfg, cfg.layerSizes(train.dim(), train.numClasses()), train.n(), test.n());
  }

  /** The first {@code limit} examples of {@code data} (all of them if limit is 0 or larger than the set). */
  public static Dataset limit(Dataset data, int limit) {
    return limit > 0 && limit < data.n() ? data.head(limit) : data;
  }

  /** A new network from the config: Glorot weights from stream "init", time steps from stream "dt". */
  EpNetwork newNetwork() {
    int[] sizes = cfg.layerSizes(train.dim(), train.numClasses());
    return EpNetwork.create(sizes, cfg.activation(), cfg.dynamics(), TauSpec.parse(cfg.tau()),
        seeds.stream("init"), seeds.stream("dt"));
  }

  /**
   * Runs the remaining epochs. With {@code resume}, state comes from checkpoint.bin (if an epoch was
   * completed) and metrics rows after that epoch are dropped; otherwise a fresh network is written.
   */
  public Result train(boolean resume, Listener listener) throws IOException {
    EpCheckpoint.State st = resume && Files.exists(run.file(EpCheckpoint.FILE))
        ? EpCheckpoint.load(run.file(EpCheckpoint.FILE), cfg, train.n(), test.n())
        : fresh();
    if (cfg.persistent() && st.trainParticles() == null && st.epoch() < cfg.epochs()) {
      throw new IOException(run.file(EpCheckpoint.FILE) + ": the checkpoint of an unfinished run has no persistent "
          + "particles, so it cannot be resumed exactly; start a new run");
    }
    MetricsCsv metrics = run.metrics(METRICS);
    if (resume) metrics.truncateAfter("epoch", st.epoch());
    else {
      run.writeJson("config.json", cfg);
      run.writeFloats("dt.txt", st.learner().network().timeSteps());
    }
    EpLearner learner = st.learner();
    for (int epoch = st.epoch() + 1; epoch <= cfg.epochs(); epoch++) {
      Map<String, Object> row = runEpoch(epoch, learner, st.trainParticles(), st.testParticles(), listener);
      metrics.append(row);
      listener.epochDone(row);
      if (!learner.network().isFinite() || Double.isNaN((double) row.get("train_loss"))) {
        return finish(Status.DIVERGED, learner, metrics.rows());
      }
      EpCheckpoint.save(run.file(EpCheckpoint.FILE), epoch, learner, st.trainParticles(), st.testParticles());
    }
    Result done = finish(Status.FINISHED, learner, metrics.rows());
    if (st.trainParticles() != null && !cfg.keepParticles()) {
      // a finished run keeps weights, time steps and optimizer state; the particles only with --keep-particles
      EpCheckpoint.save(run.file(EpCheckpoint.FILE), cfg.epochs(), learner, null, null);
    }
    return done;
  }

  private EpCheckpoint.State fresh() {
    EpNetwork net = newNetwork();
    EpLearner learner = new EpLearner(cfg, net, EpLearner.newOptimizer(cfg, net));
    int[] sizes = net.sizes();
    return new EpCheckpoint.State(0, learner,
        cfg.persistent() ? new Particles(sizes, train.n()) : null,
        cfg.persistent() ? new Particles(sizes, test.n()) : null);
  }

  private Map<String, Object> runEpoch(int epoch, EpLearner learner, Particles trainP, Particles testP,
                                       Listener listener) {
    // 1. shuffle and beta signs from this epoch's streams, so resuming at any epoch is exact
    SplittableRandom shuffleRng = seeds.epochStream("shuffle", epoch);
    SplittableRandom signRng = seeds.epochStream("beta-sign", epoch);
    int[] order = Seeds.permutation(train.n(), shuffleRng);
    int batches = (order.length + cfg.batchSize() - 1) / cfg.batchSize();
    listener.epochStart(epoch, batches);
    // 2. one pass over the training set
    EpLearner.Stats stats = new EpLearner.Stats();
    long t0 = System.nanoTime();
    for (int bi = 0; bi < batches; bi++) {
      int from = bi * cfg.batchSize();
      learner.trainBatch(train, order, from, Math.min(cfg.batchSize(), order.length - from), trainP, signRng, stats);
      listener.batchDone(bi + 1, stats);
      if (bi % DIVERGENCE_CHECK_BATCHES == 0 && !learner.network().isFinite()) break; // diverged: stop the epoch now
    }
    double trainSeconds = (System.nanoTime() - t0) * 1e-9;
    // 3. test: the training protocol's free phase (particles if persistent, else a cold start)
    EpLearner.Stats testStats = learner.evaluate(test, testP, testP != null ? cfg.tFree() : cfg.evalSteps());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("epoch", epoch);
    row.put("train_acc", stats.accuracy());
    row.put("train_loss", stats.meanLoss());
    row.put("test_acc", testStats.accuracy());
    row.put("test_loss", testStats.meanLoss());
    row.put("nonconv_free", (double) stats.notConvergedFree / stats.examples);
    row.put("nonconv_nudged", (double) stats.notConvergedNudged / (stats.examples * (cfg.symmetric() ? 2 : 1)));
    row.put("test_nonconv", (double) testStats.notConvergedFree / testStats.examples);
    for (int l = 1; l <= cfg.weightLayers(); l++) row.put("w" + l + "_norm", learner.network().weightNorm(l));
    row.put("train_seconds", trainSeconds);
    row.put("samples_per_s", train.n() / trainSeconds);
    return row;
  }

  // summary.json from the metrics rows of every epoch so far (at least one)
  private Result finish(Status status, EpLearner learner, List<Map<String, String>> rows) throws IOException {
    double[] testAcc = column(rows, "test_acc");
    double[] trainAcc = column(rows, "train_acc");
    int epochs = rows.size();
    double last = testAcc[epochs - 1], best = maxIgnoringNaN(testAcc), finalTrain = trainAcc[epochs - 1];
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    summary.put("collapsed", status == Status.FINISHED && finalTrain < COLLAPSE_FACTOR / train.numClasses());
    summary.put("epochs", epochs);
    summary.put("test_acc", last);
    summary.put("best_test_acc", best);
    if (status == Status.FINISHED) {
      // A cold-start evaluation (zero state, evalSteps steps) that does not depend on particle history.
      summary.put("test_acc_cold_start", learner.evaluate(test, null, cfg.evalSteps()).accuracy());
    }
    summary.put("dataset", cfg.dataset());
    summary.put("train_examples", train.n());
    summary.put("test_examples", test.n());
    summary.put("data_note", dataNote);
    run.writeJson(SUMMARY, summary);
    return new Result(status, epochs, last, best);
  }

  /** The numeric column {@code name} of metrics rows. */
  static double[] column(List<Map<String, String>> rows, String name) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
  }

  /** The largest value that is not NaN; NaN if there is none. */
  static double maxIgnoringNaN(double[] values) {
    double best = Double.NaN;
    for (double v : values) if (!Double.isNaN(v)) best = Double.isNaN(best) ? v : Math.max(best, v);
    return best;
  }

  /** Epochs completed according to the metrics file (for reporting). */
  public static List<Map<String, String>> metricsRows(RunDir run) throws IOException {
    return run.metrics(METRICS).rows();
  }
}
