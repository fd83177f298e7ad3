package org.taunet.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The disk a sweep will need, printed before it starts and checked against the free space of the sweep folder's file
 * system. Each pending point has an estimate ({@link Estimate}): what its folder keeps when it ends, and its peak while
 * it runs (e.g. an EP run's checkpoint with its persistent particles, twice during an atomic rewrite). The total is
 * the sum of the final sizes plus, for the points running at once, the largest peak-over-final excess.
 */
public final class DiskCheck {
  private DiskCheck() {}

  /**
   * One point's disk estimate, in bytes.
   *
   * @param finalBytes what the point's folder holds after it ends
   * @param peakBytes the most it holds while running (at least {@code finalBytes})
   * @param what how the estimate was made (e.g. "EP 784-500-10, checkpoint without particles")
   */
  public record Estimate(long finalBytes, long peakBytes, String what) {}

  /** The sweep needs more space than is free (and the check was not overridden). */
  public static final class InsufficientSpaceException extends IOException {
    InsufficientSpaceException(String message) {
      super(message);
    }
  }

  /**
   * Prints the estimate of every point in {@code pending} and the total to {@code out}, and returns the total in
   * bytes for {@code parallel} points running at once.
   */
  public static long report(String sweepName, List<SweepPoint> pending, int parallel,
      Function<SweepPoint, Estimate> estimate, PrintStream out) {
    long total = 0, excess = 0;
    List<String> lines = new ArrayList<>();
    for (SweepPoint p : pending) {
      Estimate e = estimate.apply(p);
      total += e.finalBytes();
      excess = Math.max(excess, e.peakBytes() - e.finalBytes());
      lines.add(String.format(Locale.ROOT, "  %s: %s kept, %s while running (%s)", p.id(), human(e.finalBytes()),
          human(e.peakBytes()), e.what()));
    }
    total += Math.min(Math.max(parallel, 1), pending.size()) * excess;
    out.println("taunet: disk estimate for " + pending.size() + " pending point(s) of sweep " + sweepName + ":");
    int shown = 0;
    for (String l : lines) {
      if (shown++ == 20 && lines.size() > 21) {
        out.println("  ... (" + (lines.size() - 20) + " more)");
        break;
      }
      out.println(l);
    }
    out.println("taunet: disk estimate in total: " + human(total) + " (" + parallel + " at once)");
    return total;
  }

  /**
   * Refuses to start when {@code totalBytes} exceeds the usable space of {@code dir}'s file system, unless
   * {@code force}; the message names the folder, both sizes and the override flag.
   */
  public static void check(Path dir, long totalBytes, boolean force, String overrideFlag, PrintStream out)
      throws IOException {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing == null) return;
    long free = Files.getFileStore(existing).getUsableSpace();
    if (totalBytes <= free) return;
    String msg = "the sweep needs about " + human(totalBytes) + " but only " + human(free) + " is free on the file system of "
        + existing + "; free space, choose another --out, reduce the sweep, or give " + overrideFlag + " to start anyway";
    if (!force) throw new InsufficientSpaceException(msg);
    out.println("taunet: warning: " + msg.substring(0, msg.indexOf(';')) + " (starting anyway: " + overrideFlag + ")");
  }

  /** Bytes in decimal units: "1.4 GB", "144 MB", "12 kB". */
  public static String human(long bytes) {
    if (bytes >= 1_000_000_000_000L) return String.format(Locale.ROOT, "%.1f TB", bytes / 1e12);
    if (bytes >= 1_000_000_000L) return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    if (bytes >= 1_000_000L) return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    return String.format(Locale.ROOT, "%.0f kB", Math.max(1, bytes / 1e3));
  }

  /** The pending points of {@code states} (neither terminal nor running elsewhere). */
  public static List<SweepPoint> pending(Map<SweepPoint, PointState> states) {
    List<SweepPoint> out = new ArrayList<>();
    states.forEach((p, s) -> {
      if (!s.state().terminal() && s.state() != PointState.State.RUNNING) out.add(p);
    });
    return out;
  }
}
