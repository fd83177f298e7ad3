package org.taunet.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.taunet.data.NdArray;
import org.taunet.data.NpyWriter;
import org.taunet.data.seq.SequenceTask;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmRecorder;
import org.taunet.elm.ElmTrainer;
import org.taunet.rnn.RnnConfig;
import org.taunet.rnn.RnnRecorder;
import org.taunet.rnn.RnnTrainer;
import org.taunet.run.RunDir;
import org.taunet.run.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet rnn record} and {@code taunet elm record}: a trained network's activity as an .npz for NumPy. */
final class RecordCommand {
  private RecordCommand() {}

  /** The default file in the run folder. */
  static final String FILE = "activity.npz";

  @Command(name = "record", mixinStandardHelpOptions = true,
      description = {"Record the activity of a run's network (its checkpoint, or --init-from) on fresh trials, noise-free "
          + "as evaluation runs them: inputs, targets, mask, states x, rates, outputs as [trials, T, units] float32 "
          + "arrays, plus labels, read_step, delay_steps, tau, dt_ms (docs/python.md)."})
  static final class Rnn implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR") Path runDir;
    @Option(names = "--trials", defaultValue = "256", description = "Fresh trials, rounded up to whole minibatches of the "
        + "run's batch size (default: ${DEFAULT-VALUE}).") int trials;
    @Option(names = "--seed", defaultValue = "12345", description = "Seed of the trials; the same seed and --trials give "
        + "rnn eval's trials (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--out", paramLabel = "FILE", description = "Output .npz (default: RUN_DIR/" + FILE + ").") Path out;
    @Option(names = "--init-from", paramLabel = "FILE", description = "Record the network of this export instead of "
        + "the run's checkpoint.") Path initFrom;

    @Override
    public Integer call() throws Exception {
      if (trials < 1) throw UserError.flag("--trials", "must be >= 1, got " + trials, null);
      RunDir run = RunDir.open(runDir);
      RnnConfig cfg = run.readJson(RunDir.CONFIG, RnnConfig.class);
      RnnTrainer trainer = new RnnTrainer(cfg, run);
      if (initFrom != null) trainer.initFrom(initFrom);
      else trainer.loadForEvaluation();
      Map<String, NdArray> rec = RnnRecorder.record(trainer.network(), trainer.task(), cfg.batchSize(), trials,
          new SplittableRandom(seed));
      Path file = out != null ? out : run.file(FILE);
      NpyWriter.writeNpz(file, rec);
      print(file, rec, String.format(Locale.ROOT, "accuracy %.2f%%", 100 * RnnRecorder.accuracy(rec)));
      return 0;
    }
  }

  @Command(name = "record", mixinStandardHelpOptions = true,
      description = {"Record the activity of a run's ELM network (its checkpoint, or --init-from) on the first trials "
          + "of its evaluation data: inputs, memory states, outputs (logits at every step) as [trials, T, units] "
          + "float32 arrays, plus labels, tau_m, dt (docs/python.md). Sequence classification tasks only."})
  static final class Elm implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR") Path runDir;
    @Option(names = "--trials", defaultValue = "64", description = "Sequences, the first of the split (default: "
        + "${DEFAULT-VALUE}; fewer if the split is smaller).") int trials;
    @Option(names = "--split", defaultValue = "test", paramLabel = "valid|test", description = "Which evaluation data "
        + "(default: ${DEFAULT-VALUE}).") String split;
    @Option(names = "--out", paramLabel = "FILE", description = "Output .npz (default: RUN_DIR/" + FILE + ").") Path out;
    @Option(names = "--init-from", paramLabel = "FILE", description = "Record the network of this export instead of "
        + "the run's checkpoint.") Path initFrom;
    @Mixin DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
      if (trials < 1) throw UserError.flag("--trials", "must be >= 1, got " + trials, null);
      SequenceTask.Split which = switch (split.toLowerCase(Locale.ROOT)) {
        case "valid" -> SequenceTask.Split.VALID;
        case "test" -> SequenceTask.Split.TEST;
        default -> throw UserError.flag("--split", "unknown split '" + split + "'", "use valid or test");
      };
      RunDir run = RunDir.open(runDir);
      ElmConfig cfg = run.readJson(RunDir.CONFIG, ElmConfig.class);
      if (cfg.charLevel() || cfg.model() != ElmConfig.Model.ELM) {
        throw UserError.file(run.file(RunDir.CONFIG), "elm record records ELM networks on sequence classification "
            + "tasks; this run is " + cfg.model() + " on " + cfg.task(), null, null);
      }
      ElmTrainer trainer = ElmTrainer.load(cfg, CliSupport.dataDir(run, true, dataDir), run);
      if (initFrom != null) trainer.initFrom(initFrom);
      else trainer.loadCheckpoint();
      Map<String, NdArray> rec = ElmRecorder.record(trainer.model(), trainer.task(), which, trials, cfg.batchSize());
      Path file = out != null ? out : run.file(FILE);
      NpyWriter.writeNpz(file, rec);
      print(file, rec, String.format(Locale.ROOT, "accuracy %.2f%%", 100 * ElmRecorder.accuracy(rec)));
      return 0;
    }
  }

  private static void print(Path file, Map<String, NdArray> rec, String note) {
    System.out.println("record: " + file + " (" + rec.get("labels").shape()[0] + " trials, " + note + ")");
    for (Map.Entry<String, NdArray> e : rec.entrySet()) {
      System.out.println("  " + e.getKey() + " " + e.getValue().dtype().code() + " " + Arrays.toString(e.getValue().shape()));
    }
  }
}
