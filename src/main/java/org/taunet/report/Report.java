package org.taunet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taunet.run.AtomicFiles;
import org.taunet.run.RunDir;
import org.taunet.sweep.Collector;
import org.taunet.report.scaling.AxisReport;
import org.taunet.report.scaling.ScalingReport;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepSpec;

/**
 * {@code taunet report DIR}: for a sweep folder or a lone run folder, writes into {@code DIR/report/} (or a given
 * folder) an {@code index.html} with every plot embedded as a PNG data URI, the PNGs themselves and CSV tables:
 * learning curves per condition (mean across seeds, sd band), a stability table per condition and histograms of
 * per-neuron time constants. Everything is read from metrics.csv / summary.json / *.txt column and file names,
 * so runs of any taunet command can be reported.
 */
public final class Report {
  /** Default report folder inside the input folder. */
  public static final String DIR = "report";
  /** Most series per plot before plots are split by the first varying axis (the palette has 8 colours). */
  static final int MAX_SERIES = 6;
  /** Histogram bins for time constants. */
  static final int TAU_BINS = 40;

  /** What was written. */
  public record Output(Path html, List<Path> pngs, List<Path> tables) {}

  private Report() {}

  /** Writes the report of {@code in} into {@code out} (null: {@code in/report}). */
  public static Output write(Path in, Path out) throws IOException {
    return write(in, List.of(), out);
  }

