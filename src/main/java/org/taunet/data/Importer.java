package org.taunet.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Copies a dataset's files from a local directory into {@code <dataDir>/<name>/}, for machines without internet
 * access. Every source file is first checked against the registry's checksums (a gzip file may also match by its
 * decompressed content, so re-compressed copies are accepted); if any required file is missing or any file fails,
 * nothing is written. Each file is then copied to {@code NAME.part}, verified again, and renamed atomically.
 * Finally a dataset that {@link Datasets} knows is loaded once to validate it.
 */
public final class Importer {
  private final DatasetFiles registry;
  private final Consumer<String> log;

  /**
   * What an import did.
   *
   * @param copied files copied into the data directory
   * @param alreadyInPlace files whose source is the destination itself (nothing to copy)
   * @param missingOptional optional files not found in the source directory
   * @param trainSize training examples of the loaded dataset (-1 for a dataset {@link Datasets} cannot load)
   * @param testSize test examples of the loaded dataset (-1 likewise)
   * @param note the loaded split's note (empty for an official split)
   */
  public record Report(List<String> copied, List<String> alreadyInPlace, List<String> missingOptional,
      int trainSize, int testSize, String note) {
    /** Copies the lists. */
    public Report {
      copied = List.copyOf(copied);
      alreadyInPlace = List.copyOf(alreadyInPlace);
      missingOptional = List.copyOf(missingOptional);
      Objects.requireNonNull(note, "note");
    }
  }

  /** An importer over the standard registry that logs nothing. */
  public Importer() { this(DatasetFiles.standard(), msg -> {}); }

  /** An importer over {@code registry}; {@code log} receives one-line progress messages. */
  public Importer(DatasetFiles registry, Consumer<String> log) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Imports {@code dataset} from {@code sourceDir} (files directly in it, or in {@code sourceDir/<dataset>/}).
   *
   * @throws IOException naming each missing required file and each file with a wrong checksum (then nothing is
   *     written), or if the imported dataset does not load
   */
  public Report importDataset(String dataset, Path sourceDir, Path dataDir) throws IOException {
    List<RemoteFile> files = registry.files(dataset);
    if (!Files.isDirectory(sourceDir)) {
      throw new FileNotFoundException("source directory " + sourceDir.toAbsolutePath() + " does not exist");
    }
    List<RemoteFile> found = new ArrayList<>();
    List<Path> sources = new ArrayList<>();
    List<String> missingOptional = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (RemoteFile f : files) {
      Path src = findSource(sourceDir, dataset, f.fileName());
      if (src == null) {
        if (f.optional()) missingOptional.add(f.fileName());
        else problems.add("missing " + f.fileName() + " (looked in " + sourceDir.toAbsolutePath() + ")");
        continue;
      }
      RemoteFile.Verification v = f.verify(src);
      if (!v.ok()) {
        problems.add(src + ": checksum mismatch, " + f.mismatchDetail(v.actual()));
        continue;
      }
      found.add(f);
      sources.add(src);
    }
    if (!problems.isEmpty()) {
      throw new IOException("import of " + dataset + " rejected, nothing was copied: " + String.join("; ", problems));
    }
    for (String m : missingOptional) log.accept(dataset + ": optional file " + m + " not found in " + sourceDir);
    Path destDir = dataDir.resolve(dataset);
    Files.createDirectories(destDir);
    List<String> copied = new ArrayList<>();
    List<String> inPlace = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      RemoteFile f = found.get(i);
      Path target = destDir.resolve(f.fileName());
      if (Files.exists(target) && Files.isSameFile(sources.get(i), target)) {
        inPlace.add(f.fileName());
        continue;
      }
      copyVerified(sources.get(i), target, f);
      copied.add(f.fileName());
      log.accept(dataset + ": imported " + f.fileName());
    }
    if (!Datasets.names().contains(dataset)) return new Report(copied, inPlace, missingOptional, -1, -1, "");
    DatasetSplit split;
    try {
      split = Datasets.load(dataset, dataDir);
    } catch (IOException e) {
      throw new IOException("the files of " + dataset + " were copied to " + destDir + " but do not load: "
          + e.getMessage(), e);
    }
    return new Report(copied, inPlace, missingOptional, split.train().n(), split.test().n(), split.note());
  }

  private static Path findSource(Path sourceDir, String dataset, String fileName) {
    for (Path p : List.of(sourceDir.resolve(fileName), sourceDir.resolve(dataset).resolve(fileName))) {
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }

  /** Copies to NAME.part while hashing, verifies the copy, then renames it; the .part never survives a failure. */
  private static void copyVerified(Path src, Path target, RemoteFile f) throws IOException {
    Path part = PartFiles.partFor(target);
    Files.deleteIfExists(part);
    try {
      MessageDigest md = f.checksum().newDigest();
      try (InputStream in = new DigestInputStream(Files.newInputStream(src), md);
          OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        in.transferTo(out);
      }
      RemoteFile.Verification v = f.verify(part, Checksum.toHex(md.digest()));
      if (!v.ok()) {
        throw new IOException(src + " changed while being copied: " + f.mismatchDetail(v.actual()));
      }
      PartFiles.commit(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
