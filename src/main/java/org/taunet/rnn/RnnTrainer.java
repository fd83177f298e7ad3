package org.taunet.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.taunet.run.RunDir;
import org.taunet.run.Seeds;
import org.taunet.tasks.Task;
import org.taunet.tasks.TrialBatch;
import org.taunet.train.CheckpointFile;
import org.taunet.train.LegacyMapping;
import org.taunet.train.LoopConfig;
import org.taunet.train.Optimizer;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.Param;
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
 * Multi-tau RNN training as a plain-step {@link Trainable} of the shared {@link TrainLoop}: one step is one
 * minibatch of fresh trials (forward, masked loss, BPTT, Adam step with global gradient-norm clipping), a metrics row
 * at step 0 and every evalEvery steps (and after the last), a checkpoint with every row and more by
 * {@code checkpointEvery} and {@code checkpointMinutes}. Files of the run folder: config.json and tau.txt (initial
 * intrinsic taus, s; both written here on a fresh run), then the loop's metrics.csv, checkpoint.bin and summary.json,
 * and timescales.csv ({@link RnnSummary}).
 *
 * <p><b>Randomness.</b> Minibatch trials come from {@code epochStream("batch", step)} and noise from
 * {@code epochStream("noise", step)}, the evaluation set from stream "eval": nothing depends on where a run was
 * interrupted, so a resumed run gives the parameters and rows of the uninterrupted one, bit for bit.
 *
 * <p><b>State</b>: {@code net/<param>} for each of {@link RnnNetwork#paramNames()} with its shape, {@code net/tau}
 * [N] (s); {@code opt/...} ({@link Optimizer}); the initial network the summary compares with: {@code init/W},
 * {@code init/Win}, {@code init/tau}; once eval_acc has reached the criterion, {@code criterion/W} (W at that
 * evaluation) and {@code criterion/step}, so a resumed run measures the weight change at criterion as the
 * uninterrupted one does.
 */
public final class RnnTrainer implements Trainable {
  /** The family name in checkpoints. */
  public static final String FAMILY = "rnn";
  /** Initial intrinsic time constants, one per unit (s). */
  public static final String TAU = "tau.txt";

  private final RnnConfig cfg;
  private final RunDir run;
  private final Seeds seeds;
  private final Task task;
  private final RnnNetwork net;
  private final RnnNetwork initial;
  private final Bptt bptt;
  private final float[][] grads;
  private final Optimizer opt;
  private final TrialBatch batch;
  private List<TrialBatch> evalSet;
  private long lastStep;
  private double lastNorm = Double.NaN;
  /** W when eval_acc first reached the criterion (null before), and that step (-1 before). */
  private float[] criterionW;
  private long criterionStep = -1;

  /** A fresh network for {@code cfg} (weights from stream "init", taus from "tau"), training into {@code run}. */
  public RnnTrainer(RnnConfig cfg, RunDir run) {
    this.cfg = cfg;
    this.run = run;
    this.seeds = new Seeds(cfg.seed());
    this.task = cfg.newTask();
    this.net = newNetwork(cfg, task);
    this.initial = net.copy();
    this.bptt = new Bptt(net, task.maxSteps(), cfg.batchSize());
    this.grads = Bptt.newGradients(net);
    this.opt = newOptimizer(cfg, net, grads);
    this.batch = TrialBatch.of(task, cfg.batchSize());
  }

  /** The task of this run. */
  public Task task() {
    return task;
  }

  /** The network being trained. */
  public RnnNetwork network() {
    return net;
  }

  /** A fresh network from the config: weights from stream "init", taus from stream "tau". */
  public static RnnNetwork newNetwork(RnnConfig cfg, Task task) {
    RnnMemory.check(cfg, task);
    Seeds s = new Seeds(cfg.seed());
    return RnnNetwork.create(cfg, task.nIn(), task.nOut(), cfg.tau(), s.stream("init"),
        s.stream("tau"));
  }

  /**
   * The optimizer of a config: Adam (beta1 0.9, beta2 0.999, eps 1e-8) with learning rate {@code --lr} and global
   * gradient-norm clipping at {@code --grad-clip}; a non-finite gradient is applied, so the run ends as diverged at
   * that step.
   */
  public static OptimizerSpec optimizerSpec(RnnConfig cfg) {
    OptimizerSpec d = OptimizerSpec.defaults(OptimizerSpec.Kind.ADAM);
    return new OptimizerSpec(d.kind(), cfg.lr(), 0, false, d.beta1(), d.beta2(), d.eps(), 0, cfg.gradClip(),
        Optimizer.NonFinite.APPLY);
  }

  /** The optimizer of {@link #optimizerSpec} over {@code net}'s parameters with gradient buffers {@code grads}. */
  public static Optimizer newOptimizer(RnnConfig cfg, RnnNetwork net, float[][] grads) {
    return optimizerSpec(cfg).create(params(net, grads));
  }

  /** One {@link Param} per trainable array of {@code net}, named as {@link RnnNetwork#paramNames()}. */
  static List<Param> params(RnnNetwork net, float[][] grads) {
    float[][] p = net.params();
    String[] names = net.paramNames();
    List<Param> out = new ArrayList<>();
    for (int i = 0; i < p.length; i++) out.add(Param.of(names[i], p[i], grads[i], shape(net, names[i])));
    return out;
  }

  /** The row-major shape of parameter {@code name} of {@code net}. */
  static int[] shape(RnnNetwork net, String name) {
    return switch (name) {
      case "W" -> new int[] {net.n, net.n};
      case "Win" -> new int[] {net.n, net.nIn};
      case "Wout" -> new int[] {net.nOut, net.n};
      case "bout" -> new int[] {net.nOut};
      default -> new int[] {net.n}; // b, theta, tau
    };
  }

  /** The loop's schedule: iterations steps, a row at step 0 and every evalEvery steps, the checkpoint cadences. */
  public static LoopConfig loopConfig(RnnConfig cfg) {
    return LoopConfig.steps(cfg.iterations()).withEvalEvery(cfg.evalEvery()).withEvalAtStart(true)
        .withCheckpointEvery(cfg.checkpointEvery()).withCheckpointMinutes(cfg.checkpointMinutes());
  }

  /** Trains with the system clock, as {@link #train(boolean, TrainLoop.Listener, LongSupplier)}. */
  public TrainLoop.Result train(boolean resume, TrainLoop.Listener listener) throws IOException {
    return train(resume, listener, System::nanoTime);
  }

  /**
   * Runs the remaining steps with {@link TrainLoop}. Without {@code resume} (or without a checkpoint) it starts over
   * and first writes config.json and tau.txt; with it, a metrics.csv of a run started before the shared core is
   * migrated first ({@link RnnLegacy#migrateMetrics}).
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
      run.writeFloats(TAU, initial.tau);
    } else {
      RnnLegacy.migrateMetrics(run);
    }
    try {
      return new TrainLoop(this, loopConfig(cfg), run, nanoClock).run(resume, listener);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause(); // timescales.csv, written by summary()
    }
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public long stepsPerEpoch() {
    return 0;
  }

  @Override
  public String throughputColumn() {
    return "trials_per_s";
  }

  /** One minibatch of fresh trials: forward, masked loss, BPTT, clipped Adam step (and the taus, if trained). */
  @Override
  public StepResult step(int epoch, long stepInEpoch, long step) {
    batch.fill(task, seeds.epochStream("batch", Math.toIntExact(step)));
    bptt.forward(batch.u, cfg.noise(), cfg.noise() > 0 ? seeds.epochStream("noise", Math.toIntExact(step)) : null);
    Bptt.Result res = bptt.loss(cfg.loss(), batch.target, batch.mask, batch.label, batch.readStep);
    bptt.backward(grads, cfg.truncation());
    double norm = opt.step();
    if (net.theta != null) net.refreshFactors();
    lastStep = step;
    lastNorm = norm;
    return StepResult.of(res.loss() * res.trials(), res.correct(), res.trials(), norm);
  }

  /**
   * The row: trials (seen so far), train_loss and train_acc (means over the steps since the last row; NaN at step 0),
   * eval_loss and eval_acc (the fixed evaluation set, noise-free), grad_norm (of the last step, before clipping; NaN
   * at step 0).
   */
  @Override
  public Map<String, Object> evaluate(Window train) {
    long step = lastStep; // 0 before the first step; a resumed run steps before its next row
    double[] eval = evaluate(bptt, evaluationSet(), cfg.loss());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("trials", step * cfg.batchSize());
    r.put("train_loss", train.meanLoss());
    r.put("train_acc", train.accuracy());
    r.put("eval_loss", eval[0]);
    r.put("eval_acc", eval[1]);
    r.put("grad_norm", step == 0 ? Double.NaN : lastNorm);
    if (criterionW == null && eval[1] >= cfg.criterion()) {
      criterionW = net.w.clone();
      criterionStep = step;
    }
    return r;
  }

  @Override
  public Stateful state() {
    return new Stateful() {
      @Override
      public void exportState(StateWriter out) {
        StateWriter n = out.writeScope("net");
        for (Param p : opt.params()) n.writeTensor(p.name(), p.value(), p.shape());
        n.writeTensor("tau", net.tau, net.n);
        opt.exportState(out.writeScope("opt"));
        StateWriter i = out.writeScope("init");
        i.writeTensor("W", initial.w, net.n, net.n);
        i.writeTensor("Win", initial.win, net.n, net.nIn);
        i.writeTensor("tau", initial.tau, net.n);
        if (criterionW != null) {
          StateWriter c = out.writeScope("criterion");
          c.writeTensor("W", criterionW, net.n, net.n);
          c.writeLong("step", criterionStep);
        }
      }

      @Override
      public void importState(StateReader in) {
        StateReader n = in.readScope("net");
        for (Param p : opt.params()) n.readTensor(p.name(), p.value(), p.shape());
        n.readTensor("tau", net.tau, net.n);
        opt.importState(in.readScope("opt"));
        StateReader i = in.readScope("init");
        i.readTensor("W", initial.w, net.n, net.n);
        i.readTensor("Win", initial.win, net.n, net.nIn);
        i.readTensor("tau", initial.tau, net.n);
        StateReader c = in.readScope("criterion");
        if (c.has("step")) {
          criterionW = new float[net.n * net.n];
          c.readTensor("W", criterionW, net.n, net.n);
          criterionStep = c.readLong("step");
        } else {
          criterionW = null;
          criterionStep = -1;
        }
        net.refreshFactors();
        initial.refreshFactors();
      }
    };
  }

  @Override
  public boolean isFinite() {
    return net.isFinite();
  }

  /** summary.json's RNN fields and timescales.csv ({@link RnnSummary#fields}). */
  @Override
  public Map<String, Object> summary(TrainLoop.Status status, List<Map<String, String>> rows) {
    try {
      Map<String, Object> s = RnnSummary.fields(run, cfg, task, initial, net, rows, status, seeds);
      s.putAll(RnnMeasures.fields(run, cfg, initial, net, rows, criterionW, criterionStep,
          status == TrainLoop.Status.FINISHED ? accuracyByDelay(bptt, evaluationSet(), task.dtMs()) : Map.of(), seeds,
          status == TrainLoop.Status.FINISHED));
      return s;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Checkpoints of the format before the shared core ({@link RnnLegacy#mapping}). */
  @Override
  public LegacyMapping legacy() {
    return RnnLegacy.mapping(net, opt.params(), cfg.iterations());
  }

  /**
   * Loads the network tensors of an export ({@link WeightsImport}, names as {@code taunet export} writes them) into the
   * network and into the initial network the summary compares with ({@code --init-from}, {@code rnn eval --init-from}).
   *
   * @throws IOException if the file cannot be read; a UserError naming the tensor if it does not fit
   */
  public void initFrom(Path file) throws IOException {
    WeightsImport.load(file, state(), ExportLayout.IDENTITY);
    float[][] from = net.params(), to = initial.params();
    for (int i = 0; i < from.length; i++) System.arraycopy(from[i], 0, to[i], 0, from[i].length);
    System.arraycopy(net.tau, 0, initial.tau, 0, net.n);
    initial.refreshFactors();
  }

  /**
   * Loads the run's checkpoint (current or legacy) into this trainer's network, for {@code taunet rnn eval}.
   *
   * @return the steps the checkpoint had done
   * @throws IOException naming the file if it is missing, invalid or does not fit this configuration
   */
  public long loadForEvaluation() throws IOException {
    Path file = run.file(TrainLoop.CHECKPOINT);
    StateBundle b = CheckpointFile.read(file, FAMILY, legacy());
    try {
      state().importState(b);
      return b.readLong("loop/step");
    } catch (StateException | IllegalArgumentException e) {
      throw new IOException(file + ": invalid checkpoint: does not fit this run: " + e.getMessage(), e);
    }
  }

  /**
   * The fixed evaluation trials (stream "eval", from {@link Task#evaluation()}: a file task's held-out trials), in
   * whole batches of batchSize; drawn at the first evaluation.
   */
  List<TrialBatch> evaluationSet() {
    if (evalSet == null) evalSet = batches(task.evaluation(), cfg.batchSize(), cfg.evalTrials(), seeds.stream("eval"));
    return evalSet;
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
   * Accuracy on the evaluation set, noise-free, by the trials' delay length: delay in ms (as a string, e.g. "1000")
   * to accuracy, delays ascending; empty for a task without a delay period.
   */
  static Map<String, Object> accuracyByDelay(Bptt bptt, List<TrialBatch> set, double dtMs) {
    java.util.TreeMap<Integer, int[]> counts = new java.util.TreeMap<>();
    for (TrialBatch b : set) {
      bptt.forward(b.u, 0, null);
      for (int k = 0; k < b.batch; k++) {
        if (b.delaySteps[k] < 0) continue;
        int[] c = counts.computeIfAbsent(b.delaySteps[k], d -> new int[2]);
        if (bptt.choice(b.readStep[k], k) == b.label[k]) c[0]++;
        c[1]++;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    counts.forEach((d, c) -> out.put(RnnConfig.fmt(d * dtMs), (double) c[0] / c[1]));
    return out;
  }

  /**
   * {loss, accuracy} of {@code net} on fresh trials of {@code task} from {@code rng}, noise-free: {@code trials}
   * rounded up to whole minibatches of the run's batch size.
   */
  public static double[] evaluateFresh(RnnNetwork net, Task task, RnnConfig cfg, int trials, SplittableRandom rng) {
    return evaluate(new Bptt(net, task.maxSteps(), cfg.batchSize()), batches(task.evaluation(), cfg.batchSize(), trials, rng),
        cfg.loss());
  }
}
