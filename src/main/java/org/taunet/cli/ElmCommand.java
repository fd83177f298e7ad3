package org.taunet.cli;

import static org.taunet.cli.CliSupport.or;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taunet.elm.ElmBudget;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmShape;
import org.taunet.elm.ElmTrainer;
import org.taunet.run.Json;
import org.taunet.run.DataRecord;
import org.taunet.run.RunDir;
import org.taunet.seq.Lstm;
import org.taunet.train.LoopState;
import org.taunet.train.TrainLoop;
import org.taunet.train.Window;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet elm train|eval|params}: networks of Expressive Leaky Memory neurons and the LSTM baseline. */
@Command(name = "elm", mixinStandardHelpOptions = true,
    description = "ELM networks of Expressive Leaky Memory neurons (and an LSTM baseline): train, eval, params.",
    subcommands = {ElmCommand.Train.class, ElmCommand.Eval.class, ElmCommand.Params.class})
public final class ElmCommand implements Runnable {
  @Override public void run() { new CommandLine(this).usage(System.out); }

  /**
   * {@code -h, --help} for the commands that mix in {@link ConfigFlags}: its {@code --version} (the ELM memory update)
   * clashes with the standard {@code -V, --version}, and picocli then drops the standard help options altogether.
   */
  static final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;
  }

  /** Flags mapping one-to-one onto {@link ElmConfig} fields; null means "the default" ({@link ElmConfig#defaults()}). */
  static final class ConfigFlags {
    @Option(names = "--task", description = "fsdd-adding, shd-adding, fsdd, shd, text (GCIDE) or enwik8.") String task;
    @Option(names = "--model", description = "ELM or LSTM.") ElmConfig.Model model;
    @Option(names = "--units", description = "N, ELM neurons.") Integer units;
    @Option(names = "--ke", description = "k_e = d_m, memory units per neuron (MLP width 2 k_e).") Integer ke;
    @Option(names = "--kc", description = "k_c, synapses per neuron (0: all inputs and other units).") Integer kc;
    @Option(names = "--branches", description = "Dendritic branches per neuron (0: one per synapse).") Integer branches;
    @Option(names = "--mlp-hidden", description = "MLP width d_mlp (0: 2 k_e).") Integer mlpHidden;
    @Option(names = "--version", description = "V1 or V2 memory update (this --version replaces the standard one).")
    ElmShape.Version version;
    @Option(names = "--activation", description = "RELU or SILU.") ElmShape.Activation activation;
    @Option(names = "--tau-min", description = "Lower bound of tau_m (ms; steps for text).") Double tauMin;
    @Option(names = "--tau-max", description = "Upper bound of tau_m.") Double tauMax;
    @Option(names = "--tau", description = "tau spec for tau_m instead of log-spacing, e.g. lognormal:mu=3.9,sigma=1 (median e^3.9 = 50 ms).") String tau;
    @Option(names = "--learn-tau", arity = "1", description = "Train tau_m (true/false).") Boolean learnTau;
    @Option(names = "--tau-s", description = "Synaptic time constant tau_s.") Double tauS;
    @Option(names = "--lambda", description = "Memory update scale lambda.") Double lambda;
    @Option(names = "--ws-init", description = "Initial synaptic weight w_s.") Double wsInit;
    @Option(names = "--hidden", description = "LSTM hidden units.") Integer hidden;
    @Option(names = "--budget", description = "Parameter budget P: largest k_c (ELM) / hidden size (LSTM) that fits (0: none).") Long budget;
    @Option(names = "--bin-ms", description = "Spike bin width in ms (the time step).") Double binMs;
    @Option(names = "--epochs") Integer epochs;
    @Option(names = "--batch-size") Integer batchSize;
    @Option(names = "--lr", description = "Adam learning rate.") Double lr;
    @Option(names = "--grad-clip", description = "Global gradient-norm clip (0: none).") Double gradClip;
    @Option(names = "--segment", description = "Text: truncated-BPTT segment length.") Integer segment;
    @Option(names = "--eval-every", description = "Text: steps between evaluations.") Integer evalEvery;
    @Option(names = "--eval-bytes", description = "Text: held-out bytes evaluated (0: all).") Long evalBytes;
    @Option(names = "--minutes", description = "Training-time budget in minutes, including the time before a resume "
        + "(0: none).") Double minutes;
    @Option(names = "--checkpoint-every", description = "Steps between extra checkpoints (0: only those with each "
        + "metrics row, at epoch ends / evaluations).") Integer checkpointEvery;
    @Option(names = "--checkpoint-minutes", description = "Minutes of training between extra checkpoints, also "
        + "mid-epoch (0: none).") Double checkpointMinutes;
    @Option(names = "--seed", description = "Master seed.") Long seed;

    ElmConfig resolve() {
      ElmConfig d = ElmConfig.defaults();
      return new ElmConfig(or(task, d.task()), or(model, d.model()), or(units, d.units()), or(ke, d.ke()), or(kc, d.kc()),
          or(branches, d.branches()), or(mlpHidden, d.mlpHidden()), or(version, d.version()), or(activation, d.activation()),
          or(tauMin, d.tauMin()), or(tauMax, d.tauMax()), or(tau, d.tau()), or(learnTau, d.learnTau()), or(tauS, d.tauS()),
          or(lambda, d.lambda()), or(wsInit, d.wsInit()), or(hidden, d.hidden()), or(budget, d.budget()),
          or(binMs, d.binMs()), or(epochs, d.epochs()), or(batchSize, d.batchSize()), or(lr, d.lr()),
          or(gradClip, d.gradClip()), or(segment, d.segment()), or(evalEvery, d.evalEvery()), or(evalBytes, d.evalBytes()),
          or(minutes, d.minutes()), or(checkpointEvery, d.checkpointEvery()),
          or(checkpointMinutes, d.checkpointMinutes()), or(seed, d.seed()));
    }
  }

  @Command(name = "train", description = "Train an ELM network or LSTM into a run folder.")
  static final class Train implements Callable<Integer>, SweepCommand.Validated {
    @Mixin ConfigFlags flags;
    @Mixin HelpOption help;
    @Option(names = "--out", description = "Run folder (default: runs/elm-TASK-MODEL-TIMESTAMP).") Path out;
    @Option(names = "--resume", description = "Continue the interrupted run in this folder (its config.json is used).") Path resume;
    @Mixin DataDirOption dataDir;
    @Option(names = "--quiet", description = "No progress bar or per-row lines.") boolean quiet;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void validate() { flags.resolve(); }

    @Override
    public Integer call() throws Exception {
      CliSupport.RunSetup<ElmConfig> setup = CliSupport.runFolder(spec, out, resume, ElmConfig.class, flags::resolve,
          c -> "elm-" + c.task() + "-" + c.model().name().toLowerCase(java.util.Locale.ROOT));
      ElmConfig cfg = setup.config();
      java.nio.file.Path data = CliSupport.dataDir(setup.run(), setup.resuming(), dataDir);
      ElmTrainer trainer = ElmTrainer.load(cfg, data, setup.run());
      DataRecord record = setup.resuming() ? null : DataRecord.of(data, dataFolders(cfg));
      System.err.println("taunet: run folder " + setup.run().path() + (setup.resuming() ? " (resuming)" : ""));
      System.err.println("taunet: " + trainer.model().describe());
      TrainLoop.Result result = CliSupport.withProvenance(setup.run(), setup.resuming(), cfg.seed(),
          CliSupport.commandLine(spec), record,
          () -> trainer.train(setup.resuming(), quiet ? new TrainLoop.Listener() {} : new Progress(cfg.charLevel())),
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

    @Override
    public Integer call() throws Exception {
      RunDir run = RunDir.open(runDir);
      ElmConfig cfg = run.readJson("config.json", ElmConfig.class);
      ElmTrainer trainer = ElmTrainer.load(cfg, CliSupport.dataDir(run, true, dataDir), run);
      System.out.println(Json.toString(trainer.evaluateCheckpoint()));
      return 0;
    }
  }

  @Command(name = "params",
      description = "Exact trainable-parameter count of a configuration; with --budget, the (N, k_e, k_c) allocations that fit.")
  static final class Params implements Callable<Integer> {
    @Mixin ConfigFlags flags;
    @Mixin HelpOption help;
    @Option(names = "--inputs", defaultValue = "700", description = "Input channels (default: ${DEFAULT-VALUE}, SHD).") int inputs;
    @Option(names = "--outputs", defaultValue = "20", description = "Classes (default: ${DEFAULT-VALUE}, SHD).") int outputs;
    @Option(names = "--slack", defaultValue = "0.1", description = "List allocations using at least (1 - slack) P (default: ${DEFAULT-VALUE}).") double slack;

    @Override
    public Integer call() {
      ElmConfig cfg = flags.resolve();
      if (cfg.model() == ElmConfig.Model.LSTM) {
        int h = cfg.lstmHidden(inputs, outputs);
        System.out.printf("LSTM H=%d, %d inputs, %d outputs: %d parameters%n", h, inputs, outputs, Lstm.paramCount(inputs, h, outputs));
        return 0;
      }
      if (cfg.budget() > 0) {
        System.out.printf("ELM allocations within budget P = %d (%d inputs, %d outputs, >= %.0f%% of P):%n", cfg.budget(),
            inputs, outputs, 100 * (1 - slack));
        System.out.printf("%8s %6s %8s %12s%n", "N", "k_e", "k_c", "params");
        for (ElmBudget.Point p : ElmBudget.fit(cfg, inputs, outputs, cfg.budget(), slack)) {
          System.out.printf("%8d %6d %8d %12d%n", p.units(), p.ke(), p.kc(), p.params());
        }
        return 0;
      }
      ElmShape s = cfg.shape(inputs, outputs);
      System.out.printf("ELM N=%d, k_e=d_m=%d, d_mlp=%d, k_c=%d, branches=%d, %d inputs, %d outputs: %d parameters "
          + "(%d per unit, %d readout)%n", s.units(), s.memory(), s.mlpHidden(), s.synapses(), s.branches(), inputs,
          outputs, s.paramCount(), s.paramsPerUnit(), s.readoutParams());
      return 0;
    }
  }

  /** Progress bar per epoch and a line per metrics row. */
  static final class Progress implements TrainLoop.Listener {
    private static final double LN2 = Math.log(2);
    private final boolean text;
    private ProgressReporter bar;
    private long epochs, perEpoch;
    private String label = "";

    Progress(boolean text) {
      this.text = text;
    }

    @Override public void start(LoopState from, long totalSteps) {
      epochs = totalSteps;
    }

    @Override public void epochStart(int epoch, long done, long stepsPerEpoch) {
      if (bar != null) bar.close();
      perEpoch = stepsPerEpoch;
      label = "epoch " + epoch + "/" + epochs / Math.max(1, stepsPerEpoch);
      bar = ProgressReporter.start(label, stepsPerEpoch);
    }

    @Override public void step(long step, long stepInEpoch, Window running) {
      String message = text ? String.format("train %.3f bpc", running.meanLoss() / LN2)
          : String.format("loss %.3f acc %.1f%%", running.meanLoss(), 100 * running.accuracy());
      if (bar == null) bar = ProgressReporter.start(label, perEpoch); // after a row printed mid-epoch
      bar.step(stepInEpoch, message, stepInEpoch);
    }

    @Override public void evaluated(Map<String, Object> row) {
      if (bar != null) bar.close();
      bar = null;
      StringBuilder sb = new StringBuilder();
      row.forEach((k, v) -> sb.append(k).append(' ').append(v instanceof Double d ? String.format("%.4f", d) : v).append("  "));
      System.err.println(sb.toString().trim());
    }

    @Override public void end(TrainLoop.Result result) {
      if (bar != null) bar.close();
      bar = null;
    }
  }
}
