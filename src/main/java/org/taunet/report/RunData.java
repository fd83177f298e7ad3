package org.taunet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.sweep.Collector;
import org.taunet.sweep.PointState;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepPoint;

/**
 * What a report needs of one run folder, whatever command wrote it: its condition (the sweep params without the
 * replicate axis), state, summary.json scalars, metrics.csv rows and per-neuron time-constant files.
 *
 * @param id point id or folder name
 * @param condition the condition label ("k=v k=v"; "run" for a lone run)
 * @param params the point's params (empty for a lone run)
 * @param state run state
 * @param summary scalar fields of summary.json, as text
 * @param metrics metrics.csv rows
 * @param taus per-neuron time constants by file name (dt.txt, tau*.txt, *_tau*.txt)
 */
public record RunData(String id, String condition, Map<String, String> params, PointState state,
                      Map<String, String> summary, List<Map<String, String>> metrics, Map<String, double[]> taus) {

  /** Every point of a sweep folder. */
  public static List<RunData> sweep(Sweep sweep) throws IOException {
    List<RunData> out = new ArrayList<>();
    var states = sweep.states();
    for (SweepPoint p : sweep.points()) {
      out.add(read(sweep.pointDir(p), p.id(), p.condition(sweep.spec().seedAxis()), p.params(), states.get(p)));
    }
    return out;
  }

  /** A lone run folder. */
  public static RunData run(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    return read(abs, abs.getFileName().toString(), "run", Map.of(), PointState.read(abs));
  }

  static RunData read(Path dir, String id, String condition, Map<String, String> params, PointState state)
      throws IOException {
    Map<String, String> summary = Collector.summary(dir);
    Path m = dir.resolve(RunDir.METRICS);
    List<Map<String, String>> metrics = Files.isRegularFile(m) ? MetricsCsv.read(m) : List.of();
    return new RunData(id, condition, params, state, summary, metrics, taus(dir));
  }

  /** One-value-per-line float files whose name says they hold time constants or time steps. */
  static Map<String, double[]> taus(Path dir) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".txt") || !(n.equals("dt.txt") || n.startsWith("tau") || n.contains("_tau"))) continue;
        List<Double> v = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
          String t = line.strip();
          if (t.isEmpty() || t.startsWith("#")) continue;
          try {
            v.add(Double.parseDouble(t));
          } catch (NumberFormatException notAFloatFile) {
            v = null;
            break;
          }
        }
        if (v != null && !v.isEmpty()) out.put(n.substring(0, n.length() - 4), v.stream().mapToDouble(d -> d).toArray());
      }
    }
    return out;
  }

  /** The numeric column {@code name} of the metrics rows (NaN for blank or non-numeric cells). */
  public double[] column(String name) {
    double[] v = new double[metrics.size()];
    for (int i = 0; i < v.length; i++) v[i] = parse(metrics.get(i).get(name));
    return v;
  }

  /** The summary field {@code name} as a number, NaN if absent or not a number. */
  public double summaryNumber(String name) {
    return parse(summary.get(name));
  }

  /** Whether the summary says the run collapsed (finished near chance). */
  public boolean collapsed() {
    return "true".equals(summary.get("collapsed"));
  }

  static double parse(String s) {
    if (s == null || s.isBlank()) return Double.NaN;
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
