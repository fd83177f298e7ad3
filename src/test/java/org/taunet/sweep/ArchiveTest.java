package org.taunet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Provenance;
import org.taunet.run.RunLock;

class ArchiveTest {
  @TempDir Path tmp;

  /** Writes a point folder as a run leaves it: config, provenance with {@code status} (none: still running). */
  private static void point(Path d, String status) throws Exception {
    Files.createDirectories(d.resolve("sub"));
    Files.writeString(d.resolve("config.json"), "{}");
    Provenance p = Provenance.start(1, "none", List.of("taunet"), d);
    (status == null ? p : p.finish(status)).write(d.resolve("provenance.json"));
    Files.writeString(d.resolve("metrics.csv"), "epoch,acc\n1,0.5\n");
    Files.writeString(d.resolve("checkpoint.bin"), "weights");
    Files.writeString(d.resolve("autocorrelation.csv"), "lag,r\n");
    Files.writeString(d.resolve("sub/probe.csv"), "t,e\n");
    Files.writeString(d.resolve(".metrics.csv.123.tmp"), "half");
    Files.writeString(d.resolve(RunLock.FILE), "");
  }

  @Test
  void keepsEndedPointsWithoutCheckpointsAndTheCopyIsASweepThatContinues() throws Exception {
    SweepSpec spec = TinySweep.spec("arch", "{tau: ['0.5', '0.9'], seed: [1, 2]}", 1);
    Sweep sweep = Sweep.create(tmp.resolve("sweep"), spec, null);
    List<SweepPoint> pts = sweep.points();
    point(sweep.pointDir(pts.get(0)), "finished");
    point(sweep.pointDir(pts.get(1)), "diverged");
    point(sweep.pointDir(pts.get(2)), null); // interrupted: needs its checkpoint to resume

    Path out = tmp.resolve("archive");
    Archive.Result r = Archive.write(sweep, out, List.of("checkpoint.bin", "autocorrelation.csv"));
    assertEquals(new Archive.Result(2, 2, 8, r.bytes()), r);
    Sweep copy = Sweep.open(out);
    assertEquals(sweep.manifest(), copy.manifest());
    Map<SweepPoint, PointState> st = copy.states();
    assertEquals(PointState.State.FINISHED, st.get(pts.get(0)).state());
    assertEquals(PointState.State.DIVERGED, st.get(pts.get(1)).state());
    assertEquals(PointState.State.MISSING, st.get(pts.get(2)).state(), "an unfinished point is run again");
    Path p0 = copy.pointDir(pts.get(0));
    assertEquals("epoch,acc\n1,0.5\n", Files.readString(p0.resolve("metrics.csv")));
    assertTrue(Files.isRegularFile(p0.resolve("sub/probe.csv")));
    for (String gone : List.of("checkpoint.bin", "autocorrelation.csv", RunLock.FILE, ".metrics.csv.123.tmp")) {
      assertFalse(Files.exists(p0.resolve(gone)), gone);
    }

    // the interrupted point ends later: archiving again adds it and keeps the others
    point(sweep.pointDir(pts.get(2)), "finished");
    assertEquals(3, Archive.write(sweep, out, List.of("checkpoint.bin")).points());
    assertEquals(PointState.State.FINISHED, Sweep.open(out).states().get(pts.get(2)).state());
    assertTrue(Files.exists(copy.pointDir(pts.get(2)).resolve("autocorrelation.csv")));
    assertThrows(IllegalArgumentException.class, () -> Archive.write(sweep, sweep.dir(), List.of()));
  }
}
