package org.taunet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taunet.bench.ElmBench;
import org.taunet.elm.ElmAllocations;
import org.taunet.elm.ElmBudget;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmShape;
import org.taunet.elm.ElmTrainer;
import org.taunet.run.Json;
import org.taunet.run.DataRecord;
import org.taunet.run.RunDir;
import org.taunet.train.TrainLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet elm train|eval|params|budget}: networks of Expressive Leaky Memory neurons and their baselines. */
@Command(name = "elm", mixinStandardHelpOptions = true,
    description = "ELM networks of Expressive Leaky Memory neurons (and LSTM and leaky-RNN baselines): train, eval, "
        + "record, params, budget.",
    subcommands = {ElmCommand.Train.class, ElmCommand.Eval.class, RecordCommand.Elm.class, ElmCommand.Params.class,
        ElmCommand.Budget.class})
public final class ElmCommand implements Runnable {
  @Override public void run() { new CommandLine(this).usage(System.out); }

  /**
   * The ELM family (and its LSTM and leaky-RNN baselines): flat parameters, carried state (text), optimizer, data
   * position (text).
   */
  static final Family<ElmConfig> FAMILY = new Family<>("elm", ElmCommand.class, Train.class, Flags.INSTANCE,
      DiskEstimates::elm, CostEstimates::elm, ElmBench::printTable, List.of("net/params", "net/state", "opt/*", "data/position"));

