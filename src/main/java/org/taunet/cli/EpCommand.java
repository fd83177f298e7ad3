package org.taunet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import org.taunet.bench.EpBench;
import org.taunet.data.DatasetSplit;
import org.taunet.data.Datasets;
import org.taunet.ep.EpConfig;
import org.taunet.ep.EpLearner;
import org.taunet.ep.EpRunSummary;
import org.taunet.ep.EpTrainer;
import org.taunet.run.DataRecord;
import org.taunet.run.RunDir;
import org.taunet.run.UserError;
import org.taunet.train.TrainLoop;
import picocli.CommandLine;
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

  /** The EP family: checkpoint = network, optimizer, beta-sign stream, running window, persistent particles. */
  static final Family<EpConfig> FAMILY = new Family<>("ep", EpCommand.class, Train.class, Flags.INSTANCE,
      DiskEstimates::ep, EpBench::printTable, List.of("net/W*", "net/b*", "net/dt*", "opt/*", "rng/beta-sign/*",
          "ep/window/*", "ep/particles/train/*", "ep/particles/test/*"));

  /** The configuration flags of {@code ep train}: one per {@link EpConfig} field, over a preset. */
  static final class Flags extends ConfigOptions<EpConfig> {
    static final Flags INSTANCE = new Flags();

    Flags() {
      super(EpConfig.class, presets());
    }

    private static Map<String, Supplier<EpConfig>> presets() {
      Map<String, Supplier<EpConfig>> m = new LinkedHashMap<>();
      for (String name : EpConfig.PRESETS) m.put(name, () -> EpConfig.preset(name));
      return m;
    }

    @Override
    EpConfig resolve(CommandLine.Model.CommandSpec command) {
      EpConfig c = super.resolve(command);
      if (!Datasets.names().contains(c.dataset())) {
        throw UserError.flag("--dataset", "unknown dataset '" + c.dataset() + "'", "use one of "
            + String.join(", ", Datasets.names()));
      }
      return c;
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train an EP network into a run folder.",
      modelTransformer = Flags.class)
  static final class Train implements Callable<Integer>, SweepCommand.Validated {
    @Option(names = "--out", description = "Run folder (default: runs/ep-DATASET-TIMESTAMP).") Path out;
    @Option(names = "--resume", description = "Continue the interrupted run in this folder (its config.json is used).") Path resume;
    @Mixin DataDirOption dataDir;
    @Option(names = "--quiet", description = "No progress bar or per-epoch lines.") boolean quiet;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void validate() { Flags.INSTANCE.resolve(spec); }

    @Override
    public Integer call() throws Exception {
      CliSupport.RunSetup<EpConfig> setup = CliSupport.runFolder(spec, out, resume, EpConfig.class, () -> Flags.INSTANCE.resolve(spec),
          c -> "ep-" + c.dataset());
      EpConfig cfg = setup.config();
      java.nio.file.Path data = CliSupport.dataDir(setup.run(), setup.resuming(), dataDir);
      DatasetSplit split = setup.beforeTraining(() -> Datasets.load(cfg.dataset(), data));
      System.err.println("taunet: run folder " + setup.run().path() + (setup.resuming() ? " (resuming)" : ""));
      if (!split.note().isEmpty()) System.err.println("taunet: note: " + split.note());
      DataRecord record = setup.resuming() ? null : DataRecord.of(data, List.of(cfg.dataset()));
      TrainLoop.Result result = CliSupport.withProvenance(setup.run(), setup.resuming(), cfg.seed(),
          CliSupport.commandLine(spec), record, () -> new EpTrainer(cfg, split, setup.run())
              .train(setup.resuming(), quiet ? LoopProgress.quiet() : new LoopProgress(System.err, "step")),
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
    @Option(names = "--init-from", paramLabel = "FILE", description = "Evaluate the network tensors of this export "
        + "(.npz or .safetensors, names as 'taunet export' writes them) instead of the run's checkpoint.") Path initFrom;

    @Override
    public Integer call() throws Exception {
      RunDir run = RunDir.open(runDir);
      EpConfig cfg = run.readJson("config.json", EpConfig.class);
      DatasetSplit split = Datasets.load(cfg.dataset(), CliSupport.dataDir(run, true, dataDir));
      EpTrainer trainer = new EpTrainer(cfg, split, run);
      if (initFrom != null) {
        trainer.initFrom(initFrom);
        int n = steps != null ? steps : cfg.evalSteps();
        EpLearner.Stats cold = trainer.learner().evaluate(trainer.testSet(), null, n);
        System.out.printf("%s, %s test set (%d examples), cold start %d steps: accuracy %.2f%%, loss %.4f, not converged %.1f%%%n",
            initFrom, cfg.dataset(), trainer.testSet().n(), n, 100 * cold.accuracy(), cold.meanLoss(),
            100.0 * cold.notConvergedFree / cold.examples);
        return 0;
      }
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
}
