package org.taunet.report.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.report.Report;
import org.taunet.run.MetricsCsv;
import org.taunet.run.Provenance;
import org.taunet.sweep.Expansion;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepPoint;
import org.taunet.sweep.SweepSpec;

/** `taunet report` on a tiny synthetic elm-scaling sweep (finished point folders written by hand, losses from a known model). */
class ScalingReportTest {
  @TempDir Path tmp;

  static SweepSpec spec(String yaml) throws Exception {
    return SweepSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "tiny");
  }

  /** An elm-scaling sweep folder {@code dir} of the spec "flags ... grid ... allocation ..." {@code body}. */
  Sweep sweep(String dir, String body) throws Exception {
    String head = "name: " + dir + "\nstudy: elm-scaling\ncommand: [elm, train]\n";
    return Sweep.create(tmp.resolve(dir), spec(head + body), tmp);
  }

  @Test
  void reportOfAnElmScalingSweepHasTheParetoPlotAndTables() throws Exception {
    Sweep sweep = sweep("sweep", "flags: {task: fsdd, epochs: 1}\ngrid: {seed: [1]}\nallocation: {function: elm-budget, "
        + "args: {task: [fsdd], budget: [1000, 10000, 100000], max-units: [16], points: [3]}}\n");
    assertEquals(9, Expansion.points(sweep.spec()).size());
    InfoModel truth = new InfoModel(0.3, 0.02, 10, 0.05, 0.2, Math.log(10), 0);
    for (SweepPoint p : sweep.points()) {
      double loss = truth.loss(Double.parseDouble(p.params().get("units")), Double.parseDouble(p.params().get("ke")),
          Double.parseDouble(p.params().get("kc")))
          + 0.02 * Math.log10(1e5 / Double.parseDouble(p.params().get("budget")));
      fakeRun(sweep.pointDir(p), loss, Long.parseLong(p.params().get("budget")));
    }
    // an interrupted point with a tempting partial loss is left out (its rows are a partial training)
    Path cut = sweep.pointDir(sweep.points().get(4));
    fakeRun(cut, 0.001, 10000);
    Provenance.start(1, "none", List.of("taunet"), cut).write(cut.resolve("provenance.json"));
    Report.Output out = Report.write(sweep.dir(), null);
    Path png = out.html().resolveSibling("pareto.png");
    assertTrue(out.pngs().contains(png), out.pngs().toString());
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "pareto.png is not a readable PNG");
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) colours.add(img.getRGB(x, y));
    assertTrue(colours.size() >= 8, "pareto.png is nearly blank: " + colours.size() + " colours");
    String html = Files.readString(out.html());
    assertTrue(html.contains("href=\"pareto.png\"") && html.contains("Information model"), "page lacks the scaling section");
    List<Map<String, String>> front = MetricsCsv.read(out.html().resolveSibling("scaling-frontier.csv"));
    assertEquals(3, front.size());
    List<Map<String, String>> fits = MetricsCsv.read(out.html().resolveSibling("scaling-fits.csv"));
    assertTrue(fits.stream().anyMatch(r -> r.get("fit").equals("power_law") && r.get("parameter").equals("alpha")));
    List<Map<String, String>> pts = MetricsCsv.read(out.html().resolveSibling("scaling-points.csv"));
    assertEquals(8, pts.size(), "9 points, one interrupted");
    assertTrue(pts.stream().noneMatch(r -> r.get("loss").equals("0.001")));
    List<Map<String, String>> opt = MetricsCsv.read(out.html().resolveSibling("scaling-optimum.csv"));
    assertEquals(3, opt.size());
    for (int i = 0; i < 3; i++) assertEquals(front.get(i).get("units"), opt.get(i).get("units"), "the frontier's N*");
    List<Map<String, String>> contest = MetricsCsv.read(out.html().resolveSibling("scaling-contest.csv"));
    assertEquals(8, contest.size(), "every ELM cell against its budget's best");
    for (int i = 0; i < 3; i++) {
      String budget = front.get(i).get("budget");
      Map<String, String> best = contest.stream().filter(r -> r.get("budget").equals(budget)
          && r.get("role").startsWith("best")).findFirst().orElseThrow();
      assertEquals(front.get(i).get("units"), best.get("units"), "the contest's best is the frontier's cell");
    }
    for (String f : List.of("tradeoff-1000.png", "tradeoff-100000.png", "optimum.png", "model-by-budget.png")) {
      assertTrue(out.pngs().contains(out.html().resolveSibling(f)), f + " missing: " + out.pngs());
      assertNotNull(ImageIO.read(out.html().resolveSibling(f).toFile()), f);
    }
  }

  @Test
  void runsOfAnotherSweepOfTheStudyJoinTheirConditions() throws Exception {
    String base = "name: tiny\nstudy: elm-scaling\ncommand: [elm, train]\nflags: {task: fsdd, epochs: 1}\n";
    SweepSpec main = spec(base + "grid: {seed: [1]}\nallocation: {function: elm-budget, args: {task: [fsdd], budget: "
        + "[1000, 10000], max-units: [16], points: [3]}}\n");
    Sweep a = Sweep.create(tmp.resolve("a"), main, tmp);
    for (SweepPoint p : a.points()) fakeRun(a.pointDir(p), 1.0, Long.parseLong(p.params().get("budget")));
    SweepPoint first = a.points().get(0);
    String rows = "{budget: [" + first.params().get("budget") + "], units: [" + first.params().get("units") + "], ke: ["
        + first.params().get("ke") + "], kc: [" + first.params().get("kc") + "]}";
    SweepSpec more = spec(base + "grid: {seed: [2, 3]}\nallocation: {function: explicit, args: " + rows + "}\n");
    Sweep b = Sweep.create(tmp.resolve("b"), more, tmp);
    for (SweepPoint p : b.points()) fakeRun(b.pointDir(p), 2.5, Long.parseLong(p.params().get("budget")));
    Report.Output out = Report.write(a.dir(), List.of(b.dir()), tmp.resolve("r"));
    List<Map<String, String>> pts = MetricsCsv.read(out.html().resolveSibling("scaling-points.csv"));
    assertEquals(6, pts.size(), "the joined runs add no condition");
    Map<String, String> joined = pts.stream().filter(r -> r.get("runs").equals("3")).findFirst().orElseThrow();
    assertEquals(first.params().get("units"), joined.get("units"));
    assertEquals(2.0, Double.parseDouble(joined.get("loss")), 1e-9, "(1.0 + 2.5 + 2.5) / 3");
    SweepSpec other = spec(base.replace("elm-scaling", "multitau-rnn") + "grid: {seed: [1]}\n");
    Sweep c = Sweep.create(tmp.resolve("c"), other, tmp);
    assertThrows(IllegalArgumentException.class, () -> Report.write(a.dir(), List.of(c.dir()), tmp.resolve("r2")));
  }

  @Test
  void reportOfASingleAxisSweepHasEachAxisCurveAndTrend() throws Exception {
    Sweep sweep = sweep("axes", "flags: {task: fsdd-adding, epochs: 1}\ngrid: {seed: [1, 2]}\nallocation: {function: "
        + "elm-axes, args: {center: [2, 2, 4], units: [1, 2, 4], ke: [1, 2, 4], kc: [2, 4, 8]}}\n");
    for (SweepPoint p : sweep.points()) {   // loss falls along N and k_e, not along k_c
      double loss = 3 - Math.log(Double.parseDouble(p.params().get("units")))
          - 0.5 * Math.log(Double.parseDouble(p.params().get("ke"))) + 0.01 * Double.parseDouble(p.params().get("seed"));
      fakeRun(sweep.pointDir(p), loss, 100);
    }
    Report.Output out = Report.write(sweep.dir(), null);
    List<Map<String, String>> rows = MetricsCsv.read(out.html().resolveSibling("scaling-axes.csv"));
    assertEquals(9, rows.size());
    Map<String, Double> rho = new java.util.HashMap<>();
    for (Map<String, String> r : rows) {
      assertEquals("2", r.get("runs"), r.toString());
      rho.put(r.get("axis"), Double.parseDouble(r.get("spearman_rho")));
    }
    assertTrue(rho.get("units") < -0.9 && rho.get("ke") < -0.9, rho.toString());
    assertTrue(Math.abs(rho.get("kc")) < 0.5, rho.toString());
    assertTrue(out.pngs().contains(out.html().resolveSibling("axes-loss.png")), out.pngs().toString());
    assertTrue(Files.readString(out.html()).contains("single axes through the centre"));
  }

  @Test
  void aRunsLossIsItsTestLossAtTheEpochOfLowestValidationLoss() {
    List<Map<String, String>> rows = List.of(
        Map.of("valid_loss", "1.0", "test_loss", "1.1", "test_acc", "0.5"),
        Map.of("valid_loss", "0.6", "test_loss", "0.7", "test_acc", "0.8"),
        Map.of("valid_loss", "0.9", "test_loss", "0.5", "test_acc", "0.9"));
    org.taunet.report.RunData r = new org.taunet.report.RunData("a", "a", Map.of(), null, Map.of(), rows, Map.of());
    assertEquals(0.7, ScalingReport.selected(r, "test_loss", "test_loss"));
    assertEquals(0.8, ScalingReport.selected(r, "test_loss", "test_acc"));
    assertEquals(0.9, ScalingReport.selected(r, "valid_loss", "valid_loss"), "no test column: the last value");
  }

  @Test
  void theOptimumsPlaceAmongTheBudgetsCells() {
    assertEquals("interior", Optimum.place(4, List.of(1, 4, 16)));
    assertEquals("smallest", Optimum.place(1, List.of(1, 4, 16)));
    assertEquals("largest", Optimum.place(16, List.of(16, 4, 1)));
    assertEquals("only", Optimum.place(2, List.of(2, 2)));
    var a = new ParetoFrontier.Point("elm", 1000, 1, 8, 32, 990, 2.0, Double.NaN, 0.5, 1);
    var b = new ParetoFrontier.Point("elm", 1000, 4, 4, 8, 990, 1.5, Double.NaN, 0.5, 1);
    var c = new ParetoFrontier.Point("elm", 1000, 16, 1, 8, 990, 2.5, Double.NaN, 0.5, 1);
    var d = new ParetoFrontier.Point("elm", 1000, 4, 2, 64, 990, 1.9, Double.NaN, 0.5, 1);
    var rows = Optimum.rows(List.of(a, b, c, d), null, null);
    assertEquals(1, rows.size());
    assertEquals(b, rows.get(0).best());
    assertEquals("interior", rows.get(0).nPlace());
    assertEquals("largest", rows.get(0).kePlace(), "k_e 4 is the largest trained with N = 4");
  }

  @Test
  void baselinesAreDrawnButNeverOnTheFrontier() {
    var elm = new ParetoFrontier.Point("elm", 1000, 4, 4, 8, 990, 2.0, Double.NaN, 0.5, 1);
    var lstm = new ParetoFrontier.Point("lstm", 1000, 1, 0, 0, 1000, 1.0, Double.NaN, 0.3, 1);
    assertEquals(List.of(elm), ParetoFrontier.frontier(List.of(elm, lstm)));
  }

  @Test
  void aBudgetSweepsReportWritesTheSpecThatReseedsTheBestCellsOfEachBudget() throws Exception {
    Sweep sweep = sweep("sweep", "flags: {task: fsdd, epochs: 2}\ngrid: {seed: [1]}\nallocation: {function: elm-budget, "
        + "args: {task: [fsdd], budget: [1000, 10000], max-units: [16], points: [4]}}\n");
    Map<String, Double> validLoss = new java.util.HashMap<>();
    for (SweepPoint p : sweep.points()) {
      double valid = Double.parseDouble(p.params().get("units")) + 0.001 * Double.parseDouble(p.params().get("kc"));
      validLoss.put(p.params().toString(), valid);
      // test loss ranks the cells the other way round: the ranking must come from validation
      Files.createDirectories(sweep.pointDir(p));
      fakeRun(sweep.pointDir(p), 1.0, Long.parseLong(p.params().get("budget")));
      Files.writeString(sweep.pointDir(p).resolve("metrics.csv"), "epoch,valid_loss,test_loss\n1," + (valid + 1) + ","
          + (10 - valid) + "\n2," + valid + "," + (10 - valid) + "\n");
    }
    Report.Output out = Report.write(sweep.dir(), null);
    SweepSpec reseed = SweepSpec.read(out.html().resolveSibling("frontier-seeds.yaml"));
    assertEquals("elm-scaling", reseed.study());
    assertEquals(Map.of("task", "fsdd", "epochs", "2"), reseed.flags());
    var points = Expansion.points(reseed);
    assertEquals(2 * 2 * 2, points.size(), "two budgets x the 2 best cells x seeds 2 and 3");
    for (String budget : List.of("1000", "10000")) {
      List<Double> all = sweep.points().stream().filter(p -> p.params().get("budget").equals(budget))
          .map(p -> validLoss.get(p.params().toString())).sorted().toList();
      for (SweepPoint p : points) {
        if (!p.params().get("budget").equals(budget)) continue;
        assertTrue(List.of("2", "3").contains(p.params().get("seed")), p.params().toString());
        double v = Double.parseDouble(p.params().get("units")) + 0.001 * Double.parseDouble(p.params().get("kc"));
        assertTrue(v <= all.get(1), "not among the 2 best by validation loss: " + p.params());
      }
    }
  }

  @Test
  void theModelsCandidatesAreEveryCellOfTheBudgetWhateverTheSweepSampled() throws Exception {
    SweepSpec.Allocation a = spec("name: t\nstudy: elm-scaling\ncommand: [elm, train]\nallocation: {function: "
        + "elm-budget, args: {budget: [1000, 30000], max-units: [64], tolerance: [0.2], pick: [closest], min-units: "
        + "[1, 16], points: [2]}}\n").allocation();
    List<double[]> cells = ScalingReport.candidates(a, 30000);
    assertTrue(cells.size() > 2, "points dropped: " + cells.size());
    assertTrue(cells.stream().anyMatch(c -> c[0] < 16), "min-units (one value per budget of the sweep) dropped");
    assertTrue(ScalingReport.candidates(a, 3000).size() > 2, "a budget the sweep does not have");
  }

  /** A finished run folder with one metrics row. */
  static void fakeRun(Path dir, double loss, long params) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), "{}");
    Files.writeString(dir.resolve("metrics.csv"), "epoch,test_loss,test_acc\n1," + loss + "," + Math.exp(-loss) + "\n");
    Files.writeString(dir.resolve("summary.json"), "{\"status\": \"finished\", \"params\": " + params + "}");
    Provenance.start(1, "none", List.of("taunet"), dir).finish("finished").write(dir.resolve("provenance.json"));
  }
}
