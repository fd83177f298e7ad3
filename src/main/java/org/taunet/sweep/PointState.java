package org.taunet.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.taunet.run.Json;
import org.taunet.run.RunDir;
import org.taunet.run.RunLock;

/**
 * Where a point stands, read from its folder alone (so any executor, and a person, sees the same):
 * the status of its latest provenance file ({@code provenance.json}, or the highest
 * {@code provenance.resumeN.json} a resume wrote), else the exit record the sweep wrote
 * ({@link #EXIT_FILE}). A point whose folder is locked ({@link RunLock}) by a live process is {@link State#RUNNING}.
 *
 * @param state the state
 * @param reason why a point is diverged or failed (empty otherwise)
 */
public record PointState(State state, String reason) {
  /** Written by {@link PointRunner} after the point's process exits. */
  public static final String EXIT_FILE = "sweep-exit.json";
  /** The point process's output. */
  public static final String STDOUT = "stdout.log";
  public static final String STDERR = "stderr.log";

  /** Point states; FINISHED, DIVERGED and FAILED are terminal (the sweep does not run the point again). */
  public enum State {
    /** Never started (or started and killed before writing its config): run it from scratch. */
    MISSING,
    /** Has a config but no terminal status (killed or interrupted): resume it. */
    PARTIAL,
    /** Its run folder is locked by a live process (a worker of this or another sweep run): leave it alone. */
    RUNNING,
    FINISHED, DIVERGED, FAILED;

    /** Whether the sweep leaves the point alone. */
    public boolean terminal() {
      return this == FINISHED || this == DIVERGED || this == FAILED;
    }

    /** Lower-case name, as in files and tables. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern RESUME_PROV = Pattern.compile("provenance\\.resume(\\d+)\\.json");
  /** Longest reason kept (one line of a table). */
  static final int REASON_MAX = 200;

  /** Reads the state of the point folder {@code dir} (which need not exist). */
  public static PointState read(Path dir) throws IOException {
    Optional<RunLock.Holder> holder = Files.isDirectory(dir) ? RunLock.holder(dir) : Optional.empty();
    if (holder.isPresent()) return new PointState(State.RUNNING, "running elsewhere: " + holder.get().describe());
    if (Files.isRegularFile(dir.resolve(RunDir.CONFIG))) {
      Path prov = latestProvenance(dir);
      String status = prov == null ? "running" : Json.readTree(prov).path("status").asText("running");
      return switch (status) {
        case "finished" -> new PointState(State.FINISHED, "");
        case "diverged" -> new PointState(State.DIVERGED, divergedReason(dir));
        case "failed" -> new PointState(State.FAILED, errorLine(dir));
        default -> new PointState(State.PARTIAL, "");
      };
    }
    Path exit = dir.resolve(EXIT_FILE);
    if (Files.isRegularFile(exit)) {
      JsonNode e = Json.readTree(exit);
      if (e.path("exitCode").asInt(0) != 0) return new PointState(State.FAILED, "exit code "
          + e.path("exitCode").asInt() + ": " + errorLine(dir));
    }
    return new PointState(State.MISSING, "");
  }

  /** provenance.json, or the provenance.resumeN.json with the highest N. */
  static Path latestProvenance(Path dir) throws IOException {
    Path best = Files.isRegularFile(dir.resolve(RunDir.PROVENANCE)) ? dir.resolve(RunDir.PROVENANCE) : null;
    int bestN = 0;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Matcher m = RESUME_PROV.matcher(p.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(1)) > bestN) {
          bestN = Integer.parseInt(m.group(1));
          best = p;
        }
      }
    }
    return best;
  }

  private static String divergedReason(Path dir) throws IOException {
    Path summary = dir.resolve("summary.json");
    if (!Files.isRegularFile(summary)) return "diverged";
    JsonNode s = Json.readTree(summary);
    return s.has("epochs") ? "diverged after " + s.path("epochs").asInt() + " epochs" : "diverged";
  }

  /** The last line of stderr.log that names an error, else its last non-blank line. */
  static String errorLine(Path dir) throws IOException {
    Path log = dir.resolve(STDERR);
    if (!Files.isRegularFile(log)) return "no " + STDERR;
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("at ")).toList();
    String pick = "";
    for (String l : lines) {
      String lower = l.toLowerCase(Locale.ROOT);
      if (lower.contains("exception") || lower.contains("error")) pick = l;
    }
    if (pick.isEmpty() && !lines.isEmpty()) pick = lines.get(lines.size() - 1);
    return pick.length() > REASON_MAX ? pick.substring(0, REASON_MAX) : pick;
  }
}
