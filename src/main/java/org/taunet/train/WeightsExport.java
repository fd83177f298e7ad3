package org.taunet.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.data.DType;
import org.taunet.data.NdArray;
import org.taunet.data.NpyWriter;
import org.taunet.data.Safetensors;
import org.taunet.run.Checkpoint;
import org.taunet.run.UserError;

/**
 * Exports a run's trained tensors for NumPy, PyTorch and the like ({@code taunet export}): reads RUN/checkpoint.bin
 * with {@link CheckpointFile} and RUN/config.json, and writes an .npz or a .safetensors file.
 *
 * <p><b>Names.</b> The network's tensors are named by the family's {@link ExportLayout}: with
 * {@link ExportLayout#IDENTITY} every {@code net/NAME} entry of the state is written as {@code NAME} (EP: {@code W1}
 * [n0, n1], {@code b1}, {@code dt1}, ...; RNN: {@code W} [N, N], {@code Win} [N, nIn], {@code b}, {@code Wout}
 * [nOut, N], {@code bout}, {@code tau} [N] (and {@code theta} with a trainable tau)); ELM, the LSTM and the leaky RNN keep one flat
 * parameter vector, which {@code elm.ElmTensors} names piece by piece ({@code taunet export} passes it).
 * {@link WeightsImport} reads such a file back. With {@code optimizer} every {@code opt/...} entry is written too, under its full name
 * ({@code opt/W1/m}, {@code opt/t}, ...), so optimizer state is never mistaken for a weight. Float tensors are
 * float32 with their stored shape; long and double scalars (the optimizer's step counts) are 0-d int64 / float64.
 * The {@code rng/}, {@code loop/} and family entries (EP's particles and running sums, the RNN's initial weights
 * {@code init/...}) are training state, not exported.
 *
 * <p><b>Config.</b> safetensors: {@code __metadata__} = {@code {"format": "taunet-export", "format_version": "1",
 * "family": F, "config.json": the text of RUN/config.json}}. npz: an extra entry {@code config.json}, the UTF-8
 * bytes of RUN/config.json as a 1-d uint8 array ({@code json.loads(z["config.json"].tobytes())}).
 */
public final class WeightsExport {
  private WeightsExport() {}

  /** The value of the metadata field "format". */
  public static final String FORMAT = "taunet-export";
  /** The layout version of this mapping, metadata field "format_version". */
  public static final int VERSION = 1;
  /** The npz entry (and safetensors metadata key) holding RUN/config.json. */
  public static final String CONFIG = "config.json";

  /** The output formats. */
  public enum Format {
    NPZ(".npz"), SAFETENSORS(".safetensors");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The file extension, with its dot. */
    public String extension() {
      return extension;
    }

    /** The format named {@code name} (case-insensitive), for the CLI. */
    public static Format parse(String name) {
      for (Format f : values()) if (f.name().equalsIgnoreCase(name)) return f;
      throw UserError.flag("--format", "unknown format '" + name + "'", "use npz or safetensors");
    }
  }

  /** What {@link #export} wrote: the file, the run's family and the tensors by their exported names. */
  public record Result(Path file, String family, Map<String, NdArray> tensors) {}

  /**
   * Writes the tensors of run folder {@code run} to {@code out} (default: RUN/weights.npz or RUN/weights.safetensors),
   * atomically.
   *
   * @throws IOException naming the file: no checkpoint or config.json, a damaged or pre-core checkpoint
   */
  public static Result export(Path run, Format format, boolean optimizer, Path out) throws IOException {
    return export(run, format, optimizer, out, ExportLayout.IDENTITY);
  }

  /**
   * As {@link #export(Path, Format, boolean, Path)} with the network's tensors named by {@code layout} (the family's
   * {@link ExportLayout}; ELM and LSTM name the pieces of their parameter vector).
   */
  public static Result export(Path run, Format format, boolean optimizer, Path out, ExportLayout layout)
      throws IOException {
    Path ckFile = run.resolve(TrainLoop.CHECKPOINT);
    Path cfgFile = run.resolve(CONFIG);
    for (Path p : new Path[] {ckFile, cfgFile}) {
      if (!Files.isRegularFile(p)) {
        throw UserError.file(p, "not found", "give a run folder that has written a checkpoint (" + TrainLoop.CHECKPOINT
            + " appears after the first epoch or --checkpoint-every)", null);
      }
    }
    String family = family(ckFile);
    Map<String, NdArray> tensors;
    try {
      tensors = tensors(CheckpointFile.read(ckFile, family, null), optimizer, layout);
    } catch (StateException e) {
      throw new IOException(ckFile + ": " + e.getMessage(), e);
    }
    String config = Files.readString(cfgFile, StandardCharsets.UTF_8);
    Path file = out != null ? out : run.resolve("weights" + format.extension());
    if (format == Format.NPZ) {
      if (tensors.containsKey(CONFIG)) throw new IOException(ckFile + ": has a tensor named " + CONFIG);
      Map<String, NdArray> all = new LinkedHashMap<>(tensors);
      all.put(CONFIG, new NdArray(DType.U1, new int[] {config.getBytes(StandardCharsets.UTF_8).length},
          config.getBytes(StandardCharsets.UTF_8)));
      NpyWriter.writeNpz(file, all);
    } else {
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("format", FORMAT);
      meta.put("format_version", Integer.toString(VERSION));
      meta.put("family", family);
      meta.put(CONFIG, config);
      new Safetensors(meta, tensors).write(file);
    }
    return new Result(file, family, tensors);
  }

  /** The family the checkpoint's header names; a checkpoint not written by the shared core is refused. */
  public static String family(Path ckFile) throws IOException {
    Map<String, Object> meta = Checkpoint.load(ckFile).meta();
    if (!CheckpointFile.FORMAT.equals(meta.get("format")) || !(meta.get("family") instanceof String f)) {
      throw UserError.file(ckFile, "not in the shared training core's state layout (no \"format\": \""
          + CheckpointFile.FORMAT + "\" in its header: written before the core, or by a family not on it yet), so its"
          + " tensors have no exported names", "export a run of a family that checkpoints through the core (EP, RNN, ELM)",
          null);
    }
    return f;
  }

  /**
   * The exported tensors of {@code state}: {@code net/X} as {@code X}, and with {@code optimizer} {@code opt/...}
   * under its full name, in state order.
   */
  public static Map<String, NdArray> tensors(StateBundle state, boolean optimizer) {
    return tensors(state, optimizer, ExportLayout.IDENTITY);
  }

  /** As {@link #tensors(StateBundle, boolean)} with the network's tensors named by {@code layout}. */
  public static Map<String, NdArray> tensors(StateBundle state, boolean optimizer, ExportLayout layout) {
    Map<String, NdArray> out = new LinkedHashMap<>(layout.export(state));
    for (String name : state.names()) {
      String key;
      if (optimizer && name.startsWith("opt/")) key = name;
      else continue;
      NdArray a = switch (state.entry(name)) {
        case StateBundle.Tensor t -> new NdArray(DType.F4, t.shape(), t.data().clone());
        case StateBundle.LongScalar l -> new NdArray(DType.I8, new int[0], new long[] {l.value()});
        case StateBundle.DoubleScalar d -> new NdArray(DType.F8, new int[0], new double[] {d.value()});
      };
      if (out.put(key, a) != null) throw new StateException("two state entries export as '" + key + "'");
    }
    if (out.isEmpty()) throw new StateException("the state has no net/ entries to export");
    return out;
  }
}
