package org.taunet.sweep;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.taunet.run.AtomicFiles;
import org.taunet.run.RunLock;

/**
 * A copy of a sweep's results without what only a running or resuming point needs: {@code sweep.json} and every
 * point that has ended (finished, diverged or failed), each without the files named by {@code drop} (the
 * checkpoint), its lock and temporary files. The copy is itself a sweep folder: {@code sweep status}, {@code report}
 * and {@code collect} read it, and {@code sweep run} with the same spec and {@code --out} continues it (ended points
 * are skipped, the rest run from scratch). Points that had not ended are left out, since without their checkpoint
 * they could not be resumed. Copying into an existing archive adds to it: files of points copied again are replaced,
 * other points stay.
 */
public final class Archive {
  private Archive() {}

  /**
   * What was copied.
   *
   * @param points ended points copied
   * @param skipped points left out because they had not ended
   * @param files files copied
   * @param bytes their total size
   */
  public record Result(int points, int skipped, int files, long bytes) {}

  /**
   * Copies {@code sweep}'s ended points into {@code out}.
   *
   * @param drop glob patterns ({@code glob:} syntax of {@link java.nio.file.FileSystem#getPathMatcher}), matched
   *     against each file's path relative to its point folder, of files not copied
   */
  public static Result write(Sweep sweep, Path out, List<String> drop) throws IOException {
    Path abs = out.toAbsolutePath().normalize();
    if (abs.equals(sweep.dir())) throw new IllegalArgumentException("the archive must be another folder than "
        + "the sweep itself: " + abs);
    List<PathMatcher> matchers = new ArrayList<>();
    for (String g : drop) matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
    Files.createDirectories(abs.resolve(Sweep.POINTS));
    copy(sweep.dir().resolve(Sweep.FILE), abs.resolve(Sweep.FILE));
    int points = 0, skipped = 0, files = 0;
    long bytes = 0;
    for (var e : sweep.states().entrySet()) {
      if (!e.getValue().state().terminal()) {
        skipped++;
        continue;
      }
      points++;
      Path src = sweep.pointDir(e.getKey());
      Path dst = abs.resolve(Sweep.POINTS).resolve(e.getKey().id());
      try (Stream<Path> walk = Files.walk(src)) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          Path rel = src.relativize(f);
          if (!keep(rel, matchers)) continue;
          Files.createDirectories(dst.resolve(rel).getParent());
          copy(f, dst.resolve(rel));
          files++;
          bytes += Files.size(f);
        }
      }
    }
    return new Result(points, skipped, files, bytes);
  }

  private static void copy(Path from, Path to) throws IOException {
    AtomicFiles.write(to, os -> Files.copy(from, os));
  }

  private static boolean keep(Path rel, List<PathMatcher> drop) {
    if (rel.getFileName().toString().equals(RunLock.FILE) || AtomicFiles.isTemporary(rel)) return false;
    for (PathMatcher m : drop) if (m.matches(rel)) return false;
    return true;
  }
}