  /**
   * {@code -h, --help} for the commands that mix in {@link ConfigFlags}: its {@code --version} (the ELM memory update)
   * clashes with the standard {@code -V, --version}, and picocli then drops the standard help options altogether.
   */
  static final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;
  }

  /** The configuration flags of {@code elm train} and {@code elm params}: one per {@link ElmConfig} field. */
  static final class Flags extends ConfigOptions<ElmConfig> {
    static final Flags INSTANCE = new Flags();

    Flags() {
      super(ElmConfig.class, ElmConfig::defaults);
    }
  }

  @Command(name = "train", description = "Train an ELM network, LSTM or leaky RNN into a run folder.", modelTransformer = Flags.class)
  static final class Train implements Callable<Integer>, SweepCommand.Validated {
    @Mixin HelpOption help;
    @Option(names = "--out", description = "Run folder (default: runs/elm-TASK-MODEL-TIMESTAMP).") Path out;
    @Option(names = "--resume", description = "Continue the interrupted run in this folder (its config.json is used).") Path resume;
    @Mixin DataDirOption dataDir;
    @Option(names = "--quiet", description = "No progress bar or per-row lines.") boolean quiet;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void validate() { Flags.INSTANCE.resolve(spec); }

    @Override
    public Integer call() throws Exception {
      CliSupport.RunSetup<ElmConfig> setup = CliSupport.runFolder(spec, out, resume, ElmConfig.class, () -> Flags.INSTANCE.resolve(spec),
          c -> "elm-" + c.task() + "-" + c.model().name().toLowerCase(java.util.Locale.ROOT));
      ElmConfig cfg = setup.config();
      java.nio.file.Path data = CliSupport.dataDir(setup.run(), setup.resuming(), dataDir);
      ElmTrainer trainer = setup.beforeTraining(() -> ElmTrainer.load(cfg, data, setup.run()));
      DataRecord record = setup.resuming() ? null : DataRecord.of(data, dataFolders(cfg));
      System.err.println("taunet: run folder " + setup.run().path() + (setup.resuming() ? " (resuming)" : ""));
      System.err.println("taunet: " + trainer.model().describe());
      TrainLoop.Result result = CliSupport.withProvenance(setup.run(), setup.resuming(), cfg.seed(),
          CliSupport.commandLine(spec), record,
          () -> trainer.train(setup.resuming(), quiet ? LoopProgress.quiet() : new LoopProgress(System.err, "step")),
          r -> r.status() == TrainLoop.Status.DIVERGED ? "diverged" : "finished");
      System.out.println(result.status() + " " + Json.toString(result.summary()));
      return result.status() == TrainLoop.Status.DIVERGED ? 3 : 0;
    }
  }

  /** The dataset folders (under the data folder) a config reads, for the run's {@link DataRecord} record. */
  static List<String> dataFolders(ElmConfig cfg) {
    if (cfg.charLevel()) return List.of(cfg.task().equals("text") ? "text" : "enwik8");
    return List.of(cfg.task().startsWith("shd") ? "shd" : "fsdd");
  }

  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a run's last checkpoint on its valid and test data.")
  static final class Eval implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR") Path runDir;
    @Mixin DataDirOption dataDir;
    @Option(names = "--init-from", paramLabel = "FILE", description = "Evaluate the network tensors of this export "
        + "(.npz or .safetensors, names as 'taunet export' writes them) instead of the run's checkpoint.") Path initFrom;

    @Override
    public Integer call() throws Exception {
      RunDir run = RunDir.open(runDir);
      ElmConfig cfg = run.readJson("config.json", ElmConfig.class);
      ElmTrainer trainer = ElmTrainer.load(cfg, CliSupport.dataDir(run, true, dataDir), run);
      if (initFrom != null) {
        trainer.initFrom(initFrom);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("init_from", initFrom.toString());
        out.putAll(trainer.evaluateModel());
        System.out.println(Json.toString(out));
        return 0;
      }
      System.out.println(Json.toString(trainer.evaluateCheckpoint()));
      return 0;
    }
  }

  @Command(name = "params", modelTransformer = Flags.class,
      description = "Exact trainable-parameter count of a configuration (the ELM, LSTM or leaky-RNN baseline; with "
          + "--budget the baseline's largest hidden size that fits).")
  static final class Params implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin HelpOption help;
    @Option(names = "--inputs", defaultValue = "700", description = "Input channels (default: ${DEFAULT-VALUE}, SHD).") int inputs;
    @Option(names = "--outputs", defaultValue = "20", description = "Classes (default: ${DEFAULT-VALUE}, SHD).") int outputs;

    @Override
    public Integer call() {
      ElmConfig cfg = Flags.INSTANCE.resolve(spec);
      if (cfg.model() != ElmConfig.Model.ELM) {
        int h = cfg.baselineHidden(inputs, outputs);
        System.out.printf("%s H=%d, %d inputs, %d outputs: %d parameters%n", cfg.model().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            h, inputs, outputs, cfg.baselineParams(inputs, h, outputs));
        return 0;
      }
      ElmShape s = cfg.shape(inputs, outputs);
      System.out.printf("ELM N=%d, k_e=d_m=%d, d_mlp=%d, k_c=%d, branches=%d, %d inputs, %d outputs: %d parameters "
          + "(%d per unit, %d readout)%n", s.units(), s.memory(), s.mlpHidden(), s.synapses(), s.branches(), inputs,
          outputs, s.paramCount(), s.paramsPerUnit(), s.readoutParams());
      return 0;
    }
  }

  @Command(name = "budget", mixinStandardHelpOptions = true,
      description = "Every ELM allocation (N, k_e, k_c) on the ladders whose exact parameter count is within "
          + "--tolerance of P, with that count (default architecture: d_mlp = 2 k_e, no branches, fixed tau).")
  static final class Budget implements Callable<Integer> {
    @Option(names = "--params", required = true, description = "Parameter budget P (1e4 and 10000 both work).") double params;
    @Option(names = "--tolerance", defaultValue = "0.1", description = "List allocations with |count - P| <= tolerance P (default: ${DEFAULT-VALUE}).") double tolerance;
    @Option(names = "--task", defaultValue = "fsdd-adding", description = "Sets inputs and outputs: fsdd, fsdd-adding, shd, shd-adding (default: ${DEFAULT-VALUE}).") String task;
    @Option(names = "--inputs", description = "Input channels (overrides --task).") Integer inputs;
    @Option(names = "--outputs", description = "Classes (overrides --task).") Integer outputs;
    @Option(names = "--ladder", defaultValue = "pow2", description = "Values of N, k_e, k_c: pow2 (1, 2, 4, ...) or dense (1, 2, 3, 4, 6, 8, ...) (default: ${DEFAULT-VALUE}).") String ladder;
    @Option(names = "--max-units", defaultValue = "1024", description = "Largest N (default: ${DEFAULT-VALUE}).") int maxUnits;
    @Option(names = "--max-ke", defaultValue = "512", description = "Largest k_e (default: ${DEFAULT-VALUE}).") int maxKe;
    @Option(names = "--max-kc", defaultValue = "0", description = "Largest k_c (default: ${DEFAULT-VALUE} = the source pool, inputs + N - 1).") int maxKc;
    @Option(names = "--pick", defaultValue = "all", description = "all: every allocation in range; closest: one per (N, k_e), the k_c nearest P (default: ${DEFAULT-VALUE}).") String pick;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Map<String, List<String>> args = new LinkedHashMap<>();
      args.put("budget", List.of(String.valueOf((long) params)));
      args.put("task", List.of(task));
      if (inputs != null) args.put("inputs", List.of(String.valueOf(inputs)));
      if (outputs != null) args.put("outputs", List.of(String.valueOf(outputs)));
      args.put("tolerance", List.of(String.valueOf(tolerance)));
      args.put("ladder", List.of(ladder));
      args.put("max-units", List.of(String.valueOf(maxUnits)));
      args.put("max-ke", List.of(String.valueOf(maxKe)));
      args.put("max-kc", List.of(String.valueOf(maxKc)));
      args.put("pick", List.of(pick));
      List<ElmBudget.Point> points;
      try {
        points = ElmAllocations.points(args);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      System.out.printf("ELM allocations within %.0f%% of P = %d (%s ladder):%n", 100 * tolerance, (long) params, ladder);
      System.out.printf("%6s %6s %6s %12s %8s%n", "N", "k_e", "k_c", "params", "vs P");
      for (ElmBudget.Point p : points) {
        System.out.printf(Locale.ROOT, "%6d %6d %6d %12d %+7.1f%%%n", p.units(), p.ke(), p.kc(), p.params(),
            100.0 * (p.params() - (long) params) / (long) params);
      }
      System.out.println(points.size() + " allocations");
      return 0;
    }
  }
}
