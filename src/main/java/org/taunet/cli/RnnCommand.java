package org.taunet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.taunet.bench.RnnBench;
import org.taunet.report.RnnStudyReport;
import org.taunet.report.TaskPlot;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnStudy;
import org.taunet.rnn.RnnTrainer;
import org.taunet.run.RunDir;
import org.taunet.run.UserError;
import org.taunet.tasks.Task;
import org.taunet.tasks.TaskDef;
import org.taunet.tasks.Tasks;
import org.taunet.train.TrainLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code taunet rnn train|eval|study|task}: multi-tau rate RNNs trained by BPTT on working-memory tasks. */
@Command(name = "rnn", mixinStandardHelpOptions = true, description = "Multi-tau rate RNNs: train, eval, record, study, task.",
    subcommands = {RnnCommand.Train.class, RnnCommand.Eval.class, RecordCommand.Rnn.class, RnnCommand.Study.class,
        RnnCommand.TaskCommand.class})
public final class RnnCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(System.out); }

  /** The RNN family: parameters and taus, optimizer, the initial network (for the end-of-run comparisons). */
  static final Family<RnnConfig> FAMILY = new Family<>("rnn", RnnCommand.class, Train.class, Flags.INSTANCE,
      DiskEstimates::rnn, RnnBench::printTable, List.of("net/*", "opt/*", "init/W", "init/Win", "init/tau"));

  /** The configuration flags of {@code rnn train} and {@code rnn study}: one per {@link RnnConfig} field. */
  static final class Flags extends ConfigOptions<RnnConfig> {
    static final Flags INSTANCE = new Flags();

    Flags() {
      super(RnnConfig.class, RnnConfig::defaults);
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train an RNN into a run folder.",
      modelTransformer = Flags.class)
  static final class Train implements Callable<Integer>, SweepCommand.Validated {
    @Option(names = "--out", description = "Run folder (default: runs/rnn-TASK-TAU-TIMESTAMP).") Path out;
    @Option(names = "--resume", description = "Continue the interrupted run in this folder (its config.json is used).") Path resume;
    @Option(names = "--quiet", description = "No progress bar or per-evaluation lines.") boolean quiet;
    @Spec CommandSpec spec;

    @Override public void validate() { Flags.INSTANCE.resolve(spec); }

    @Override
    public Integer call() throws Exception {
      CliSupport.RunSetup<RnnConfig> setup = CliSupport.runFolder(spec, out, resume, RnnConfig.class, () -> {
        RnnConfig c = Flags.INSTANCE.resolve(spec);
        RnnTrainer.newNetwork(c, c.newTask()); // e.g. alpha > 1: fail before making a folder
        return c;
      }, c -> "rnn-" + c.task().replaceAll("[^A-Za-z0-9.-]+", "_") + "-" + c.tau().spec().replaceAll("[^A-Za-z0-9.]+", "_"));
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
   * says running, then finished, diverged or failed. Progress: {@link LoopProgress} unless {@code quiet}.
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
    @Option(names = "--init-from", paramLabel = "FILE", description = "Evaluate the network tensors of this export "
        + "(.npz or .safetensors, names as 'taunet export' writes them) instead of the run's checkpoint.") Path initFrom;

    @Override
    public Integer call() throws Exception {
      RunDir run = RunDir.open(runDir);
      RnnConfig cfg = run.readJson(RunDir.CONFIG, RnnConfig.class);
      RnnTrainer trainer = new RnnTrainer(cfg, run);
      String from;
      if (initFrom != null) {
        trainer.initFrom(initFrom);
        from = initFrom.toString();
      } else {
        from = "step " + trainer.loadForEvaluation();
      }
      double[] r = RnnTrainer.evaluateFresh(trainer.network(), trainer.task(), cfg, trials, new java.util.SplittableRandom(seed));
      int n = (trials + cfg.batchSize() - 1) / cfg.batchSize() * cfg.batchSize();
      System.out.printf("%s, %s, %d fresh trials: accuracy %.2f%%, loss %.4f%n", from, cfg.task(), n, 100 * r[1], r[0]);
      return 0;
    }
  }

  @Command(name = "study", mixinStandardHelpOptions = true, modelTransformer = Flags.class,
      description = "Train the four seed tau conditions x seeds on a task; write table.csv, table.md and PNG plots. "
          + "The configuration flags set every run but tau and seed, which --conditions and --seeds set.")
  static final class Study implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "5", description = "Seeds 1..N per condition (default: ${DEFAULT-VALUE}).") int seeds;
    @Option(names = "--conditions", split = ",", defaultValue = "vanilla,normal,uniform,bimodal",
        description = "tau conditions or specs (default: ${DEFAULT-VALUE}).") List<String> conditions;
    @Option(names = "--workers", defaultValue = "1", description = "Runs trained in parallel threads (default: ${DEFAULT-VALUE}).") int workers;
    @Option(names = "--out", required = true, description = "Study folder: one run folder per condition and seed, plus the table and plots.") Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CommandSpec flags = spec.mixins().get(ConfigOptions.MIXIN);
      for (String f : List.of("--tau", "--seed")) {
        OptionSpec o = flags.findOption(f);
        if (o != null && o.getValue() != null) {
          throw new CommandLine.ParameterException(spec.commandLine(), "study sets --tau and --seed itself; use --conditions and --seeds");
        }
      }
      RnnConfig base = Flags.INSTANCE.resolve(spec);
      RnnStudy study = new RnnStudy(base, conditions, seeds, out);
      study.run(workers, (run, cfg, resuming) -> trainInto(run, cfg, resuming, CliSupport.commandLine(spec), true),
          System.err);
      RnnStudyReport.write(out, base.task(), study.runsByCondition());
      System.out.println(java.nio.file.Files.readString(out.resolve(RnnStudyReport.TABLE_MD)));
      return 0;
    }
  }

  @Command(name = "task", mixinStandardHelpOptions = true, description = "The trial tasks: list them, show one, dump trials.",
      subcommands = {TaskCommand.ListTasks.class, TaskCommand.Show.class, TaskDumpCommand.class})
  static final class TaskCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every registered task with its summary.")
    static final class ListTasks implements Callable<Integer> {
      @Override
      public Integer call() {
        for (String name : Tasks.names()) System.out.printf("%-20s %s%n", name, Tasks.def(name).summary());
        return 0;
      }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "A task's periods, arguments, channels and trial length; with --png, one trial plotted.")
    static final class Show implements Callable<Integer> {
      @Parameters(paramLabel = "TASK") String name;
      @Option(names = "--dt-ms", defaultValue = "50", description = "Time step in ms (default: ${DEFAULT-VALUE}).") double dtMs;
      @Option(names = "--timing", split = ",", paramLabel = "PERIOD=SPEC", description = "Period durations overriding the task's, as in rnn train --timing.") List<String> timing = List.of();
      @Option(names = {"--task-args", "--task-arg"}, split = ",", paramLabel = "NAME=VALUE", description = "Task arguments overriding the task's, as in rnn train --task-args.") List<String> args = List.of();
      @Option(names = "--seed", defaultValue = "1", description = "Seed of the plotted trial (default: ${DEFAULT-VALUE}).") long seed;
      @Option(names = "--png", paramLabel = "FILE", description = "Write a plot of one trial (inputs, targets, mask) here.") Path png;

      @Override
      public Integer call() throws Exception {
        TaskDef def;
        try {
          def = Tasks.def(name);
        } catch (IllegalArgumentException e) {
          throw UserError.flag("TASK", e.getMessage(), "'taunet rnn task list' lists them");
        }
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) throw UserError.flag("--dt-ms", "must be > 0, got " + dtMs, null);
        Task task;
        try {
          task = Tasks.create(name, dtMs, timing, args);
        } catch (IllegalArgumentException e) {
          throw UserError.flag(timing.isEmpty() ? "--task-args" : "--timing / --task-args", e.getMessage(), null);
        }
        System.out.print(def.describe(dtMs));
        if (!timing.isEmpty() || !args.isEmpty()) {
          System.out.printf("with %s: trial length up to %d steps%n", String.join(", ", concat(timing, args)), task.maxSteps());
        }
        if (png != null) {
          TaskPlot.write(png, task, task.sample(new java.util.SplittableRandom(seed)));
          System.out.println("wrote " + png);
        }
        return 0;
      }

      private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
      }
    }
  }
}
