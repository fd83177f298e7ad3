package org.taunet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.MetricsCsv;
import org.taunet.sweep.LocalExecutor;
import org.taunet.sweep.PointState;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepSpec;
import org.taunet.sweep.TinySweep;

/**
 * The HTS section of a report on a small real hts-ep-stability sweep: scalar vs gamma x lr scale {1, 1e40} x 2 seeds
 * (8 tiny EP runs); at lr x 1e40 every run diverges at its first update, at lr x 1 none fails.
 */
class HtsStudyReportTest {
  @TempDir static Path tmp;
  static Sweep sweep;
  static Report.Output out;

  @BeforeAll
  static void runSweepAndReport() throws Exception {
    Path data = TinySweep.data();
    String yaml = "name: hts-tiny\nstudy: hts-ep-stability\ncommand: [ep, train]\nargs: [--quiet]\n"
        + "flags: {preset: quick, hidden: 16, train-limit: 200, test-limit: 100, epochs: 2, t-free: 10, "
        + "probe-examples: 8}\n"
        + "grid: {tau: ['0.5', 'gamma:mean=0.5,k=4'], lr-scale: [1, 1e40], seed: [1, 2]}\n"
        + "resources: {cpus: 1, mem: 600M, time: '00:05:00'}\n";
    SweepSpec spec = SweepSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "hts-tiny");
    sweep = Sweep.create(tmp.resolve("sweep"), spec, data);
    Map<PointState.State, Integer> counts = LocalExecutor.run(sweep, 2, new LocalExecutor.Listener() {});
    assertEquals(4, counts.get(PointState.State.DIVERGED), counts.toString());
    out = Report.write(sweep.dir(), null);
  }

  /** Failures per (lr scale, condition) as the run folders say: diverged, or finished collapsed. */
  static int failures(double lrScale, String condition) throws Exception {
    int k = 0;
    for (var p : sweep.points()) {
      boolean scalar = p.params().get("tau").equals("0.5");
      if (Double.parseDouble(p.params().get("lr-scale")) != lrScale || scalar != condition.equals("scalar")) continue;
      String s = Files.readString(sweep.pointDir(p).resolve("summary.json"));
      if (s.contains("\"status\" : \"diverged\"") || s.contains("\"collapsed\" : true")) k++;
    }
    return k;
  }

  @Test
  void statisticsTableHasOneRowPerCellAndCondition() throws Exception {
    List<Map<String, String>> rows = MetricsCsv.read(out.html().resolveSibling("hts-stats.csv"));
    assertEquals(4, rows.size(), rows.toString());
    for (Map<String, String> r : rows) {
      double lr = Double.parseDouble(r.get("lr_scale"));
      int k = failures(lr, r.get("condition"));
      assertEquals("2", r.get("runs"));
      assertEquals(String.valueOf(k), r.get("failures"), r.toString());
      assertEquals("0.5", r.get("mean_dt"));
      if (lr > 1) {
        assertEquals(2, k, "lr x 1e40 diverges");
        // Wilson 95 % for 2/2: centre (1 + z^2/4) / (1 + z^2/2), half-width (z^2/4) / (1 + z^2/2): [0.3424, 1]
        assertEquals(0.3424, Double.parseDouble(r.get("wilson_lo")), 1e-4);
        assertEquals(1.0, Double.parseDouble(r.get("wilson_hi")), 1e-12);
      }
      var w = org.taunet.analysis.Inference.wilson(k, 2, org.taunet.analysis.Inference.Z95);
      assertEquals(w.lo(), Double.parseDouble(r.get("wilson_lo")), 1e-12);
      if (r.get("condition").equals("gamma")) {
        int ks = failures(lr, "scalar");
        assertEquals(org.taunet.analysis.Inference.fisherExact(k, 2 - k, ks, 2 - ks),
            Double.parseDouble(r.get("fisher_p_vs_scalar")), 1e-12);
        assertEquals(0.5, Double.parseDouble(r.get("cv")), 1e-9, "gamma k = 4 has CV 1/sqrt(4)");
        if (lr > 1) assertTrue(Double.isNaN(Double.parseDouble(r.get("acc_diff_vs_scalar"))), "no accuracy of failed runs");
      } else {
        assertEquals("scalar", r.get("condition"));
        assertTrue(Double.isNaN(Double.parseDouble(r.get("fisher_p_vs_scalar"))));
      }
    }
  }

  @Test
  void pageHasTheMapTheCountOfComparisonsAndTheStudyFigures() throws Exception {
    String html = Files.readString(out.html());
    assertTrue(html.contains("HTS stability map") && html.contains("2/2"));
    int m = 0;
    for (Map<String, String> r : MetricsCsv.read(out.html().resolveSibling("hts-stats.csv"))) {
      for (String c : List.of("fisher_p_vs_scalar", "diff_boot_lo", "sd_permutation_p")) {
        if (Double.isFinite(Double.parseDouble(r.get(c)))) m++;
      }
    }
    assertTrue(m >= 2, "a Fisher test in each cell");
    assertTrue(html.contains(m + " comparisons against scalar"), html);
    Set<String> names = new java.util.HashSet<>();
    out.pngs().forEach(p -> names.add(p.getFileName().toString()));
    for (String prefix : List.of("hts-failures", "hts-curve", "hts-probe", "hts-cv", "hist-dt")) {
      assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), prefix + " in " + names);
    }
  }

  @Test
  void runsArePlacedByTheirTauAndControlFlags() {
    RunData d = new RunData("x", "c", Map.of(), new PointState(PointState.State.FINISHED, ""), Map.of(), List.of(),
        Map.of());
    List<HtsStudy.Run> placed = HtsStudy.place(List.of(d, d, d), List.of(
        Map.of("tau", "1.0", "dataset", "fashion-mnist"),
        Map.of("tau", "normal:mean=1,sd=0.2,min=0.05", "lr-scale", "4"),
        Map.of("tau", "0.5", "lr-like-dt", "gamma:mean=0.5,k=4", "t-free", "40")), Set.of("t-free"));
    assertEquals("scalar", placed.get(0).condition());
    assertEquals("fashion-mnist net1 t-free=", placed.get(0).panel());
    assertEquals(1.0, placed.get(0).meanDt());
    assertEquals("normal", placed.get(1).condition());
    assertEquals(0.2, placed.get(1).cv(), 1e-5); // truncated at 0.05: 0.199997
    assertEquals(4.0, placed.get(1).lrScale());
    assertEquals("lr-like-dt gamma", placed.get(2).condition());
    assertEquals(0.5, placed.get(2).cv(), 1e-9);
    assertEquals("mnist net1 t-free=40", placed.get(2).panel());
  }
}