  /**
   * As {@link #write(Path, Path)}, with the runs of the sweep folders {@code with} (same study as {@code in}, a sweep)
   * joined to those of {@code in}: runs with the same parameters but the seed pool into one condition (e.g. more
   * seeds of some points, run as a sweep of their own); a run whose point id {@code in} already has is left out.
   * They enter the learning curves, the stability table and the scaling sections; points.csv and the HTS and
   * multi-tau sections read {@code in} alone.
   */
  public static Output write(Path in, List<Path> with, Path out) throws IOException {
    Path src = in.toAbsolutePath().normalize();
    Path dst = out != null ? out.toAbsolutePath().normalize() : src.resolve(DIR);
    Files.createDirectories(dst);
    List<RunData> runs;
    String title;
    String seedAxis;
    SweepSpec scaling = null;   // the spec of an elm-scaling sweep: adds the Pareto / fit section
    Sweep hts = null;           // an hts-ep-stability sweep: adds the stability section
    Sweep multitau = null;      // a multitau-rnn sweep: adds the multi-tau RNN section
    List<Path> tables = new ArrayList<>();
    if (Sweep.isSweep(src)) {
      Sweep sweep = Sweep.open(src);
      runs = RunData.sweep(sweep);
      title = sweep.spec().name() + " (study " + sweep.spec().study() + ")";
      seedAxis = sweep.spec().seedAxis();
      if (ScalingReport.STUDY.equals(sweep.spec().study())) scaling = sweep.spec();
      if (HtsStudyReport.STUDY.equals(sweep.spec().study())) hts = sweep;
      if (MultitauReport.STUDY.equals(sweep.spec().study())) multitau = sweep;
      runs = new ArrayList<>(runs);
      Set<String> ids = new LinkedHashSet<>();
      for (RunData r : runs) ids.add(r.id());
      Map<Map<String, String>, String> conditions = new LinkedHashMap<>();   // params but the seed -> label
      for (RunData r : runs) conditions.putIfAbsent(withoutSeed(r.params(), seedAxis), r.condition());
      for (Path w : with) {
        Sweep extra = Sweep.open(w.toAbsolutePath().normalize());
        if (!java.util.Objects.equals(extra.spec().study(), sweep.spec().study())) {
          throw new IllegalArgumentException(w + " is a sweep of study '" + extra.spec().study() + "', " + src
              + " of '" + sweep.spec().study() + "': --with joins sweeps of one study");
        }
        for (RunData r : RunData.sweep(extra)) {
          if (!ids.add(r.id())) continue;
          String c = conditions.getOrDefault(withoutSeed(r.params(), extra.spec().seedAxis()), r.condition());
          runs.add(new RunData(r.id(), c, r.params(), r.state(), r.summary(), r.metrics(), r.taus()));
        }
      }
      Path points = dst.resolve("points.csv");
      Collector.write(sweep, points);
      tables.add(points);
    } else if (!with.isEmpty()) {
      throw new IllegalArgumentException("--with joins sweeps: " + src + " is not a sweep folder (sweep.json)");
    } else if (Files.isRegularFile(src.resolve(RunDir.CONFIG))) {
      runs = List.of(RunData.run(src));
      title = "run " + src.getFileName();
      seedAxis = "seed";
    } else {
      throw new NoSuchFileException(src.toString(), null, "neither a sweep folder (sweep.json) nor a run folder ("
          + RunDir.CONFIG + ")");
    }
    Html html = new Html(title, src.toString());
    String x = Aggregates.xColumn(runs);
    List<String> curves = x == null ? List.of() : Aggregates.curveColumns(runs, x);
    String metric = Aggregates.primaryMetric(curves);
    tables.add(stabilityTable(runs, metric, dst, html));
    String facet = facetAxis(runs, seedAxis);
    List<Path> pngs = new ArrayList<>();
    html.heading("Learning curves", "Mean across seeds; dashed lines: mean +- sd (where a condition has several runs).");
    for (String y : curves) {
      for (var f : facets(runs, facet).entrySet()) {
        Map<String, Charts.Line> lines = new LinkedHashMap<>();
        for (var g : Aggregates.byCondition(f.getValue()).entrySet()) {
          lines.put(label(g.getValue().get(0), facet, seedAxis), line(Aggregates.curve(g.getValue(), x, y)));
        }
        Path png = dst.resolve(fileName("curve", y, f.getKey()));
        Charts.lines(png, y + suffix(facet, f.getKey()), x, y, lines, false);
        pngs.add(png);
        html.image(png);
      }
    }
    tauHistograms(runs, facet, seedAxis, dst, html, pngs);
    boolean axes = scaling != null && scaling.allocation() != null
        && AxisReport.FUNCTION.equals(scaling.allocation().function());
    if (axes) {
      AxisReport.Section sec = AxisReport.write(runs, scaling, dst);
      section(html, "Scaling: single axes through the centre", sec.note(), sec.pngs(), sec.tableHtml(), sec.tables(),
          pngs, tables);
    } else if (scaling != null) {
      ScalingReport.Section sec = ScalingReport.write(runs, seedAxis, scaling, dst);
      section(html, "Scaling: Pareto frontier, scaling law and information model", sec.note(), sec.pngs(),
          sec.tableHtml(), sec.tables(), pngs, tables);
    }
    if (hts != null) {
      List<Map<String, String>> flags = new ArrayList<>();
      List<Path> dirs = new ArrayList<>();
      for (var p : hts.points()) {
        flags.add(p.flags());
        dirs.add(hts.pointDir(p));
      }
      HtsStudyReport.Section sec = HtsStudyReport.write(runs, flags, dirs, dst, html);
      pngs.addAll(sec.pngs());
      tables.addAll(sec.tables());
    }
    if (multitau != null) {
      List<Map<String, String>> flags = new ArrayList<>();
      List<Path> dirs = new ArrayList<>();
      for (var p : multitau.points()) {
        flags.add(p.flags());
        dirs.add(multitau.pointDir(p));
      }
      MultitauReport.Section sec = MultitauReport.write(flags, dirs, dst, html);
      pngs.addAll(sec.pngs());
      tables.addAll(sec.tables());
    }
    Path index = dst.resolve("index.html");
    AtomicFiles.writeString(index, html.finish());
    return new Output(index, pngs, tables);
  }

  /** A section of the page: heading and note, its figures, its table and links to its CSVs (added to the lists). */
  private static void section(Html html, String heading, String note, List<Path> secPngs, String tableHtml,
      List<Path> secTables, List<Path> pngs, List<Path> tables) throws IOException {
    html.heading(heading, note);
    for (Path png : secPngs) html.image(png);
    html.raw(tableHtml);
    for (Path t : secTables) html.link(t);
    pngs.addAll(secPngs);
    tables.addAll(secTables);
  }

