package org.taunet.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folder of one training run: {@code config.json} (the fully resolved config; its presence marks
 * the folder as a run), {@code provenance.json}, {@code metrics.csv}, arrays such as the per-neuron
 * time steps, and checkpoints. Every write goes through {@link AtomicFiles}, so an interrupted run
 * loses nothing already written and never leaves a half-written file under its final name.
 *
 * <p>File names are relative to the run folder and may contain subfolders ({@code ckpt/epoch-3.ck});
 * absolute names and names that leave the folder ({@code ..}) are rejected.
 */
public final class RunDir {
  /** The file whose presence marks a folder as holding a run. */
  public static final String CONFIG = "config.json";
  /** Where {@link Provenance} is written. */
  public static final String PROVENANCE = "provenance.json";
  /** The per-epoch metrics table. */
  public static final String METRICS = "metrics.csv";

  private final Path dir;

  private RunDir(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates {@code dir} (and its parents) for a new run. Fails if it already holds a run, i.e. has a
   * {@code config.json}: continuing a run is {@link #open}'s job ({@code --resume}).
   */
  public static RunDir create(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new NotDirectoryException(abs + " is a file, not a folder: choose a new run folder with --out");
    }
    Files.createDirectories(abs);
    checkFresh(abs);
    return new RunDir(abs);
  }

  /**
   * Files a new run may find in its folder: the lock, a sweep's logs and exit record, temporary files of an
   * interrupted write, and the provenance and data record of a start that was stopped before it wrote its config.
   */
  static final Set<String> FRESH_OK = Set.of(RunLock.FILE, PROVENANCE, DataRecord.FILE, "stdout.log", "stderr.log",
      "sweep-exit.json");

  /**
   * Checks that {@code dir} can take a new run: it holds no run ({@code config.json}) and nothing taunet did not
   * write (only {@link #FRESH_OK} names and temporary files), so a foreign file is refused before training.
   */
  public static void checkFresh(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs.resolve(CONFIG))) {
      throw new FileAlreadyExistsException(abs.toString(), null,
          "already holds a run (" + CONFIG + " exists); use --resume to continue it, or choose a new run directory");
    }
    List<String> foreign = new ArrayList<>();
    try (Stream<Path> s = Files.list(abs)) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        if (!FRESH_OK.contains(n) && !AtomicFiles.isTemporary(p)) foreign.add(n);
      });
    }
    if (!foreign.isEmpty()) {
      Collections.sort(foreign);
      String list = String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
          + (foreign.size() > 5 ? ", ... (" + foreign.size() + " entries)" : "");
      throw new FileAlreadyExistsException(abs.toString(), null, "is not empty and not a taunet run (it holds "
          + list + "); choose a new or empty folder with --out, or move those files away");
    }
  }

  /**
   * Deletes the temporary files ({@code .NAME.RANDOM.tmp}) an interrupted atomic write left in the run folder
   * and its subfolders; call it only while holding the folder's {@link RunLock}. Returns how many were removed.
   */
  public int removeTemporaryFiles() throws IOException {
    List<Path> stale;
    try (Stream<Path> s = Files.walk(dir, 3)) {
      stale = s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && AtomicFiles.isTemporary(p))
          .toList();
    }
    for (Path p : stale) Files.deleteIfExists(p);
    return stale.size();
  }

  /** Opens the existing run in {@code dir} (for resume or evaluation); it must hold a config.json. */
  public static RunDir open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs)) throw new NoSuchFileException(abs.toString(), null, "no such run directory");
    if (!Files.isDirectory(abs)) throw new NotDirectoryException(abs + " (a run is a directory)");
    if (!Files.isRegularFile(abs.resolve(CONFIG))) {
      throw new NoSuchFileException(abs.toString(), null, "not a run directory: it has no " + CONFIG);
    }
    return new RunDir(abs);
  }

  /** The run folder (absolute, normalized). */
  public Path path() {
    return dir;
  }

  /** The path of {@code name} inside the run folder. */
  public Path file(String name) {
    Path rel = Path.of(name);
    if (name.isBlank() || rel.isAbsolute()) {
      throw new IllegalArgumentException("run file name must be relative to the run folder: '" + name + "'");
    }
    Path p = dir.resolve(rel).normalize();
    if (!p.startsWith(dir) || p.equals(dir)) {
      throw new IllegalArgumentException("run file name '" + name + "' leaves the run folder " + dir);
    }
    return p;
  }

  /** Whether {@code name} exists in the run folder. */
  public boolean exists(String name) {
    return Files.exists(file(name));
  }

  /** Atomically writes {@code value} as JSON. */
  public void writeJson(String name, Object value) throws IOException {
    Json.write(file(name), value);
  }

  /** Reads a JSON file as a {@code type}. */
  public <T> T readJson(String name, Class<T> type) throws IOException {
    return Json.read(file(name), type);
  }

  /** Reads a JSON file as a tree. */
  public JsonNode readJsonTree(String name) throws IOException {
    return Json.readTree(file(name));
  }

  /** Atomically writes UTF-8 text. */
  public void writeString(String name, String text) throws IOException {
    AtomicFiles.writeString(file(name), text);
  }

  /** Reads UTF-8 text. */
  public String readString(String name) throws IOException {
    return Files.readString(file(name), StandardCharsets.UTF_8);
  }

  /**
   * Atomically writes {@code values} as text, one value per line in {@link Float#toString} form, which
   * parses back to exactly the same float (NaN and Infinity included).
   */
  public void writeFloats(String name, float[] values) throws IOException {
    AtomicFiles.write(file(name), out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
      for (float v : values) {
        w.write(Float.toString(v));
        w.write('\n');
      }
      w.flush();
    });
  }

  /** Reads a file written by {@link #writeFloats}; blank lines are ignored. */
  public float[] readFloats(String name) throws IOException {
    Path p = file(name);
    List<String> lines = Files.readAllLines(p, StandardCharsets.US_ASCII);
    float[] out = new float[lines.size()];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      if (s.isEmpty()) continue;
      try {
        out[n++] = Float.parseFloat(s);
      } catch (NumberFormatException e) {
        throw new IOException(p + ", line " + (i + 1) + ": '" + s + "' is not a float", e);
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The metrics table {@code name} (existing rows are read, so a resumed run continues it). */
  public MetricsCsv metrics(String name) throws IOException {
    return new MetricsCsv(file(name));
  }

  @Override
  public String toString() {
    return "RunDir[" + dir + "]";
  }
}
