package org.taunet.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CSV table of per-epoch metrics, one row per {@link #append} call. The header is fixed by the
 * first row (in the map's iteration order; pass a {@link LinkedHashMap}) and every later row must have
 * exactly the same columns in the same order. Each append rewrites the whole file atomically
 * ({@link AtomicFiles}), so a killed run never leaves half a row; the files are small (hundreds of
 * rows), so the rewrite costs nothing that matters.
 *
 * <p>Cell text: {@link Double} and {@link Float} use {@link Double#toString} / {@link Float#toString}
 * (shortest text that parses back to the same value; NaN and Infinity as such); integers, booleans and
 * strings use {@code toString}; null is the empty cell. Cells containing a comma or a double quote are
 * quoted RFC 4180 style; line breaks are rejected. Lines end with '\n'.
 *
 * <p>Opening an existing file reads its rows, so a resumed run appends to the same table after
 * {@link #truncateAfter} has dropped the rows past its restart epoch. Not thread-safe beyond the
 * synchronized methods; one writer per file.
 */
public final class MetricsCsv {
  private final Path file;
  private List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table backed by {@code file}; reads the existing rows if the file exists. */
  public MetricsCsv(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      List<List<String>> all = parse(file);
      if (!all.isEmpty()) {
        columns = List.copyOf(all.get(0));
        rows.addAll(all.subList(1, all.size()));
      }
    }
  }

  /** The backing file. */
  public Path path() {
    return file;
  }

  /** The header, or an empty list before the first row. */
  public synchronized List<String> columns() {
    return columns == null ? List.of() : columns;
  }

  /** Appends one row and rewrites the file atomically. */
  public synchronized void append(Map<String, ?> row) throws IOException {
    appendAll(List.of(row));
  }

  /** Appends rows, all with the same columns, and rewrites the file atomically once; nothing is kept on failure. */
  public synchronized void appendAll(List<? extends Map<String, ?>> newRows) throws IOException {
    List<String> header = columns;
    List<List<String>> added = new ArrayList<>(newRows.size());
    for (Map<String, ?> row : newRows) {
      if (row.isEmpty()) throw new IllegalArgumentException(file + ": a metrics row needs at least one column");
      List<String> keys = List.copyOf(row.keySet());
      for (String k : keys) checkCell(k);
      if (header != null && !header.equals(keys)) {
        throw new IllegalArgumentException(file + ": row has columns " + keys + " but the header is " + header);
      }
      header = keys;
      List<String> cells = new ArrayList<>(keys.size());
      for (Object v : row.values()) cells.add(checkCell(format(v)));
      added.add(cells);
    }
    if (added.isEmpty()) return;
    rows.addAll(added);
    try {
      rewrite(header);
    } catch (IOException | RuntimeException e) {
      rows.subList(rows.size() - added.size(), rows.size()).clear();
      throw e;
    }
    columns = header;
  }

  /** The rows as column -&gt; cell text, in file order. */
  public synchronized List<Map<String, String>> rows() {
    return asMaps(columns(), rows);
  }

  /**
   * Drops every row whose {@code column} value is greater than {@code value} (e.g. the epochs after
   * the checkpoint a resumed run restarts from) and rewrites the file; returns the number dropped.
   */
  public synchronized int truncateAfter(String column, long value) throws IOException {
    if (columns == null) return 0;
    int c = columns.indexOf(column);
    if (c < 0) throw new IllegalArgumentException(file + ": no column '" + column + "' in " + columns);
    List<List<String>> keep = new ArrayList<>();
    for (List<String> r : rows) {
      double v;
      try {
        v = Double.parseDouble(r.get(c));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": column '" + column + "' holds non-number '" + r.get(c) + "'");
      }
      if (v <= value) keep.add(r);
    }
    int dropped = rows.size() - keep.size();
    if (dropped > 0) {
      List<List<String>> old = new ArrayList<>(rows);
      rows.clear();
      rows.addAll(keep);
      try {
        rewrite(columns);
      } catch (IOException | RuntimeException e) {
        rows.clear();
        rows.addAll(old);
        throw e;
      }
    }
    return dropped;
  }

  /**
   * The numeric column {@code name} of {@code rows} (as {@link #rows()} or {@link #read} give them): NaN where a row
   * lacks the column or its cell is empty (rows of an older run, a value not yet measured).
   */
  public static double[] column(List<Map<String, String>> rows, String name) {
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      String cell = rows.get(i).get(name);
      v[i] = cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
    return v;
  }

  /** Reads a metrics file written by this class (or any simple RFC 4180 CSV with a header). */
  public static List<Map<String, String>> read(Path file) throws IOException {
    List<List<String>> all = parse(file);
    if (all.isEmpty()) return List.of();
    return asMaps(all.get(0), all.subList(1, all.size()));
  }

  private void rewrite(List<String> header) throws IOException {
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    for (List<String> r : rows) line(sb, r);
    AtomicFiles.writeString(file, sb.toString());
  }

  private static List<Map<String, String>> asMaps(List<String> header, List<List<String>> body) {
    List<Map<String, String>> out = new ArrayList<>(body.size());
    for (List<String> r : body) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) m.put(header.get(i), r.get(i));
      out.add(Collections.unmodifiableMap(m));
    }
    return Collections.unmodifiableList(out);
  }

  static String format(Object v) {
    if (v == null) return "";
    if (v instanceof Double d) return Double.toString(d);
    if (v instanceof Float f) return Float.toString(f);
    return v.toString();
  }

  private String checkCell(String text) {
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(file + ": metrics cells cannot contain line breaks: '" + text + "'");
    }
    return text;
  }

  private static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) sb.append(',');
      String c = cells.get(i);
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append('\n');
  }

  /** Header and rows; every row must have as many cells as the header. */
  private static List<List<String>> parse(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isEmpty()) continue;
      List<String> cells = parseLine(file, i + 1, lines.get(i));
      if (!out.isEmpty() && cells.size() != out.get(0).size()) {
        throw new IOException(file + ", line " + (i + 1) + ": " + cells.size() + " cells but the header has "
            + out.get(0).size());
      }
      out.add(cells);
    }
    return out;
  }

  private static List<String> parseLine(Path file, int lineNo, String line) throws IOException {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch != '"') {
          cell.append(ch);
        } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (quoted) throw new IOException(file + ", line " + lineNo + ": unterminated quoted cell");
    cells.add(cell.toString());
    return cells;
  }
}
