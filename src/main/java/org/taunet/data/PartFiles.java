package org.taunet.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Publishing a fully written temporary file under its final name in one step. */
final class PartFiles {
  /** Suffix of files being written; such a file is never trusted, only discarded. */
  static final String PART_SUFFIX = ".part";

  private PartFiles() {}

  /** The temporary name for {@code target}: same directory, {@code NAME.part}. */
  static Path partFor(Path target) { return target.resolveSibling(target.getFileName() + PART_SUFFIX); }

  /** Renames {@code part} to {@code target} atomically where the file system allows, replacing any old target. */
  static void commit(Path part, Path target) throws IOException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
