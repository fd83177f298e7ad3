package org.taunet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Json;
import org.taunet.run.Provenance;

class PointStateTest {
  @TempDir Path tmp;

  private Path run(String name, String status) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.writeString(d.resolve("config.json"), "{}");
    if (status != null) Provenance.start(1, "none", List.of("taunet"), tmp).finish(status).write(d.resolve("provenance.json"));
    return d;
  }

  @Test
  void statesFollowTheLatestProvenanceAndTheExitRecord() throws Exception {
    assertEquals(PointState.State.MISSING, PointState.read(tmp.resolve("never")).state());
    assertEquals(PointState.State.FINISHED, PointState.read(run("fin", "finished")).state());
    Path killed = run("killed", null);
    Provenance.start(1, "none", List.of(), tmp).write(killed.resolve("provenance.json"));
    assertEquals(PointState.State.PARTIAL, PointState.read(killed).state());
    assertEquals(PointState.State.PARTIAL, PointState.read(run("interrupted", "interrupted")).state());
    // a resume that finished: provenance.resume2.json is the latest word
    Path resumed = run("resumed", "interrupted");
    Provenance.start(1, "none", List.of(), tmp).finish("interrupted").write(resumed.resolve("provenance.resume1.json"));
    Provenance.start(1, "none", List.of(), tmp).finish("finished").write(resumed.resolve("provenance.resume2.json"));
    assertEquals(PointState.State.FINISHED, PointState.read(resumed).state());
    assertTrue(PointState.State.FINISHED.terminal());
    assertFalse(PointState.State.PARTIAL.terminal());
  }

  @Test
  void divergedAndFailedPointsCarryTheirReason() throws Exception {
    Path div = run("div", "diverged");
    Json.write(div.resolve("summary.json"), Map.of("status", "diverged", "epochs", 3));
    assertEquals(new PointState(PointState.State.DIVERGED, "diverged after 3 epochs"), PointState.read(div));
    Path fail = run("fail", "failed");
    Files.writeString(fail.resolve(PointState.STDERR), "taunet: run folder x\njava.io.IOException: disk full\n"
        + "\tat org.taunet.X.y(X.java:1)\n");
    assertEquals("java.io.IOException: disk full", PointState.read(fail).reason());
    // a point that never wrote its config (e.g. a bad flag) fails by its exit code
    Path bad = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(bad.resolve(PointState.STDERR), "Unknown option: '--hiden'\nUsage: taunet ep train\n");
    Json.write(bad.resolve(PointState.EXIT_FILE), Map.of("exitCode", 2));
    PointState s = PointState.read(bad);
    assertEquals(PointState.State.FAILED, s.state());
    assertEquals("exit code 2: Usage: taunet ep train", s.reason());
  }
}
