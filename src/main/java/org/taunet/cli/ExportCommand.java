package org.taunet.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taunet.data.NdArray;
import org.taunet.train.WeightsExport;
import picocli.CommandLine.Command;
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

  @Override
  public Integer call() throws Exception {
    WeightsExport.Result r = WeightsExport.export(run, WeightsExport.Format.parse(format), optimizer, out);
    System.out.println("export: " + r.file() + " (" + r.family() + ", " + r.tensors().size() + " tensors)");
    for (Map.Entry<String, NdArray> e : r.tensors().entrySet()) {
      System.out.println("  " + e.getKey() + " " + e.getValue().dtype().code() + " " + Arrays.toString(e.getValue().shape()));
    }
    return 0;
  }
}
