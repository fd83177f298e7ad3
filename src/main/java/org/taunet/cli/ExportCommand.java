package org.taunet.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taunet.data.NdArray;
import org.taunet.elm.ElmConfig;
import org.taunet.elm.ElmTensors;
import org.taunet.elm.ElmTrainer;
import org.taunet.run.RunDir;
import org.taunet.train.ExportLayout;
import org.taunet.train.TrainLoop;
import org.taunet.train.WeightsExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code taunet export RUN}: a run's trained tensors as .npz or .safetensors ({@link WeightsExport}). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a run's trained tensors (RUN/checkpoint.bin) by name, float32 with their shapes, and "
        + "RUN/config.json as metadata, for NumPy or safetensors (docs/python.md)."})
public final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN", description = "A run folder with checkpoint.bin and config.json.") Path run;

  @Option(names = "--format", defaultValue = "npz", paramLabel = "npz|safetensors",
      description = "File format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--optimizer", description = "Also export the optimizer state (opt/...: moments, step count).")
  boolean optimizer;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: RUN/weights.npz or "
      + "RUN/weights.safetensors).")
  Path out;

  /** ELM runs only: the names of the parameter vector's pieces come from the model built on the run's data. */
  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() throws Exception {
    WeightsExport.Format f = WeightsExport.Format.parse(format);
    WeightsExport.Result r = WeightsExport.export(run, f, optimizer, out, layout(run, dataDir));
    System.out.println("export: " + r.file() + " (" + r.family() + ", " + r.tensors().size() + " tensors)");
    for (Map.Entry<String, NdArray> e : r.tensors().entrySet()) {
      System.out.println("  " + e.getKey() + " " + e.getValue().dtype().code() + " " + Arrays.toString(e.getValue().shape()));
    }
    return 0;
  }

  /**
   * The names of the run's network tensors: as stored for EP and RNN; for ELM and the LSTM the pieces of the
   * parameter vector ({@link ElmTensors}), from the model the run's config builds on its data (as {@code elm eval}).
   */
  static ExportLayout layout(Path run, DataDirOption dataDir) throws Exception {
    Path ck = run.resolve(TrainLoop.CHECKPOINT);
    if (!java.nio.file.Files.isRegularFile(ck) || !ElmTrainer.FAMILY.equals(WeightsExport.family(ck))) {
      return ExportLayout.IDENTITY; // export() names a missing or foreign checkpoint
    }
    RunDir dir = RunDir.open(run);
    ElmConfig cfg = dir.readJson(RunDir.CONFIG, ElmConfig.class);
    return ElmTrainer.load(cfg, CliSupport.dataDir(dir, true, dataDir), dir).exportLayout();
  }
}
