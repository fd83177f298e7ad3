package org.taunet.cli;

import static org.taunet.cli.CliSupport.or;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taunet.data.DatasetSplit;
import org.taunet.data.Datasets;
import org.taunet.ep.Activation;
import org.taunet.ep.EpConfig;
import org.taunet.ep.EpLearner;
import org.taunet.ep.EpRunSummary;
import org.taunet.ep.EpTrainer;
import org.taunet.run.DataRecord;
import org.taunet.run.RunDir;
import org.taunet.run.UserError;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet ep train|eval}: Equilibrium Propagation with heterogeneous per-neuron time steps. */
@Command(name = "ep", mixinStandardHelpOptions = true,
    description = "Equilibrium Propagation with heterogeneous time steps (HTS-EP).",
    subcommands = {EpCommand.Train.class, EpCommand.Eval.class, EpCommand.Summarize.class})
public final class EpCommand implements Runnable {
  @Override public void run() { new picocli.CommandLine(this).usage(System.out); }

  /** Flags mapping one-to-one onto {@link EpConfig} fields; null means "the preset's value". */
  static final class ConfigFlags {
    @Option(names = "--preset", defaultValue = "net1", description = "Defaults to start from: net1, net2, net3, quick (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--dataset", description = "mnist, fashion-mnist or kmnist.") String dataset;
    @Option(names = "--hidden", split = ",", description = "Hidden layer sizes, e.g. 500 or 500,500.") List<Integer> hidden;
    @Option(names = "--activation", description = "HARD_SIGMOID, SIGMOID, TANH.") Activation activation;
    @Option(names = "--dynamics", description = "GRADIENT or LEAKY.") EpConfig.Dynamics dynamics;
    @Option(names = "--tau", description = "Per-neuron time step distribution, e.g. 0.5 (scalar dt), normal:mean=0.5,sd=0.1,min=0.05,max=1, gamma:mean=0.5,k=3.") String tau;
    @Option(names = "--epochs") Integer epochs;
    @Option(names = "--batch-size") Integer batchSize;
    @Option(names = "--t-free", description = "T1, free-phase steps.") Integer tFree;
    @Option(names = "--t-nudged", description = "T2, nudged-phase steps.") Integer tNudged;
    @Option(names = "--beta", description = "Nudging strength.") Double beta;
    @Option(names = "--random-beta", arity = "1", description = "Random sign of beta per minibatch (true/false).") Boolean randomBeta;
    @Option(names = "--symmetric", arity = "1", description = "Symmetric +beta/-beta nudging (true/false).") Boolean symmetric;
    @Option(names = "--persistent", arity = "1", description = "Persistent particles (true/false).") Boolean persistent;
    @Option(names = "--lr", split = ",", description = "Learning rate per weight layer, input side first.") List<Double> lr;
    @Option(names = "--optimizer", description = "SGD, MOMENTUM, ADAM or ADAMW (weight decay 0.01); biases use their layer's --lr.") OptimizerSpec.Kind optimizer;
    @Option(names = "--momentum", description = "Momentum coefficient (MOMENTUM only).") Double momentum;
    @Option(names = "--convergence-tol", description = "Max |state change| at the last step for a converged relaxation.") Double convergenceTol;
    @Option(names = "--eval-steps", description = "Free-phase steps of a cold-start evaluation.") Integer evalSteps;
    @Option(names = "--train-limit", description = "Use the first N training examples (0 = all).") Integer trainLimit;
    @Option(names = "--test-limit", description = "Use the first N test examples (0 = all).") Integer testLimit;
    @Option(names = "--seed", description = "Master seed.") Long seed;
    @Option(names = "--keep-particles", arity = "0..1", fallbackValue = "true",
        description = "Keep the persistent particles in a finished run's checkpoint (144 MB for net1 on MNIST; by default only weights, time steps and optimizer state are kept).")
    Boolean keepParticles;
    @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "Also checkpoint every STEPS minibatches (default: 0 = at epoch ends only).")
    Long checkpointEvery;
    @Option(names = "--checkpoint-minutes", paramLabel = "M", description = "Also checkpoint after M minutes of training since the last checkpoint, mid-epoch if need be (default: 0 = off).")
    Double checkpointMinutes;

