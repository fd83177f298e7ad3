package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Json;
import org.taunet.run.MetricsCsv;
import org.taunet.run.Provenance;
import org.taunet.sweep.Sweep;
import org.taunet.sweep.SweepPoint;
import org.taunet.sweep.SweepSpec;

/** status, collect and report on a sweep folder with one finished, one failed and two missing points. */
class SweepCommandTest {
  @TempDir Path tmp;

  private String run(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = new picocli.CommandLine(new Main()).execute(args);
      assertEquals(0, code, () -> String.join(" ", args) + ": " + buf);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void statusCollectAndReportReadThePointFolders() throws Exception {
    SweepSpec spec = new SweepSpec("cli", null, null, List.of("ep", "train"), Map.of("epochs", "2"), null,
        Map.of("seed", List.of("1", "2", "3", "4")), null, null, null, null, null);
    Sweep sweep = Sweep.create(tmp.resolve("s"), spec, null);
    SweepPoint done = sweep.point(0);
    Path d = sweep.pointDir(done);
    Files.createDirectories(d);
    Json.write(d.resolve("config.json"), Map.of("epochs", 2));
    Provenance.start(1, "none", List.of(), tmp).finish("finished").write(d.resolve("provenance.json"));
    Json.write(d.resolve("summary.json"), Map.of("status", "finished", "test_acc", 0.75));
    MetricsCsv m = new MetricsCsv(d.resolve("metrics.csv"));
    for (int e = 1; e <= 2; e++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", e);
      row.put("test_acc", 0.5 + 0.25 * (e - 1));
      m.append(row);
    }
    Path bad = Files.createDirectories(sweep.pointDir(sweep.point(1)));
    Files.writeString(bad.resolve("stderr.log"), "Unknown option: '--bogus'\n");
    Json.write(bad.resolve("sweep-exit.json"), Map.of("exitCode", 2));

    String status = run("sweep", "status", sweep.dir().toString());
    assertTrue(status.contains("2 missing, 0 partial, 1 finished, 0 diverged, 1 failed"), status);
    assertTrue(status.contains("exit code 2: Unknown option: '--bogus'"), status);

    assertTrue(run("sweep", "collect", sweep.dir().toString()).startsWith("4 points"));
    List<Map<String, String>> rows = MetricsCsv.read(sweep.dir().resolve("collect.csv"));
    assertEquals("finished", rows.get(0).get("state"));
    assertEquals("0.75", rows.get(0).get("test_acc"));
    assertEquals("0.75", rows.get(0).get("last_test_acc"));
    assertEquals("failed", rows.get(1).get("state"));
    assertEquals("missing", rows.get(3).get("state"));

    String report = run("report", sweep.dir().toString());
    assertTrue(report.contains("(plots: 1, tables: 2)"), report);   // the test_acc curve; no other point has metrics
    assertTrue(Files.readString(sweep.dir().resolve("report/index.html")).contains("--bogus"));
  }

  /**
   * Points that finished in one go calibrate the estimate: their wall times over their estimates; a resumed point
   * and a failed one do not count, and fewer than 3 points give no calibration.
   */
  @Test
  void endedPointsCalibrateTheTimeEstimate() throws Exception {
    SweepSpec spec = new SweepSpec("cal", null, null, List.of("ep", "train"), Map.of("epochs", "2", "train-limit",
        "1000", "test-limit", "500"), null, Map.of("seed", List.of("1", "2", "3", "4", "5")), null, null, null, null,
        null);
    Sweep sweep = Sweep.create(tmp.resolve("cal"), spec, null);
    for (int i = 0; i < 5; i++) {
      Path d = Files.createDirectories(sweep.pointDir(sweep.point(i)));
      Json.write(d.resolve("config.json"), Map.of("epochs", 2));
      Provenance.start(1, "none", List.of(), tmp).finish(i == 4 ? "failed" : "finished").write(d.resolve("provenance.json"));
      Json.write(d.resolve("sweep-exit.json"), Map.of("exitCode", i == 4 ? 1 : 0, "resumed", i == 3, "seconds", 10.0));
    }
    org.taunet.bench.CostModel model = org.taunet.bench.CostModel.load();
    double[] cal = SweepCommand.Run.calibration(sweep, sweep.states(), model);
    assertEquals(3, cal[0]);
    assertEquals(30.0, cal[1], 1e-9);
    assertTrue(cal[2] > 0 && cal[2] < 30, "a 2-epoch net1 run on 1000 images is estimated at seconds: " + cal[2]);
    String status = run("sweep", "status", sweep.dir().toString());
    assertTrue(status.contains("time: 3 points that finished in one go took 0.00833 core-hours"), status);
    Files.delete(sweep.pointDir(sweep.point(2)).resolve("sweep-exit.json"));
    assertEquals(null, SweepCommand.Run.calibration(sweep, sweep.states(), model));
  }
}
