package org.taunet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a data directory holds of one dataset: each registered file's presence (and, optionally, checksum), an
 * overall verdict, and the note of the split {@link Datasets#load} would use.
 *
 * @param name dataset name
 * @param dir the dataset's directory, {@code <dataDir>/<name>}
 * @param files one entry per registered file, in registry order
 * @param note the split note (see {@link Datasets#splitNote}); empty for an official split or an unusable dataset
 */
public record DatasetStatus(String name, Path dir, List<FileStatus> files, String note) {
  /** Copies the list. */
  public DatasetStatus {
    files = List.copyOf(files);
  }

  /** State of one file. */
  public enum State {
    /** Present; checksum not computed. */
    PRESENT,
    /** Present and byte-identical to the published file. */
    VERIFIED,
    /** Present with the published data, re-compressed or decompressed. */
    CONTENT_VERIFIED,
    /** Present but matching neither checksum. */
    MISMATCH,
    /** Not present. */
    MISSING
  }

  /**
   * One file.
   *
   * @param file the registry entry
   * @param path where it was found (the uncompressed name is accepted for .gz and .zip files), or null
   * @param size its size in bytes, or -1 if missing
   * @param state its state
   * @param actualDigest its digest if computed, else null
   */
  public record FileStatus(RemoteFile file, Path path, long size, State state, String actualDigest) {}

  /** Overall verdict. */
  public enum Overall {
    /** Every file present (and verified, if checked). */
    COMPLETE,
    /** Every required file present, some optional ones missing: loads with a fallback. */
    USABLE,
    /** Some required file missing. */
    INCOMPLETE,
    /** No file present. */
    ABSENT,
    /** Some file fails its checksum. */
    CORRUPT
  }

  /** The overall verdict from the file states. */
  public Overall overall() {
    if (files.stream().anyMatch(f -> f.state() == State.MISMATCH)) return Overall.CORRUPT;
    if (files.stream().allMatch(f -> f.state() == State.MISSING)) return Overall.ABSENT;
    if (files.stream().anyMatch(f -> f.state() == State.MISSING && !f.file().optional())) return Overall.INCOMPLETE;
    if (files.stream().anyMatch(f -> f.state() == State.MISSING)) return Overall.USABLE;
    return Overall.COMPLETE;
  }

  /**
   * Inspects {@code <dataDir>/<name>}.
   *
   * @param verify also compute checksums (reads every file)
   */
  public static DatasetStatus check(String name, Path dataDir, DatasetFiles registry, boolean verify)
      throws IOException {
    Path dir = dataDir.resolve(name);
    List<FileStatus> out = new ArrayList<>();
    for (RemoteFile f : registry.files(name)) {
      Path p = find(dir, f.fileName());
      if (p == null) {
        out.add(new FileStatus(f, null, -1, State.MISSING, null));
      } else if (!verify || (f.contentChecksum() == null && !p.getFileName().toString().equals(f.fileName()))) {
        // Without a content checksum, a decompressed copy can only be reported as present.
        out.add(new FileStatus(f, p, Files.size(p), State.PRESENT, null));
      } else {
        RemoteFile.Verification v = f.verify(p);
        State s = switch (v.match()) {
          case EXACT -> State.VERIFIED;
          case CONTENT -> State.CONTENT_VERIFIED;
          case MISMATCH -> State.MISMATCH;
        };
        out.add(new FileStatus(f, p, Files.size(p), s, v.actual()));
      }
    }
    DatasetStatus partial = new DatasetStatus(name, dir, out, "");
    Overall o = partial.overall();
    if ((o == Overall.COMPLETE || o == Overall.USABLE) && Datasets.names().contains(name)) {
      return new DatasetStatus(name, dir, out, Datasets.splitNote(name, dataDir));
    }
    return partial;
  }

  private static Path find(Path dir, String fileName) {
    Path p = dir.resolve(fileName);
    if (Files.isRegularFile(p)) return p;
    if (fileName.endsWith(".gz") || fileName.endsWith(".zip")) {
      Path raw = dir.resolve(fileName.substring(0, fileName.lastIndexOf('.')));
      if (Files.isRegularFile(raw)) return raw;
    }
    return null;
  }
}
