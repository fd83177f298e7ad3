package org.taunet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.analysis.Inference;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;
import org.taunet.sweep.LocalExecutor;
import org.taunet.sweep.PointState;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepSpec;
import org.taunet.sweep.TinySweep;

/**
 * The multi-tau section of a report on a small real multitau-rnn sweep: two task variants (explicit rows, 8 and 6
 * units) x vanilla vs uniform x 2 seeds, 20 steps (8 tiny RNN runs).
 */
class MultitauReportTest {
  @TempDir static Path tmp;
  static Sweep sweep;
  static Report.Output out;

  @BeforeAll
  static void runSweepAndReport() throws Exception {
    String yaml = "name: mt-tiny\nstudy: multitau-rnn\ncommand: [rnn, train]\nargs: [--quiet]\n"
        + "flags: {units: 8, iterations: 20, eval-every: 5, eval-trials: 32, batch-size: 8, timescale-steps: 300, "
        + "integrator: EXPONENTIAL}\n"
        + "grid: {tau: [vanilla, uniform], seed: [1, 2]}\n"
        + "allocation: {function: explicit, args: {task: [multiscale-wm, integration-wm], "
        + "timing: ['delay=choice:1000/2000', 'delay=500'], task-args: ['p_rich=0.3,p_poor=0.15', 'mu=0.1,input_noise=0.2'], "
        + "units: [8, 6]}}\n"
        + "resources: {cpus: 1, mem: 600M, time: '00:05:00'}\n";
    SweepSpec spec = SweepSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "mt-tiny");
    sweep = Sweep.create(tmp.resolve("sweep"), spec, TinySweep.data());
    Map<PointState.State, Integer> counts = LocalExecutor.run(sweep, 2, new LocalExecutor.Listener() {});
    assertEquals(8, counts.get(PointState.State.FINISHED), counts.toString());
    out = Report.write(sweep.dir(), null);
  }

  /** A summary.json value of the runs of a task and condition, steps_to_90 censored at 20 iterations. */
  static double[] values(String task, String tau, String measure) throws Exception {
    List<Double> v = new ArrayList<>();
    for (var p : sweep.points()) {
      if (!p.flags().get("task").equals(task) || !p.flags().get("tau").equals(tau)) continue;
      JsonNode s = RunDir.open(sweep.pointDir(p)).readJsonTree("summary.json");
      double x = s.path(measure).asDouble();
      v.add(measure.startsWith("steps_to_") && x < 0 ? 20 : x);
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void statisticsTableTestsEachConditionAgainstVanilla() throws Exception {
    List<Map<String, String>> rows = MetricsCsv.read(out.html().resolveSibling("multitau-stats.csv"));
    assertEquals(4, rows.size(), rows.toString());
    for (Map<String, String> r : rows) {
      assertEquals("2", r.get("runs"));
      String task = r.get("panel").split(" ")[0];
      double[] steps = values(task, r.get("condition"), "steps_to_90");
      assertEquals(java.util.Arrays.stream(steps).average().orElseThrow(), Double.parseDouble(r.get("steps_to_90")), 1e-4);
      if (r.get("condition").equals("vanilla")) {
        assertEquals("", r.get("steps_to_90_p"));
        continue;
      }
      Inference.RankSum t = Inference.mannWhitney(steps, values(task, "vanilla", "steps_to_90"));
      assertEquals(t.p(), Double.parseDouble(r.get("steps_to_90_p")), 1e-5);
      assertEquals(t.w() / 4, Double.parseDouble(r.get("steps_to_90_A")), 1e-5);
    }
    String html = Files.readString(out.html());
    // per panel: uniform against vanilla (5 measures + reached 90 %), and both conditions' two signed-rank tests
    assertTrue(html.contains("Multi-tau RNN statistics") && html.contains(" 20 comparisons"), "2 panels x (6 + 2 x 2)");
    // a flag set per allocation row (units) names the panel; one the points share (iterations) does not
    assertTrue(rows.stream().allMatch(r -> r.get("panel").endsWith(r.get("panel").startsWith("multiscale") ? " units=8"
        : " units=6")), rows.toString());
  }

  /** sd of ln tau over the units of one run's timescales.csv column, computed here from the file. */
  static double logSd(Path dir, String column) throws Exception {
    double[] v = MetricsCsv.read(dir.resolve("timescales.csv")).stream().mapToDouble(r -> Double.parseDouble(
        r.get(column))).filter(x -> x > 0 && x < Double.POSITIVE_INFINITY).map(Math::log).toArray();
    double m = java.util.Arrays.stream(v).average().orElseThrow(), ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return Math.sqrt(ss / (v.length - 1));
  }

  @Test
  void timescaleSpreadsAndTheirChangeAreTestedWithinEachCondition() throws Exception {
    List<Map<String, String>> rows = MetricsCsv.read(out.html().resolveSibling("multitau-stats.csv"));
    for (Map<String, String> r : rows) {
      String task = r.get("panel").split(" ")[0];
      List<Double> before = new ArrayList<>(), change = new ArrayList<>();
      for (var p : sweep.points()) {
        if (!p.flags().get("task").equals(task) || !p.flags().get("tau").equals(r.get("condition"))) continue;
        double b = logSd(sweep.pointDir(p), "tau_effective_initial"), a = logSd(sweep.pointDir(p), "tau_effective");
        before.add(b);
        change.add(a - b);
      }
      assertEquals(2, before.size());
      assertEquals((before.get(0) + before.get(1)) / 2, Double.parseDouble(r.get("eff_spread_initial")), 1e-5);
      assertEquals((change.get(0) + change.get(1)) / 2, Double.parseDouble(r.get("eff_spread_change")), 1e-5);
      double p = Inference.signedRank(change.stream().mapToDouble(Double::doubleValue).toArray()).p();
      assertEquals(p, Double.parseDouble(r.get("eff_spread_change_p")), 1e-5);
      assertEquals(r.get("condition").equals("vanilla"), r.get("reached_90_fisher_p").equals("NaN"));
    }
  }

  @Test
  void figuresAreWritten() {
    long n = out.pngs().stream().filter(p -> p.getFileName().toString().startsWith("mt-")).count();
    // per panel: curve, steps, dW, delay (multiscale-wm has two delays; integration-wm's single delay still counts),
    // spectrum, and one timescale histogram and one autocorrelation example per condition
    assertEquals(2 * (5 + 2 + 2), n, out.pngs().toString());
    for (Path p : out.pngs()) assertTrue(Files.isRegularFile(p), p.toString());
    assertEquals(4, out.pngs().stream().filter(p -> p.getFileName().toString().startsWith("mt-acf-")).count());
  }
}
