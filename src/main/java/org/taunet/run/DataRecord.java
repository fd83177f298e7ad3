package org.taunet.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The data a run was started with, recorded in its folder ({@link #FILE}) so that {@code --resume} and
 * {@code eval} find it without flags: the data folder (absolute) and, for every file of the dataset folders the
 * run reads, its size and SHA-256 (files over {@link #HASH_LIMIT_BYTES} by size only, so starting a run on a
 * large corpus stays quick). Hidden files are skipped.
 *
 * @param dataDir the data folder, absolute
 * @param folders the dataset folders read, relative to {@code dataDir} (e.g. "mnist")
 * @param files per file (relative to {@code dataDir}, '/'-separated): its size and SHA-256 ("" if not hashed)
 */
public record DataRecord(String dataDir, List<String> folders, Map<String, FileSum> files) {
  /** The record's file in the run folder. */
  public static final String FILE = "data.json";
  /** Files larger than this (bytes) are recorded by size only. */
  public static final long HASH_LIMIT_BYTES = 256L << 20;

  /**
   * Size and checksum of one data file.
   *
   * @param bytes size in bytes
   * @param sha256 hex SHA-256, or "" when larger than {@link #HASH_LIMIT_BYTES}
   */
  public record FileSum(long bytes, String sha256) {}

  /** Copies the collections (null becomes empty). */
  public DataRecord {
    folders = folders == null ? List.of() : List.copyOf(folders);
    files = files == null ? Map.of() : new TreeMap<>(files);
  }

  /** Records the files of {@code folders} under {@code dataDir} (a missing folder is recorded without files). */
  public static DataRecord of(Path dataDir, List<String> folders) throws IOException {
    Path abs = dataDir.toAbsolutePath().normalize();
    return new DataRecord(abs.toString(), folders, sums(abs, folders));
  }

  /** The record in {@code run}, or null if the run has none (runs started before it existed). */
  public static DataRecord read(RunDir run) throws IOException {
    return run.exists(FILE) ? run.readJson(FILE, DataRecord.class) : null;
  }

  /** Writes this record into {@code run}. */
  public void write(RunDir run) throws IOException {
    run.writeJson(FILE, this);
  }

  /**
   * The data folder for resuming or evaluating {@code run}: {@code override} (the {@code --data-dir} flag) if
   * given, else the recorded folder, else {@code fallback} (the environment's default, for runs without a record).
   * Warns on {@code warn} when the files differ from the recorded sizes/checksums, or the recorded folder is gone.
   */
  public static Path resolve(RunDir run, Path override, Path fallback, PrintStream warn) throws IOException {
    DataRecord rec = read(run);
    if (rec == null) return override != null ? override : fallback;
    Path dir = override != null ? override.toAbsolutePath().normalize() : Path.of(rec.dataDir());
    if (override == null && !Files.isDirectory(dir)) {
      warn.println("taunet: warning: the run's data folder " + dir + " (recorded in " + run.file(FILE)
          + ") is gone; using " + fallback + " (give --data-dir if the data moved)");
      dir = fallback;
    }
    List<String> diff = rec.differences(dir);
    if (!diff.isEmpty()) {
      warn.println("taunet: warning: the data in " + dir + " differs from what the run was started with ("
          + String.join("; ", diff.subList(0, Math.min(3, diff.size()))) + (diff.size() > 3 ? "; ..." : "")
          + "); results may not match the run's earlier ones");
    }
    return dir;
  }

  /** How the recorded files differ from those under {@code dir} (empty if they match). */
  public List<String> differences(Path dir) throws IOException {
    Map<String, FileSum> now = sums(dir.toAbsolutePath().normalize(), folders);
    List<String> out = new ArrayList<>();
    files.forEach((name, was) -> {
      FileSum is = now.get(name);
      if (is == null) out.add(name + " missing");
      else if (is.bytes() != was.bytes()) out.add(name + " has " + is.bytes() + " bytes, was " + was.bytes());
      else if (!is.sha256().equals(was.sha256())) out.add(name + " has a different SHA-256");
    });
    return out;
  }

  private static Map<String, FileSum> sums(Path dataDir, List<String> folders) throws IOException {
    Map<String, FileSum> out = new TreeMap<>();
    for (String f : folders) {
      Path root = dataDir.resolve(f);
      if (!Files.isDirectory(root)) continue;
      List<Path> files;
      try (Stream<Path> s = Files.walk(root)) {
        files = s.filter(Files::isRegularFile).filter(p -> !dataDir.relativize(p).toString().matches("(.*/)?\\..*"))
            .sorted().toList();
      }
      for (Path p : files) {
        long size = Files.size(p);
        out.put(dataDir.relativize(p).toString().replace('\\', '/'),
            new FileSum(size, size > HASH_LIMIT_BYTES ? "" : sha256(p)));
      }
    }
    return out;
  }

  private static String sha256(Path p) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
