package org.taunet.rnn;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;
import org.taunet.tasks.Task;
import org.taunet.tasks.Tasks;
import org.taunet.tasks.TrialBatch;

/**
 * Trains a multi-tau RNN on a task into a run folder: config.json, tau.txt (initial intrinsic taus, s), metrics.csv
 * (a row per evaluation: iteration 0 and every evalEvery iterations), checkpoint.bin (after every evaluation),
 * summary.json and timescales.csv (per unit, at the end; see {@link RnnSummary}), all written atomically. A resumed
 * run continues from the last checkpoint and gives the same parameters and metrics, bit for bit, as an uninterrupted
 * run: minibatch trials come from {@code epochStream("batch", iteration)} and noise from
 * {@code epochStream("noise", iteration)}, so nothing depends on where a run was interrupted.
 */
public final class RnnTrainer {
  /** Progress callbacks (all optional). */
  public interface Listener {
    default void start(int fromIteration, int iterations) {}

    default void iteration(int iteration, double loss, double accuracy) {}

    default void evaluated(Map<String, Object> row) {}
  }

  /** How a run ended. */
  public enum Status { FINISHED, DIVERGED }

  /** Outcome of {@link #train}. */
  public record Result(Status status, int iterations, double evalAccuracy, int stepsToCriterion) {}

  public static final String METRICS = "metrics.csv";
  public static final String TAU = "tau.txt";

  private final RnnConfig cfg;
  private final RunDir run;
  private final Seeds seeds;
  private final Task task;

  public RnnTrainer(RnnConfig cfg, RunDir run) {
    this.cfg = cfg;
    this.run = run;
    this.seeds = new Seeds(cfg.seed());
    this.task = Tasks.create(cfg.task(), cfg.dtMs());
  }

  /** The task of this run. */
  public Task task() {
    return task;
  }

  /** A fresh network from the config: weights from stream "init", taus from stream "tau". */
  public static RnnNetwork newNetwork(RnnConfig cfg, Task task) {
    RnnMemory.check(cfg, task);
    Seeds s = new Seeds(cfg.seed());
    return RnnNetwork.create(cfg, task.nIn(), task.nOut(), TauConditions.distribution(cfg.tau()), s.stream("init"),
        s.stream("tau"));
  }

  /** Runs the remaining iterations (from checkpoint.bin with {@code resume}, else from a fresh network). */
  public Result train(boolean resume, Listener listener) throws IOException {
    RnnNetwork fresh = newNetwork(cfg, task);
    RnnCheckpoint.State st = resume && Files.exists(run.file(RnnCheckpoint.FILE))
        ? RnnCheckpoint.load(run.file(RnnCheckpoint.FILE), fresh)
        : new RnnCheckpoint.State(0, fresh.copy(), fresh, new Adam(fresh.params()));
    MetricsCsv metrics = run.metrics(METRICS);
    RnnNetwork net = st.net();
    Bptt bptt = new Bptt(net, task.maxSteps(), cfg.batchSize());
    List<TrialBatch> evalSet = evaluationSet();
    if (resume) {
      metrics.truncateAfter("iteration", st.iteration());
    } else {
      run.writeJson("config.json", cfg);
      run.writeFloats(TAU, fresh.tau);
    }
    if (metrics.rows().isEmpty()) metrics.append(row(0, Double.NaN, Double.NaN, Double.NaN, 0, evaluate(bptt, evalSet, cfg.loss())));
    listener.start(st.iteration(), cfg.iterations());
    TrialBatch batch = TrialBatch.of(task, cfg.batchSize());
    float[][] grads = Bptt.newGradients(net);
    double lossSum = 0, accSum = 0, norm = 0;
    int window = 0;
    long t0 = System.nanoTime();
    for (int it = st.iteration() + 1; it <= cfg.iterations(); it++) {
      // 1. one minibatch of fresh trials: forward, masked loss, BPTT, clipped Adam step
      batch.fill(task, seeds.epochStream("batch", it));
      bptt.forward(batch.u, cfg.noise(), cfg.noise() > 0 ? seeds.epochStream("noise", it) : null);
      Bptt.Result res = bptt.loss(cfg.loss(), batch.target, batch.mask, batch.label, batch.readStep);
      bptt.backward(grads, cfg.truncation());
      norm = st.adam().step(net.params(), grads, cfg.lr(), cfg.gradClip());
      if (net.theta != null) net.refreshFactors();
      lossSum += res.loss();
      accSum += res.accuracy();
      window++;
      listener.iteration(it, res.loss(), res.accuracy());
      // 2. evaluation, metrics row and checkpoint every evalEvery iterations and at the end
      if (it % cfg.evalEvery() == 0 || it == cfg.iterations()) {
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> r = row(it, lossSum / window, accSum / window, norm, window * cfg.batchSize() / seconds,
            evaluate(bptt, evalSet, cfg.loss()));
        metrics.append(r);
        listener.evaluated(r);
        if (!net.isFinite() || !Double.isFinite((double) r.get("train_loss"))) {
          return RnnSummary.write(run, cfg, task, st.initial(), net, metrics.rows(), Status.DIVERGED, seeds);
        }
        RnnCheckpoint.save(run.file(RnnCheckpoint.FILE), new RnnCheckpoint.State(it, net, st.initial(), st.adam()));
        lossSum = accSum = 0;
        window = 0;
        t0 = System.nanoTime();
      }
    }
    return RnnSummary.write(run, cfg, task, st.initial(), net, metrics.rows(), Status.FINISHED, seeds);
  }

