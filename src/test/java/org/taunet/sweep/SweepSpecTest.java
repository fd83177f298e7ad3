package org.taunet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
  static SweepSpec parse(String yaml) throws IOException {
    return SweepSpec.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }

  static final String GRID = """
      name: g
      command: [ep, train]
      flags: {preset: quick, epochs: 2}
      grid:
        dataset: [mnist, kmnist]
        tau: ["0.5", "gamma:mean=0.5,k=4", "uniform:0.1,0.9"]
        seed: [1, 2]
      """;

  @Test
  void gridIsTheCartesianProductWithTheFirstAxisSlowest() throws IOException {
    List<SweepPoint> pts = Expansion.points(parse(GRID));
    assertEquals(12, pts.size());
    assertEquals(Map.of("dataset", "mnist", "tau", "0.5", "seed", "1"), pts.get(0).params());
    assertEquals(Map.of("dataset", "mnist", "tau", "0.5", "seed", "2"), pts.get(1).params());
    assertEquals("kmnist", pts.get(6).params().get("dataset"));
    assertEquals(List.of("--preset", "quick", "--epochs", "2", "--dataset", "mnist", "--tau", "0.5", "--seed", "1"),
        pts.get(0).flagArgs());
    for (int i = 0; i < pts.size(); i++) assertEquals(i, pts.get(i).index());
    assertEquals("dataset=mnist tau=0.5", pts.get(1).condition("seed"));
  }

  @Test
  void idsAreStableDistinctFolderNamesAndFollowEveryFlag() throws IOException {
    List<SweepPoint> a = Expansion.points(parse(GRID));
    List<SweepPoint> b = Expansion.points(parse(GRID));
    assertEquals(a.stream().map(SweepPoint::id).toList(), b.stream().map(SweepPoint::id).toList());
    assertEquals(a.size(), a.stream().map(SweepPoint::id).collect(Collectors.toSet()).size());
    for (SweepPoint p : a) assertTrue(p.id().matches("[A-Za-z0-9._-]+"), p.id());
    assertTrue(a.get(2).id().startsWith("mnist_gamma_mean_0.5_k_4_1-"), a.get(2).id());
    List<SweepPoint> c = Expansion.points(parse(GRID.replace("epochs: 2", "epochs: 3")));
    assertNotEquals(a.get(0).id(), c.get(0).id(), "a changed base flag must give a new folder");
  }

  @Test
  void randomDrawsAreDeterministicInRangeAndPaired() throws IOException {
    String yaml = """
        name: r
        command: [ep, train]
        grid: {seed: [1, 2]}
        random:
          samples: 5
          seed: 7
          axes:
            beta: {dist: loguniform, min: 0.1, max: 10}
            batch-size: {dist: int, min: 8, max: 32}
            activation: {dist: choice, values: [TANH, SIGMOID]}
        """;
    List<SweepPoint> pts = Expansion.points(parse(yaml));
    assertEquals(10, pts.size());
    assertEquals(pts, Expansion.points(parse(yaml)));
    Set<String> betas = new java.util.HashSet<>();
    for (SweepPoint p : pts) {
      double beta = Double.parseDouble(p.params().get("beta"));
      int bs = Integer.parseInt(p.params().get("batch-size"));
      assertTrue(beta >= 0.1 && beta <= 10 && bs >= 8 && bs <= 32, p.params().toString());
      assertTrue(Set.of("TANH", "SIGMOID").contains(p.params().get("activation")));
      betas.add(p.params().get("beta"));
    }
    assertEquals(5, betas.size(), "each draw differs; seeds share the draws");
    assertEquals(pts.get(0).params().get("beta"), pts.get(5).params().get("beta"));
  }

  @Test
  void explicitAllocationZipsColumnsAndElmBudgetRejectsForeignArgs() throws IOException {
    String yaml = """
        name: a
        command: [elm, train]
        allocation:
          function: explicit
          args: {units: [10, 20, 40], ke: [8, 4, 2]}
        """;
    List<SweepPoint> pts = Expansion.points(parse(yaml));
    assertEquals(3, pts.size());
    assertEquals(Map.of("units", "20", "ke", "4"), pts.get(1).params());
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> Expansion.points(parse(yaml.replace("explicit", "elm-budget"))));
    assertTrue(e.getMessage().contains("elm-budget: unknown arg"), e.getMessage());
    Allocations.register("test-split", args -> List.of(Map.of("units", args.get("budget").get(0))));
    assertEquals("7", Expansion.points(parse(yaml.replace("explicit", "test-split")
        .replace("{units: [10, 20, 40], ke: [8, 4, 2]}", "{budget: [7]}"))).get(0).params().get("units"));
  }

  @Test
  void invalidSpecsAreRejectedWithTheReason() {
    assertThrows(IOException.class, () -> parse("name: x\ncommand: [ep, train]\nflags: {out: /tmp/x}\n"));
    assertThrows(IOException.class, () -> parse("name: x\nflags: {epochs: 1}\n"));
    assertThrows(IOException.class, () -> parse("name: x\ncommand: [ep]\ngird: {seed: [1]}\n"));
    assertThrows(IOException.class, () -> parse("name: x\ncommand: [ep]\ngrid: {seed: []}\n"));
    assertThrows(IllegalArgumentException.class, () -> Expansion.points(parse(
        "name: x\ncommand: [ep]\ngrid: {seed: [1, 1]}\n")));
    Exception e = assertThrows(IOException.class, () -> parse("name: x\ncommand: [ep]\nflags: {--epochs: 1}\n"));
    assertTrue(e.getMessage().contains("without the leading --"), e.getMessage());
  }

  @Test
  void studyPresetsLoadAndTheirSizesExpand() throws IOException {
    SweepSpec hts = Studies.load("hts-ep-stability");
    assertEquals(18, Expansion.points(hts).size());
    SweepSpec paper = hts.withSize("paper");
    assertEquals("hts-ep-stability-paper", paper.name());
    assertEquals(90, Expansion.points(paper).size());
    assertEquals("0", paper.flags().get("train-limit"));
    assertEquals("4G", paper.resources().mem());
    assertEquals(hts, hts.withSize(null));
    assertThrows(IllegalArgumentException.class, () -> hts.withSize("huge"));
    assertEquals(16, Expansion.points(Studies.load("multitau-rnn")).size());
    // the multi-tau study's sizes: explicit rows of (task, timing, task-args) replace the grid's task axis
    var pilot = Expansion.points(Studies.load("multitau-rnn").withSize("pilot"));
    assertEquals(16, pilot.size());
    assertEquals(16, Expansion.points(Studies.load("multitau-rnn").withSize("pilot-hard")).size());
    // pilot-3: units and gain are allocation columns too
    var pilot3 = Expansion.points(Studies.load("multitau-rnn").withSize("pilot-3"));
    assertEquals(24, pilot3.size());
    assertEquals(java.util.Set.of("16/1", "32/1", "16/1.5"), pilot3.stream()
        .map(p -> p.flags().get("units") + "/" + p.flags().get("gain")).collect(java.util.stream.Collectors.toSet()));
    assertEquals(java.util.Set.of("multiscale-wm", "integration-wm"),
        pilot.stream().map(p -> p.flags().get("task")).collect(java.util.stream.Collectors.toSet()));
    var stress = Expansion.points(Studies.load("multitau-rnn").withSize("stress"));
    assertEquals(140, stress.size());
    for (var p : stress) {
      boolean wm = p.flags().get("task").equals("multiscale-wm");
      assertEquals(wm ? "p_rich=0.8,p_poor=0.4" : "mu=0.3", p.flags().get("task-args"), p.id());
      assertEquals("EXPONENTIAL", p.flags().get("integrator"));
      assertEquals(wm ? "16" : "32", p.flags().get("units"));
    }
    assertEquals("elm-budget", Studies.load("elm-scaling").allocation().function());
    assertThrows(IllegalArgumentException.class, () -> Studies.load("nope"));
  }

  @Test
  void resourcesParseSlurmMemory() {
    assertEquals(2048, new SweepSpec.Resources(1, "2G", null, null).memMb());
    assertEquals(500, new SweepSpec.Resources(1, "500M", null, null).memMb());
    assertEquals(300, new SweepSpec.Resources(0, "300", null, null).memMb());
    assertEquals(1, new SweepSpec.Resources(0, null, null, null).cpus());
    assertThrows(IllegalArgumentException.class, () -> new SweepSpec.Resources(1, "2GB", null, null));
    assertEquals("0-3,5,7-9", SlurmExecutor.ranges(List.of(0, 1, 2, 3, 5, 7, 8, 9)));
    assertEquals("4", SlurmExecutor.ranges(List.of(4)));
  }
}