  /** The params without the seed axis, in any order (for matching the conditions of two sweeps). */
  static Map<String, String> withoutSeed(Map<String, String> params, String seedAxis) {
    Map<String, String> m = new java.util.TreeMap<>(params);
    m.remove(seedAxis);
    return m;
  }

  private static Path stabilityTable(List<RunData> runs, String metric, Path dst, Html html) throws IOException {
    List<Aggregates.ConditionStats> rows = new ArrayList<>();
    for (var g : Aggregates.byCondition(runs).entrySet()) rows.add(Aggregates.stats(g.getKey(), g.getValue(), metric));
    Path csv = dst.resolve("conditions.csv");
    AtomicFiles.writeString(csv, Tables.conditionsCsv(rows));
    html.heading("Accuracy and stability per condition", Tables.legend(metric));
    html.raw(Tables.conditionsHtml(rows));
    html.raw(Tables.problemsHtml(runs));
    html.link(csv);
    return csv;
  }

  private static void tauHistograms(List<RunData> runs, String facet, String seedAxis, Path dst, Html html,
      List<Path> pngs) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> names.addAll(r.taus().keySet()));
    if (names.isEmpty()) return;
    html.heading("Time constants", "Per-neuron values pooled over the seeds of each condition.");
    for (String name : names) {
      for (var f : facets(runs, facet).entrySet()) {
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (var g : Aggregates.byCondition(f.getValue()).entrySet()) {
          double[] pooled = g.getValue().stream().map(r -> r.taus().get(name)).filter(java.util.Objects::nonNull)
              .flatMapToDouble(java.util.Arrays::stream).toArray();
          if (pooled.length > 0) samples.put(label(g.getValue().get(0), facet, seedAxis), pooled);
        }
        if (samples.isEmpty()) continue;
        Path png = dst.resolve(fileName("hist", name, f.getKey()));
        Charts.histograms(png, name + " histogram" + suffix(facet, f.getKey()), name, samples, TAU_BINS, false);
        pngs.add(png);
        html.image(png);
      }
    }
  }

  /**
   * The axis to split plots by when there are more conditions than {@link #MAX_SERIES}: the first param (not
   * the seed axis) with several values; null for no split.
   */
  static String facetAxis(List<RunData> runs, String seedAxis) {
    if (Aggregates.byCondition(runs).size() <= MAX_SERIES) return null;
    for (String k : runs.get(0).params().keySet()) {
      if (k.equals(seedAxis)) continue;
      if (runs.stream().map(r -> r.params().get(k)).distinct().count() > 1) return k;
    }
    return null;
  }

  private static Map<String, List<RunData>> facets(List<RunData> runs, String facet) {
    Map<String, List<RunData>> out = new LinkedHashMap<>();
    for (RunData r : runs) out.computeIfAbsent(facet == null ? "" : r.params().get(facet), k -> new ArrayList<>()).add(r);
    return out;
  }

  /** A run's series label: its params without the seed and facet axes. */
  static String label(RunData r, String facet, String seedAxis) {
    StringBuilder sb = new StringBuilder();
    r.params().forEach((k, v) -> {
      if (k.equals(facet) || k.equals(seedAxis)) return;
      if (!sb.isEmpty()) sb.append(' ');
      sb.append(k).append('=').append(v);
    });
    return sb.isEmpty() ? r.condition() : sb.toString();
  }

  private static Charts.Line line(Aggregates.Curve c) {
    if (!c.hasSpread()) return Charts.Line.of(c.x(), c.mean());
    double[] lo = new double[c.x().length];
    double[] hi = new double[c.x().length];
    for (int i = 0; i < lo.length; i++) {
      double sd = Double.isFinite(c.sd()[i]) ? c.sd()[i] : 0;
      lo[i] = c.mean()[i] - sd;
      hi[i] = c.mean()[i] + sd;
    }
    return new Charts.Line(c.x(), c.mean(), lo, hi);
  }

  private static String suffix(String facet, String value) {
    return facet == null ? "" : " (" + facet + "=" + value + ")";
  }

  static String fileName(String kind, String what, String facetValue) {
    String base = kind + "-" + what + (facetValue.isEmpty() ? "" : "-" + facetValue);
    return base.replaceAll("[^A-Za-z0-9.-]+", "_") + ".png";
  }
}
