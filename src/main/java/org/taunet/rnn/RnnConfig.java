package org.taunet.rnn;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.taunet.run.Doc;
import org.taunet.run.UserError;
import org.taunet.tasks.Duration;
import org.taunet.tasks.NpzTask;
import org.taunet.tasks.PeriodTask;
import org.taunet.tasks.Task;
import org.taunet.tasks.Tasks;
import org.taunet.tau.TauConditions;
import org.taunet.tau.TauDistribution;
import org.taunet.train.WeightsImport;

/**
 * Fully resolved configuration of one multi-tau RNN training run. Every CLI flag of {@code taunet rnn train} maps
 * one-to-one onto a field (kebab-case of the field name), documented by its {@link Doc}; all defaults are in
 * {@link #defaults()}, with reasons; the constructor validates every field, with errors naming the flag.
 */
public record RnnConfig(
    @Doc("Task: multiscale-wm, integration-wm, perceptual-dm or delay-match-sample, or npz:FILE (trials from an .npz: "
        + "ob, gt, mask, ...; 'taunet rnn task dump' writes one).")
    String task,
    @Doc("Integration and task time step dt, in ms; at most the task's shortest period.")
    double dtMs,
    @Doc("Intrinsic time constants tau_i in seconds: a condition name (vanilla, normal, uniform, bimodal) or any tau "
        + "spec, e.g. uniform:0.1,1.9 or gamma:mean=1,k=4.")
    @JsonDeserialize(using = TauConditions.Json.class)
    TauDistribution tau,
    @Doc("N, recurrent units.")
    int units,
    @Doc("g of the recurrent initialisation W_ij ~ N(0, g^2/N).")
    double gain,
    @Doc("phi, the rate nonlinearity.")
    Phi activation,
    @Doc("EULER (a_i = dt/tau_i) or EXPONENTIAL (a_i = 1 - exp(-dt/tau_i)).")
    Integrator integrator,
    @Doc("Clip a_i = dt/tau_i to 1 instead of rejecting a unit with alpha > 1 (EULER).")
    boolean clipAlpha,
    @Doc("Learn tau_i = dt + exp(theta_i) (stays above dt, so alpha < 1).")
    boolean trainTau,
    @Doc("sd of the private noise added to each unit's drive per step (0 = none).")
    double noise,
    @Doc("Loss on the masked readout.")
    Loss loss,
    @Doc("Trials per minibatch.")
    int batchSize,
    @Doc("Training steps (minibatches of fresh trials).")
    int iterations,
    @Doc("Adam learning rate.")
    double lr,
    @Doc("Global gradient-norm clip (0 = none).")
    double gradClip,
    @Doc("Truncated BPTT window in steps: gradients do not flow across window borders (0 = full BPTT).")
    int truncation,
    @Doc("Steps between evaluations (a metrics row and a checkpoint each).")
    int evalEvery,
    @Doc("Trials of the fixed evaluation set (rounded up to whole minibatches).")
    int evalTrials,
    @Doc("Evaluation accuracy that counts as learned, for steps-to-criterion and the weight change at criterion.")
    double criterion,
    @Doc("Steps of the simulation that measures effective timescales after training (0 = skip).")
    int timescaleSteps,
    @Doc("Master seed; every random stream is derived from it.")
    long seed,
    @Doc("Also write a checkpoint every this many steps (0 = only with each evaluation).")
    long checkpointEvery,
    @Doc("Also write a checkpoint when this many minutes of training passed since the last one (0 = off), so a "
        + "preempted run loses at most that much.")
    double checkpointMinutes,
    @Doc("Task period durations overriding the task's, as PERIOD=SPEC with SPEC in ms: 500, choice:250/500/1000, "
        + "uniform:LO/HI or truncexp:MEAN/LO/HI; comma-separated ('rnn task show TASK' lists the periods).")
    List<String> timing,
    @Doc("Task arguments overriding the task's, as NAME=VALUE, comma-separated ('rnn task show TASK' lists them).")
    List<String> taskArgs,
    @Doc(WeightsImport.DOC)
    String initFrom) {

  /** As the canonical constructor with {@code tau} a condition name or spec and checkpoints with evaluations only. */
  public RnnConfig(String task, double dtMs, String tau, int units, double gain, Phi activation, Integrator integrator,
                   boolean clipAlpha, boolean trainTau, double noise, Loss loss, int batchSize, int iterations,
                   double lr, double gradClip, int truncation, int evalEvery, int evalTrials, double criterion,
                   int timescaleSteps, long seed) {
    this(task, dtMs, parseTau(tau), units, gain, activation, integrator, clipAlpha, trainTau, noise, loss, batchSize,
        iterations, lr, gradClip, truncation, evalEvery, evalTrials, criterion, timescaleSteps, seed, 0, 0, List.of(),
        List.of());
  }

  /** As the canonical constructor without {@code initFrom} (the seeded initialisation). */
  public RnnConfig(String task, double dtMs, TauDistribution tau, int units, double gain, Phi activation,
                   Integrator integrator, boolean clipAlpha, boolean trainTau, double noise, Loss loss, int batchSize,
                   int iterations, double lr, double gradClip, int truncation, int evalEvery, int evalTrials,
                   double criterion, int timescaleSteps, long seed, long checkpointEvery, double checkpointMinutes,
                   List<String> timing, List<String> taskArgs) {
    this(task, dtMs, tau, units, gain, activation, integrator, clipAlpha, trainTau, noise, loss, batchSize, iterations,
        lr, gradClip, truncation, evalEvery, evalTrials, criterion, timescaleSteps, seed, checkpointEvery,
        checkpointMinutes, timing, taskArgs, null);
  }

  /** Validates every field; errors name the flag. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public RnnConfig {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(integrator, "integrator");
    Objects.requireNonNull(loss, "loss");
    timing = timing == null ? List.of() : List.copyOf(timing);
    taskArgs = taskArgs == null ? List.of() : List.copyOf(taskArgs);
    initFrom = WeightsImport.checkInitFrom(initFrom);
    checkTask(task, dtMs, timing, taskArgs);
    if (tau == null) fail("--tau", "the tau distribution is missing", "e.g. --tau vanilla or --tau uniform:0.1,1.9");
    if (units < 1) fail("--units", "must be >= 1, got " + units, null);
    if (!(gain >= 0) || !Double.isFinite(gain)) fail("--gain", "must be >= 0, got " + gain, null);
    if (!(noise >= 0) || !Double.isFinite(noise)) fail("--noise", "must be >= 0, got " + noise, null);
    if (batchSize < 1) fail("--batch-size", "must be >= 1, got " + batchSize, null);
    if (iterations < 1) fail("--iterations", "must be >= 1, got " + iterations, null);
    if (!(lr > 0) || !Double.isFinite(lr)) fail("--lr", "must be > 0, got " + lr, null);
    if (!(gradClip >= 0) || !Double.isFinite(gradClip)) fail("--grad-clip", "must be >= 0 (0 = none), got " + gradClip, null);
    if (truncation < 0) fail("--truncation", "must be >= 0 (0 = full BPTT), got " + truncation, null);
    if (evalEvery < 1) fail("--eval-every", "must be >= 1, got " + evalEvery, null);
    if (evalTrials < 1) fail("--eval-trials", "must be >= 1, got " + evalTrials, null);
    if (!(criterion > 0 && criterion <= 1)) fail("--criterion", "must be in (0, 1], got " + criterion, null);
    if (timescaleSteps < 0) fail("--timescale-steps", "must be >= 0 (0 = skip), got " + timescaleSteps, null);
    if (checkpointEvery < 0) fail("--checkpoint-every", "must be >= 0 (0 = with each evaluation only), got " + checkpointEvery, null);
    if (!(checkpointMinutes >= 0 && checkpointMinutes < Double.POSITIVE_INFINITY))
      fail("--checkpoint-minutes", "must be finite and >= 0 (0 = off), got " + checkpointMinutes, null);
  }

  /** A condition name as a {@code NamedTau}, or any other spec as written; a bad spec is a UserError naming --tau. */
  static TauDistribution parseTau(String tau) {
    try {
      return TauConditions.distribution(tau);
    } catch (IllegalArgumentException e) {
      throw e instanceof UserError u ? u : UserError.flag("--tau", e.getMessage(), null);
    }
  }

  /**
   * Checks the task name and the time step against it: dt may not exceed the task's shortest period (that period
   * would be a single step of dt, longer than the period itself), and the task must accept dt (e.g. multiscale-wm
   * scales its pulse probabilities with dt), with the timing and arguments overridden. Errors name {@code --task},
   * {@code --timing}, {@code --task-args} or {@code --dt-ms}.
   */
  private static void checkTask(String task, double dtMs, List<String> timing, List<String> args) {
    if (!(dtMs > 0) || !Double.isFinite(dtMs)) fail("--dt-ms", "must be > 0, got " + dtMs, null);
    if (task.strip().startsWith(NpzTask.PREFIX)) { // trials from a file: no periods; dt must be the file's
      try {
        Tasks.create(task, dtMs, timing, args);
      } catch (IllegalArgumentException e) {
        fail("--task", e.getMessage(), null);
      }
      return;
    }
    try {
      Tasks.def(task);
    } catch (IllegalArgumentException e) {
      throw UserError.flag("--task", e.getMessage(), "use one of " + String.join(", ", Tasks.names()));
    }
    try {
      Tasks.create(task, 1, timing, List.of());
    } catch (IllegalArgumentException e) {
      fail("--timing", e.getMessage(), "'taunet rnn task show " + task + "' lists the periods and the forms");
    }
    Task fine = null;
    try {
      fine = Tasks.create(task, 1, timing, args);
    } catch (IllegalArgumentException e) {
      fail("--task-args", e.getMessage(), "'taunet rnn task show " + task + "' lists the arguments");
    }
    if (fine instanceof PeriodTask pt) {
      String shortest = null;
      double ms = Double.POSITIVE_INFINITY;
      for (Map.Entry<String, Duration> e : pt.periods().entrySet()) {
        double m = e.getValue().maxMs();
        if (m > 0 && m < ms) {
          ms = m;
          shortest = e.getKey();
        }
      }
      if (dtMs > ms) {
        fail("--dt-ms", fmt(dtMs) + " ms is longer than the " + shortest + " period (" + fmt(ms) + " ms) of task " + task
            + ", which would become one step of " + fmt(dtMs) + " ms", "use --dt-ms " + fmt(ms) + " or less (default 50)");
      }
    }
    try {
      Tasks.create(task, dtMs, timing, args);
    } catch (IllegalArgumentException e) {
      fail("--dt-ms", fmt(dtMs) + " ms does not suit task " + task + " (" + e.getMessage() + ")",
          "use a smaller --dt-ms (default 50)");
    }
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static void fail(String flag, String problem, String hint) {
    throw UserError.flag(flag, problem, hint);
  }

  /**
   * The defaults. dt = 50 ms: alpha = dt/tau &lt;= 0.5 for the fastest seed units (tau = 0.1 s), and the seed tasks'
   * trials (about 3 to 7 s) take 80 to 140 steps. 128 tanh units with g = 1.0 (at the edge of chaos, trains fast and
   * stably), forward Euler, cross-entropy on fixation and choice outputs. Adam lr 3e-3, batch 32, clip 1.0: stable on
   * both seed tasks for every seed condition. 1000 iterations (32k trials, under a minute on one core; every seed condition
   * passes 90% on both seed tasks within about 100 iterations and has converged by 1000) and evaluation
   * every 10 iterations on 256 fixed trials (the conditions differ by tens of iterations in reaching 90%, so a coarser
   * grid would hide the difference; costs about a quarter more time). Criterion 90% (the study's target). 2000 steps (100 s) for the
   * effective-timescale simulation: 50 times the longest seed tau. Checkpoints only with the evaluations (every 10
   * steps, a fraction of a second apart at 128 units), so neither extra cadence is needed. The tasks' own timing and
   * arguments (docs/tasks.md).
   */
  public static RnnConfig defaults() {
    return new RnnConfig("multiscale-wm", 50, parseTau("vanilla"), 128, 1.0, Phi.TANH, Integrator.EULER, false, false, 0.0,
        Loss.CROSS_ENTROPY, 32, 1000, 3e-3, 1.0, 0, 10, 256, 0.9, 2000, 1, 0, 0, List.of(), List.of());
  }

  /** The task of this configuration: its name at dtMs with the timing and argument overrides. */
  public Task newTask() {
    return Tasks.create(task, dtMs, timing, taskArgs);
  }

  /** dt in seconds (taus are in seconds). */
  public double dtSeconds() {
    return dtMs / 1000;
  }

  /** The resolved tau spec: a condition name mapped to its spec ({@link TauConditions#SEED}), any other as written. */
  public String tauSpec() {
    return TauConditions.spec(tau.spec());
  }

  /** This config with another tau and seed (a condition and seed of {@code rnn study}). */
  public RnnConfig withTauAndSeed(TauDistribution tau, long seed) {
    return new RnnConfig(task, dtMs, tau, units, gain, activation, integrator, clipAlpha, trainTau, noise, loss,
        batchSize, iterations, lr, gradClip, truncation, evalEvery, evalTrials, criterion, timescaleSteps, seed,
        checkpointEvery, checkpointMinutes, timing, taskArgs, initFrom);
  }

  /** This config with {@link #initFrom} set (null: the seeded initialisation). */
  public RnnConfig withInitFrom(String file) {
    return new RnnConfig(task, dtMs, tau, units, gain, activation, integrator, clipAlpha, trainTau, noise, loss,
        batchSize, iterations, lr, gradClip, truncation, evalEvery, evalTrials, criterion, timescaleSteps, seed,
        checkpointEvery, checkpointMinutes, timing, taskArgs, file);
  }
}
