package org.taunet.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taunet.run.AtomicFiles;
import org.taunet.run.Json;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;

/**
 * One table of a sweep: a row per point with its id, state, reason, params, every scalar of its
 * {@code summary.json} and the cells of the last {@code metrics.csv} row (prefixed {@code last_}), whatever the
 * command. Columns are the union over points, in first-seen order; a missing cell is empty.
 */
public final class Collector {
  /** The default output file name inside the sweep folder. */
  public static final String FILE = "collect.csv";

  private Collector() {}

  /** The rows, one per point in point order. */
  public static List<Map<String, String>> rows(Sweep sweep) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    var states = sweep.states();
    for (SweepPoint p : sweep.points()) {
      Path dir = sweep.pointDir(p);
      Map<String, String> row = new LinkedHashMap<>();
      row.put("point", p.id());
      row.put("state", states.get(p).state().label());
      row.put("reason", states.get(p).reason());
      row.put("condition", p.condition(sweep.spec().seedAxis()));
      row.putAll(p.params());
      summary(dir).forEach(row::putIfAbsent);
      Path metrics = dir.resolve(RunDir.METRICS);
      if (Files.isRegularFile(metrics)) {
        List<Map<String, String>> m = MetricsCsv.read(metrics);
        if (!m.isEmpty()) m.get(m.size() - 1).forEach((k, v) -> row.put("last_" + k, v));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The scalar fields of the run folder's summary.json as text, in file order (empty if there is none). */
  public static Map<String, String> summary(Path runDir) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path summary = runDir.resolve("summary.json");
    if (!Files.isRegularFile(summary)) return out;
    JsonNode s = Json.readTree(summary);
    s.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode()) out.put(e.getKey(), e.getValue().asText());
    });
    return out;
  }

  /** Writes {@link #rows} as CSV to {@code out}; returns the number of rows. */
  public static int write(Sweep sweep, Path out) throws IOException {
    List<Map<String, String>> rows = rows(sweep);
    AtomicFiles.writeString(out, csv(rows));
    return rows.size();
  }

  /** RFC 4180 CSV of rows with the union of their columns. */
  public static String csv(List<Map<String, String>> rows) {
    Set<String> cols = new LinkedHashSet<>();
    rows.forEach(r -> cols.addAll(r.keySet()));
    StringBuilder sb = new StringBuilder();
    line(sb, new ArrayList<>(cols));
    for (Map<String, String> r : rows) line(sb, cols.stream().map(c -> r.getOrDefault(c, "")).toList());
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) sb.append(',');
      String c = cells.get(i).replace('\n', ' ').replace('\r', ' ');
      sb.append(c.contains(",") || c.contains("\"") ? '"' + c.replace("\"", "\"\"") + '"' : c);
    }
    sb.append('\n');
  }
}
