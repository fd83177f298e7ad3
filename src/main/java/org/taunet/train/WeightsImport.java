package org.taunet.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;
import org.taunet.data.Safetensors;
import org.taunet.run.UserError;

/**
 * Loads the network tensors of an export ({@link WeightsExport}: an .npz or .safetensors file, also one rewritten by
 * NumPy, e.g. {@code np.savez(f, **arrays)}) into a model: the {@code --init-from FILE} of every train command and
 * of {@code eval}. Tensors are matched by name through the family's {@link ExportLayout}; every network tensor must
 * be in the file, with its shape and as float32, and the file may hold no other tensor, except the entry
 * {@value WeightsExport#CONFIG} and optimizer state ({@code opt/...}), which are ignored: the optimizer starts fresh.
 * Everything else of the model's state (optimizer, random streams, data position) is left as it was.
 */
public final class WeightsImport {
  private WeightsImport() {}

  /** The documentation of the train commands' {@code initFrom} field (one text for every family's config). */
  public static final String DOC = "Start from the network tensors in this .npz or .safetensors file (as written by "
      + "'taunet export', e.g. rewritten by NumPy) instead of the seeded initialisation: every tensor by name, shapes "
      + "checked; the optimizer starts fresh. Empty: none.";

  /**
   * The {@code initFrom} field of a config as stored: null for none (null or empty). The file is not checked here (a
   * finished run's config.json stays readable after the file is gone); {@link #load} names it if it is missing.
   */
  public static String checkInitFrom(String initFrom) {
    return initFrom == null || initFrom.isEmpty() ? null : initFrom;
  }

  /**
   * The tensors of an export file by name, without the config entry and without optimizer state: safetensors if the
   * file does not start like a zip archive, else npz.
   *
   * @throws IOException naming the file if it is unreadable or in neither format
   */
  public static Map<String, NdArray> read(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4);
    }
    boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    Map<String, NdArray> all = zip ? NpyReader.readNpz(file) : Safetensors.read(file).tensors();
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, NdArray> e : all.entrySet()) {
      if (!e.getKey().equals(WeightsExport.CONFIG) && !e.getKey().startsWith("opt/")) out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * Loads {@code file}'s network tensors into {@code state} through {@code layout}: exports the state, overwrites its
   * network entries with the file's, imports it back.
   *
   * @throws UserError naming the file and the tensor when the file does not fit the network
   * @throws IOException if the file cannot be read
   */
  public static void load(Path file, Stateful state, ExportLayout layout) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw UserError.file(file, "not found (--init-from)", "give an .npz or .safetensors written by 'taunet export'",
          null);
    }
    Map<String, NdArray> tensors = read(file);
    StateBundle b = StateBundle.of(state);
    try {
      layout.load(tensors, b);
    } catch (StateException e) {
      throw UserError.file(file, e.getMessage(), "--init-from needs a file exported from a run of the same "
          + "configuration (units, layers, task channels)", e);
    }
    try {
      state.importState(b);
    } catch (IllegalArgumentException e) { // e.g. a tau the integrator refuses
      throw UserError.file(file, e.getMessage(), null, e);
    }
  }

  /** {@code s} under scope {@code name}: e.g. a network that exports {@code W1} seen as {@code net/W1}. */
  public static Stateful scoped(String name, Stateful s) {
    return new Stateful() {
      @Override
      public void exportState(StateWriter out) {
        s.exportState(out.writeScope(name));
      }

      @Override
      public void importState(StateReader in) {
        s.importState(in.readScope(name));
      }
    };
  }
}
