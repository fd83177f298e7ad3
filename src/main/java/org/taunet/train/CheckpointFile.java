package org.taunet.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.run.Checkpoint;

/**
 * The one checkpoint codec of the training core: a {@link StateBundle} (named float tensors with their shapes, long
 * and double scalars) in one file, written atomically and read back with every error naming the file.
 *
 * <p><b>Container.</b> The file is a {@link Checkpoint} container (magic {@code TAUNETCK}, container version, JSON
 * header, raw little-endian data, CRC32 over everything before it), so the atomic write (temporary file, fsync,
 * rename) and the validation of magic, container version, lengths and CRC are those of {@link Checkpoint}. Each state
 * entry is one container tensor under its state name, in the bundle's order: a float tensor as {@code float32} with
 * its shape, a long scalar as {@code int64} with shape {@code []}, a double scalar as {@code float64} with shape
 * {@code []}. The header's meta is exactly {@code {"format": "taunet-state", "state_version": 1, "family": F}}: no
 * time stamps, so equal states give byte-identical files.
 *
 * <p><b>Versions.</b> {@code state_version} numbers this mapping of state onto the container; a file with another
 * number is refused ("written by a newer taunet"). A file without {@code "format"} is a <em>legacy</em> checkpoint,
 * written by a family's own checkpoint class before the shared core (EP, RNN and ELM {@code checkpoint.bin} with
 * names such as {@code opt_m0} or {@code adam_m} and the position in the meta). Such a file is read through the
 * {@link LegacyMapping} its family supplies (a pure renaming of the same numbers into state names), or refused with a
 * message saying how to proceed when the family supplies none.
 */
public final class CheckpointFile {
  /** The value of the meta field {@code "format"} that marks a state file. */
  public static final String FORMAT = "taunet-state";
  /** The state layout version this build writes and reads. */
  public static final int VERSION = 1;

  private CheckpointFile() {}

  /**
   * Atomically replaces {@code file} with {@code state}, tagged with {@code family} (e.g. "ep"). Either the old file or
   * the complete new one is on disk at any time.
   *
   * @throws IOException naming the file if it cannot be written
   */
  public static void write(Path file, String family, StateBundle state) throws IOException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("state_version", VERSION);
    meta.put("family", family);
    Map<String, Object> tensors = new LinkedHashMap<>();
    for (String name : state.names()) {
      tensors.put(name, switch (state.entry(name)) {
        case StateBundle.Tensor t -> Checkpoint.shaped(t.data(), t.shape());
        case StateBundle.LongScalar l -> Checkpoint.shaped(new long[] {l.value()});
        case StateBundle.DoubleScalar d -> Checkpoint.shaped(new double[] {d.value()});
      });
    }
    Checkpoint.save(file, meta, tensors);
  }

  /** Writes the state {@code s} exports, as {@link #write(Path, String, StateBundle)}. */
  public static void write(Path file, String family, Stateful s) throws IOException {
    write(file, family, StateBundle.of(s));
  }

  /**
   * Reads the state in {@code file}, which must belong to {@code family}. A legacy file goes through {@code legacy}.
   *
   * @param legacy the family's mapping of its pre-core checkpoints, or null to refuse them
   * @throws IOException naming the file: missing, not a checkpoint (bad magic), truncated, CRC mismatch, unknown
   *     container or state version, another family's checkpoint, an entry of a type no state uses, or a legacy file
   *     with no mapping (with what to do instead)
   */
  public static StateBundle read(Path file, String family, LegacyMapping legacy) throws IOException {
    Checkpoint ck = Checkpoint.load(file);
    Object format = ck.meta().get("format");
    if (format == null) return readLegacy(ck, family, legacy);
    if (!FORMAT.equals(format)) throw invalid(file, "unknown format " + quote(format) + " (expected \"" + FORMAT + "\")");
    Object version = ck.meta().get("state_version");
    if (!(version instanceof Integer v) || v != VERSION) {
      throw invalid(file, "unsupported state version " + version + " (this build reads version " + VERSION
          + "; the file was written by a newer taunet: resume it with that version)");
    }
    Object owner = ck.meta().get("family");
    if (!family.equals(owner)) {
      throw invalid(file, "this is the checkpoint of " + (owner == null ? "no" : "a '" + owner + "'") + " run, not of a '"
          + family + "' run");
    }
    StateBundle out = new StateBundle();
    try {
      for (String name : ck.names()) copyEntry(ck, name, out);
    } catch (StateException | IllegalArgumentException e) {
      throw invalid(file, e.getMessage());
    }
    return out;
  }

  private static void copyEntry(Checkpoint ck, String name, StateBundle out) throws IOException {
    Checkpoint.TensorInfo info = ck.info(name);
    boolean scalar = info.shape().isEmpty();
    switch (info.dtype()) {
      case FLOAT32 -> {
        if (scalar) throw invalid(ck.file(), "entry '" + name + "' is a float32 scalar, which no state writes");
        out.writeTensor(name, ck.floats(name), info.shapeArray());
      }
      case INT64 -> {
        if (!scalar) throw invalid(ck.file(), "entry '" + name + "' is an int64 tensor of shape " + info.shape()
            + ", which no state writes");
        out.writeLong(name, ck.longs(name)[0]);
      }
      case FLOAT64 -> {
        if (!scalar) throw invalid(ck.file(), "entry '" + name + "' is a float64 tensor of shape " + info.shape()
            + ", which no state writes");
        out.writeDouble(name, ck.doubles(name)[0]);
      }
      default -> throw invalid(ck.file(), "entry '" + name + "' has dtype " + info.dtype().id() + ", which no state writes");
    }
  }

  private static StateBundle readLegacy(Checkpoint ck, String family, LegacyMapping legacy) throws IOException {
    if (legacy == null) {
      throw invalid(ck.file(), "this is a checkpoint of the format before the shared training core (no \"format\" in "
          + "its header), which '" + family + "' runs cannot resume: finish the run with the taunet version that "
          + "started it, or start a new run (its metrics.csv and summary.json stay readable)");
    }
    StateBundle out = new StateBundle();
    try {
      legacy.map(ck, out);
    } catch (StateException | IllegalArgumentException e) {
      throw invalid(ck.file(), "cannot map this pre-core '" + family + "' checkpoint: " + e.getMessage());
    }
    return out;
  }

  /**
   * Restores {@code target} from {@code file}: {@link #read}, {@link Stateful#importState}, then refuses entries that
   * nothing restored ({@link StateBundle#requireAllRead}).
   *
   * @throws IOException naming the file for everything {@link #read} refuses and for a state that does not fit
   *     {@code target} (missing entry, other kind or shape, entries left over), with the entry's name
   */
  public static void restore(Path file, String family, LegacyMapping legacy, Stateful target) throws IOException {
    restore(file, read(file, family, legacy), target);
  }

  /** As {@link #restore(Path, String, LegacyMapping, Stateful)} from an already read {@code state} of {@code file}. */
  public static void restore(Path file, StateBundle state, Stateful target) throws IOException {
    try {
      target.importState(state);
      state.requireAllRead();
    } catch (StateException e) {
      throw invalid(file, "does not fit this run: " + e.getMessage());
    }
  }

  private static String quote(Object o) {
    return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
  }

  private static IOException invalid(Path file, String problem) {
    return new IOException(file + ": invalid checkpoint: " + problem);
  }
}
