package org.taunet.cli;

import static org.taunet.cli.CliSupport.or;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.taunet.report.RnnStudyReport;
import org.taunet.rnn.Integrator;
import org.taunet.rnn.Loss;
import org.taunet.rnn.Phi;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnStudy;
import org.taunet.rnn.RnnTrainer;
import org.taunet.run.RunDir;
import org.taunet.train.TrainLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code taunet rnn train|eval|study}: multi-tau rate RNNs trained by BPTT on working-memory tasks. */
@Command(name = "rnn", mixinStandardHelpOptions = true, description = "Multi-tau rate RNNs: train, eval, study.",
    subcommands = {RnnCommand.Train.class, RnnCommand.Eval.class, RnnCommand.Study.class})
public final class RnnCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(System.out); }

  /** Flags mapping one-to-one onto {@link RnnConfig} fields; null means "the default" ({@link RnnConfig#defaults()}). */
  static final class ConfigFlags {
    @Option(names = "--task", description = "multiscale-wm, integration-wm, perceptual-dm, delay-match-sample.") String task;
    @Option(names = "--dt-ms", description = "Time step in ms.") Double dtMs;
    @Option(names = "--tau", description = "Intrinsic taus (s): vanilla, normal, uniform, bimodal, or a tau spec such as uniform:0.1,1.9.") String tau;
    @Option(names = "--units") Integer units;
    @Option(names = "--gain", description = "g of W ~ N(0, g^2/N).") Double gain;
    @Option(names = "--activation", description = "TANH, RELU, SOFTPLUS.") Phi activation;
    @Option(names = "--integrator", description = "EULER or EXPONENTIAL.") Integrator integrator;
    @Option(names = "--clip-alpha", arity = "1", description = "Clip dt/tau to 1 instead of rejecting it (true/false).") Boolean clipAlpha;
    @Option(names = "--train-tau", arity = "1", description = "Learn tau (true/false).") Boolean trainTau;
    @Option(names = "--noise", description = "sd of private noise on each unit's drive per step.") Double noise;
    @Option(names = "--loss", description = "MSE or CROSS_ENTROPY.") Loss loss;
    @Option(names = "--batch-size") Integer batchSize;
    @Option(names = "--iterations", description = "Training minibatches.") Integer iterations;
    @Option(names = "--lr", description = "Adam learning rate.") Double lr;
    @Option(names = "--grad-clip", description = "Global gradient-norm clip (0 = none).") Double gradClip;
    @Option(names = "--truncation", description = "Truncated BPTT window in steps (0 = full BPTT).") Integer truncation;
    @Option(names = "--eval-every", description = "Iterations between evaluations and checkpoints.") Integer evalEvery;
    @Option(names = "--eval-trials", description = "Trials of the fixed evaluation set.") Integer evalTrials;
    @Option(names = "--criterion", description = "Accuracy for steps-to-criterion.") Double criterion;
    @Option(names = "--timescale-steps", description = "Steps of the effective-timescale simulation (0 = skip).") Integer timescaleSteps;
    @Option(names = "--seed", description = "Master seed.") Long seed;
    @Option(names = "--checkpoint-every", description = "Also checkpoint every this many iterations (0 = with each evaluation only).") Long checkpointEvery;
    @Option(names = "--checkpoint-minutes", description = "Also checkpoint after this many minutes of training since the last one (0 = off).") Double checkpointMinutes;

    RnnConfig resolve() {
      RnnConfig p = RnnConfig.defaults();
      return new RnnConfig(or(task, p.task()), or(dtMs, p.dtMs()), or(tau, p.tau()), or(units, p.units()),
          or(gain, p.gain()), or(activation, p.activation()), or(integrator, p.integrator()),
          or(clipAlpha, p.clipAlpha()), or(trainTau, p.trainTau()), or(noise, p.noise()), or(loss, p.loss()),
          or(batchSize, p.batchSize()), or(iterations, p.iterations()), or(lr, p.lr()), or(gradClip, p.gradClip()),
          or(truncation, p.truncation()), or(evalEvery, p.evalEvery()), or(evalTrials, p.evalTrials()),
          or(criterion, p.criterion()), or(timescaleSteps, p.timescaleSteps()), or(seed, p.seed()),
          or(checkpointEvery, p.checkpointEvery()), or(checkpointMinutes, p.checkpointMinutes()));
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train an RNN into a run folder.")
  static final class Train implements Callable<Integer>, SweepCommand.Validated {
    @Mixin ConfigFlags flags;
    @Option(names = "--out", description = "Run folder (default: runs/rnn-TASK-TAU-TIMESTAMP).") Path out;
    @Option(names = "--resume", description = "Continue the interrupted run in this folder (its config.json is used).") Path resume;
    @Option(names = "--quiet", description = "No progress bar or per-evaluation lines.") boolean quiet;
    @Spec CommandSpec spec;

    @Override public void validate() { flags.resolve(); }

    @Override
    public Integer call() throws Exception {
      CliSupport.RunSetup<RnnConfig> setup = CliSupport.runFolder(spec, out, resume, RnnConfig.class, () -> {
        RnnConfig c = flags.resolve();
        RnnTrainer.newNetwork(c, org.taunet.tasks.Tasks.create(c.task(), c.dtMs())); // e.g. alpha > 1: fail before making a folder
        return c;
      }, c -> "rnn-" + c.task() + "-" + c.tau().replaceAll("[^A-Za-z0-9.]+", "_"));
      RnnConfig cfg = setup.config();
      TrainLoop.Result r = trainInto(setup.run(), cfg, setup.resuming(), CliSupport.commandLine(spec), quiet);
      int toCriterion = (int) r.summary().get("steps_to_criterion");
      System.out.printf("%s after %d steps: eval accuracy %.2f%%, steps to %.0f%%: %s%n", r.status(), r.steps(),
          100 * (double) r.summary().get("final_eval_acc"), 100 * cfg.criterion(),
          toCriterion < 0 ? "not reached" : toCriterion);
      return r.status() == TrainLoop.Status.FINISHED ? 0 : 3;
    }
  }

  /**
   * Trains {@code cfg} into {@code run} with provenance: provenance.json (or provenance.resumeN.json when resuming)
   * says running, then finished, diverged or failed.
   */
  static TrainLoop.Result trainInto(RunDir run, RnnConfig cfg, boolean resuming, List<String> commandLine, boolean quiet)
      throws Exception {
    if (!quiet) System.err.println("taunet: run folder " + run.path() + (resuming ? " (resuming)" : ""));
    return CliSupport.withProvenance(run, resuming, cfg.seed(), commandLine,
        () -> new RnnTrainer(cfg, run).train(resuming, quiet ? LoopProgress.quiet() : new LoopProgress(System.err, "step")),
        r -> r.status().id());
  }

  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a run's last checkpoint on fresh trials.")
  static final class Eval implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR") Path runDir;
    @Option(names = "--trials", defaultValue = "1024", description = "Fresh trials to evaluate, rounded up to whole minibatches (default: ${DEFAULT-VALUE}).") int trials;
    @Option(names = "--seed", defaultValue = "12345", description = "Seed of the fresh trials (default: ${DEFAULT-VALUE}).") long seed;

    @Override
    public Integer call() throws Exception {
      RunDir run = RunDir.open(runDir);
      RnnConfig cfg = run.readJson("config.json", RnnConfig.class);
      RnnTrainer trainer = new RnnTrainer(cfg, run);
      long step = trainer.loadForEvaluation();
      double[] r = RnnTrainer.evaluateFresh(trainer.network(), trainer.task(), cfg, trials, new java.util.SplittableRandom(seed));
      int n = (trials + cfg.batchSize() - 1) / cfg.batchSize() * cfg.batchSize();
      System.out.printf("step %d, %s, %d fresh trials: accuracy %.2f%%, loss %.4f%n", step, cfg.task(),
          n, 100 * r[1], r[0]);
      return 0;
    }
  }

  @Command(name = "study", mixinStandardHelpOptions = true,
      description = "Train the four seed tau conditions x seeds on a task; write table.csv, table.md and PNG plots.")
  static final class Study implements Callable<Integer> {
    @Mixin ConfigFlags flags;
    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..N per condition (default: ${DEFAULT-VALUE}).") int seeds;
    @Option(names = "--conditions", split = ",", defaultValue = "vanilla,normal,uniform,bimodal",
        description = "tau conditions or specs (default: ${DEFAULT-VALUE}).") List<String> conditions;
    @Option(names = "--workers", defaultValue = "1", description = "Runs trained in parallel threads (default: ${DEFAULT-VALUE}).") int workers;
    @Option(names = "--out", required = true, description = "Study folder: one run folder per condition and seed, plus the table and plots.") Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (flags.tau != null || flags.seed != null)
        throw new CommandLine.ParameterException(spec.commandLine(), "study sets --tau and --seed itself; use --conditions and --seeds");
      RnnConfig base = flags.resolve();
      RnnStudy study = new RnnStudy(base, conditions, seeds, out);
      study.run(workers, (run, cfg, resuming) -> trainInto(run, cfg, resuming, CliSupport.commandLine(spec), true),
          System.err);
      RnnStudyReport.write(out, base.task(), study.runsByCondition());
      System.out.println(java.nio.file.Files.readString(out.resolve(RnnStudyReport.TABLE_MD)));
      return 0;
    }
  }
}