    EpConfig resolve() {
      EpConfig p = EpConfig.preset(preset);
      if (dataset != null && !Datasets.names().contains(dataset)) {
        throw UserError.flag("--dataset", "unknown dataset '" + dataset + "'", "use one of "
            + String.join(", ", Datasets.names()));
      }
      return new EpConfig(or(dataset, p.dataset()), or(hidden, p.hidden()), or(activation, p.activation()),
          or(dynamics, p.dynamics()), or(tau, p.tau()), or(epochs, p.epochs()), or(batchSize, p.batchSize()),
          or(tFree, p.tFree()), or(tNudged, p.tNudged()), or(beta, p.beta()), or(randomBeta, p.randomBeta()),
          or(symmetric, p.symmetric()), or(persistent, p.persistent()), or(lr, p.lr()), or(optimizer, p.optimizer()),
          or(momentum, p.momentum()), or(convergenceTol, p.convergenceTol()), or(evalSteps, p.evalSteps()),
          or(trainLimit, p.trainLimit()), or(testLimit, p.testLimit()), or(seed, p.seed()),
          or(keepParticles, p.keepParticles()), or(checkpointEvery, p.checkpointEvery()),
          or(checkpointMinutes, p.checkpointMinutes()));
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train an EP network into a run folder.")
  static final class Train implements Callable<Integer>, SweepCommand.Validated {
    @Mixin ConfigFlags flags;
    @Option(names = "--out", description = "Run folder (default: runs/ep-DATASET-TIMESTAMP).") Path out;
    @Option(names = "--resume", description = "Continue the interrupted run in this folder (its config.json is used).") Path resume;
    @Mixin DataDirOption dataDir;
    @Option(names = "--quiet", description = "No progress bar or per-epoch lines.") boolean quiet;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void validate() { flags.resolve(); }

    @Override
    public Integer call() throws Exception {
      CliSupport.RunSetup<EpConfig> setup = CliSupport.runFolder(spec, out, resume, EpConfig.class, flags::resolve,
          c -> "ep-" + c.dataset());
      EpConfig cfg = setup.config();
      java.nio.file.Path data = CliSupport.dataDir(setup.run(), setup.resuming(), dataDir);
      DatasetSplit split = Datasets.load(cfg.dataset(), data);
      System.err.println("taunet: run folder " + setup.run().path() + (setup.resuming() ? " (resuming)" : ""));
      if (!split.note().isEmpty()) System.err.println("taunet: note: " + split.note());
      DataRecord record = setup.resuming() ? null : DataRecord.of(data, List.of(cfg.dataset()));
      TrainLoop.Result result = CliSupport.withProvenance(setup.run(), setup.resuming(), cfg.seed(),
          CliSupport.commandLine(spec), record, () -> new EpTrainer(cfg, split, setup.run())
              .train(setup.resuming(), quiet ? new TrainLoop.Listener() {} : new EpProgress(cfg)),
          r -> r.status().id());
      Map<String, Object> s = result.summary();
      System.out.printf("%s after %s epochs: test accuracy %.2f%% (best %.2f%%)%s%n", result.status(), s.get("epochs"),
          100 * (double) s.get("test_acc"), 100 * (double) s.get("best_test_acc"),
          split.note().isEmpty() ? "" : " [" + split.note() + "]");
      return result.status() == TrainLoop.Status.FINISHED ? 0 : 3;
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a run's last checkpoint on its test set.")
  static final class Eval implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR") Path runDir;
    @Option(names = "--steps", description = "Free-phase steps from a zero state (default: the run's eval-steps).") Integer steps;
    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
      RunDir run = RunDir.open(runDir);
      EpConfig cfg = run.readJson("config.json", EpConfig.class);
      DatasetSplit split = Datasets.load(cfg.dataset(), CliSupport.dataDir(run, true, dataDir));
      EpTrainer trainer = new EpTrainer(cfg, split, run);
      EpTrainer.Loaded at = trainer.loadForEvaluation();
      var test = trainer.testSet();
      int n = steps != null ? steps : cfg.evalSteps();
      EpLearner.Stats cold = trainer.learner().evaluate(test, null, n);
      System.out.printf("epoch %d%s, %s test set (%d examples), cold start %d steps: accuracy %.2f%%, loss %.4f, not converged %.1f%%%n",
          at.epochs(), at.stepInEpoch() > 0 ? " + " + at.stepInEpoch() + " minibatches" : "", cfg.dataset(), test.n(), n,
          100 * cold.accuracy(), cold.meanLoss(), 100.0 * cold.notConvergedFree / cold.examples);
      if (at.testParticles()) {
        EpLearner.Stats warm = trainer.learner().evaluate(test, trainer.testParticles(), cfg.tFree());
        System.out.printf("  from persistent test particles, %d steps: accuracy %.2f%%%n", cfg.tFree(), 100 * warm.accuracy());
      } else if (cfg.persistent()) {
        System.out.println("  (no persistent particles in the checkpoint: a finished run keeps them only with --keep-particles)");
      }
      if (!split.note().isEmpty()) System.out.println("  note: " + split.note());
      return 0;
    }
  }

  @Command(name = "summarize", mixinStandardHelpOptions = true,
      description = "Markdown tables of run folders: one row per run, then mean +- sd per (dataset, tau).")
  static final class Summarize implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", arity = "1..*") List<Path> runs;

    @Override
    public Integer call() throws Exception {
      List<EpRunSummary> all = new java.util.ArrayList<>();
      for (Path p : runs) all.add(EpRunSummary.read(RunDir.open(p)));
      System.out.println("| run | dataset | tau | seed | status | epochs | final test % | best test % | cold-start test % | final train % | epoch-to-epoch sd (pts) |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
      for (EpRunSummary r : all) {
        System.out.printf("| %s | %s | `%s` | %d | %s%s | %d | %.2f | %.2f | %.2f | %.2f | %.3f |%n", r.run(), r.dataset(), r.tau(),
            r.seed(), r.status(), r.collapsed() ? " (collapsed)" : "", r.epochs(), 100 * r.finalTest(), 100 * r.bestTest(),
            100 * r.coldStartTest(), 100 * r.finalTrain(), 100 * r.epochToEpochSd());
      }
      System.out.println();
      System.out.println("| dataset | tau | runs | diverged or collapsed | final test % (mean +- sd) | cold-start test % | epoch-to-epoch sd (pts, mean) |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (var e : EpRunSummary.byCondition(all).entrySet()) {
        List<EpRunSummary> g = e.getValue();
        long bad = g.stream().filter(r -> r.status().equals("diverged") || r.collapsed()).count();
        double[] fin = EpRunSummary.meanSd(g.stream().mapToDouble(EpRunSummary::finalTest).toArray());
        double[] cold = EpRunSummary.meanSd(g.stream().mapToDouble(EpRunSummary::coldStartTest).toArray());
        double fluct = EpRunSummary.meanSd(g.stream().mapToDouble(EpRunSummary::epochToEpochSd).toArray())[0];
        System.out.printf("| %s | `%s` | %d | %d | %.2f +- %.2f | %.2f +- %.2f | %.3f |%n", g.get(0).dataset(), g.get(0).tau(),
            g.size(), bad, 100 * fin[0], 100 * fin[1], 100 * cold[0], 100 * cold[1], 100 * fluct);
      }
      all.stream().map(EpRunSummary::dataNote).filter(n -> !n.isEmpty()).distinct().forEach(n -> System.out.println("\nNote: " + n));
      return 0;
    }
  }

  /** Progress bar per epoch and a one-line summary after it. */
  static final class EpProgress implements TrainLoop.Listener {
    private final EpConfig cfg;
    private ProgressReporter bar;

    EpProgress(EpConfig cfg) { this.cfg = cfg; }

    @Override public void epochStart(int epoch, long done, long stepsPerEpoch) {
      if (bar != null) bar.close();
      bar = ProgressReporter.start("epoch " + epoch + "/" + cfg.epochs(), stepsPerEpoch);
    }

    @Override public void step(long step, long stepInEpoch, Window running) {
      bar.step(stepInEpoch, String.format("acc %.2f%%", 100 * running.accuracy()), running.count());
    }

    @Override public void evaluated(Map<String, Object> r) {
      bar.close();
      bar = null;
      System.err.printf("epoch %s/%d  train %.2f%%  loss %.4f  test %.2f%%  not converged %.1f%% free / %.1f%% nudged  %.1f s  %.0f samples/s%n",
          r.get("epoch"), cfg.epochs(), 100 * (double) r.get("train_acc"), (double) r.get("train_loss"),
          100 * (double) r.get("test_acc"), 100 * (double) r.get("nonconv_free"), 100 * (double) r.get("nonconv_nudged"),
          (double) r.get("train_seconds"), (double) r.get("samples_per_s"));
    }

    @Override public void end(TrainLoop.Result result) {
      if (bar != null) bar.close();
    }
  }
}