  /** The fixed evaluation trials (stream "eval"), in whole batches of batchSize. */
  List<TrialBatch> evaluationSet() {
    return batches(task, cfg.batchSize(), cfg.evalTrials(), seeds.stream("eval"));
  }

  /** Whole minibatches of {@code batch} trials, at least {@code trials} in all, drawn from {@code rng}. */
  static List<TrialBatch> batches(Task task, int batch, int trials, SplittableRandom rng) {
    List<TrialBatch> out = new ArrayList<>();
    for (int done = 0; done < trials; done += batch) {
      TrialBatch b = TrialBatch.of(task, batch);
      b.fill(task, rng);
      out.add(b);
    }
    return out;
  }

  /** Loss and accuracy on the evaluation set, noise-free: {loss, accuracy}. */
  static double[] evaluate(Bptt bptt, List<TrialBatch> set, Loss kind) {
    double loss = 0;
    int correct = 0, trials = 0;
    for (TrialBatch b : set) {
      bptt.forward(b.u, 0, null);
      Bptt.Result r = bptt.loss(kind, b.target, b.mask, b.label, b.readStep);
      loss += r.loss();
      correct += r.correct();
      trials += r.trials();
    }
    return new double[] {loss / set.size(), (double) correct / trials};
  }

  /**
   * {loss, accuracy} of {@code net} on fresh trials of {@code task} from {@code rng}, noise-free: {@code trials}
   * rounded up to whole minibatches of the run's batch size.
   */
  public static double[] evaluateFresh(RnnNetwork net, Task task, RnnConfig cfg, int trials, SplittableRandom rng) {
    return evaluate(new Bptt(net, task.maxSteps(), cfg.batchSize()), batches(task, cfg.batchSize(), trials, rng),
        cfg.loss());
  }

  private Map<String, Object> row(int it, double trainLoss, double trainAcc, double gradNorm, double trialsPerS,
                                  double[] eval) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("iteration", it);
    r.put("trials", (long) it * cfg.batchSize());
    r.put("train_loss", trainLoss);
    r.put("train_acc", trainAcc);
    r.put("eval_loss", eval[0]);
    r.put("eval_acc", eval[1]);
    r.put("grad_norm", gradNorm);
    r.put("trials_per_s", trialsPerS);
    return r;
  }

  /** Lower-case status name for files. */
  static String name(Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
