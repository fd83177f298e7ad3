package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.sweep.DiskCheck;
import org.taunet.sweep.Sweep;

/** Disk estimates of sweep points and the refusal to start a sweep that does not fit. */
class DiskEstimatesTest {
  @TempDir Path tmp;

  /** net1 on MNIST: 60k + 10k particles x 510 units x 4 bytes = 142.8 MB, plus 1.6 MB of weights: 144 MB. */
  @Test
  void epNet1OnMnistNeeds144MbWhileRunningAndKeepsTheWeightsOnly() {
    DiskCheck.Estimate e = DiskEstimates.of(List.of("ep", "train", "--preset", "net1"));
    long weights = 4L * (784 * 500 + 500 * 10 + 2 * 510);
    long particles = 4L * 70_000 * 510;
    assertEquals(weights + DiskEstimates.FOLDER_OVERHEAD, e.finalBytes());
    assertEquals(weights + 2 * (weights + particles) + DiskEstimates.FOLDER_OVERHEAD, e.peakBytes());
    assertTrue(e.what().contains("EP 784-500-10, 144 MB checkpoint while running"), e.what());
    DiskCheck.Estimate kept = DiskEstimates.of(List.of("ep", "train", "--preset", "net1", "--keep-particles"));
    assertEquals(weights + particles + DiskEstimates.FOLDER_OVERHEAD, kept.finalBytes());
    assertTrue(DiskEstimates.of(List.of("rnn", "train", "--units", "32")).finalBytes() > DiskEstimates.FOLDER_OVERHEAD);
    assertTrue(DiskEstimates.of(List.of("elm", "train", "--task", "shd")).finalBytes() > DiskEstimates.FOLDER_OVERHEAD);
  }

  @Test
  void aSweepLargerThanTheFreeSpaceIsRefusedBeforeAnyPointStarts() throws Exception {
    Path spec = tmp.resolve("huge.yaml");
    Files.writeString(spec, "name: huge\ncommand: [ep, train]\nflags: {hidden: 200000000}\n"
        + "grid: {seed: [1, 2]}\n");
    Path out = tmp.resolve("s");
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new picocli.CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute("sweep", "run", spec.toString(), "--out", out.toString());
    } finally {
      System.setErr(oldErr);
    }
    String msg = err.toString(StandardCharsets.UTF_8);
    assertNotEquals(0, code, msg);
    assertTrue(msg.contains("disk estimate for 2 pending point(s) of sweep huge"), msg);
    assertTrue(msg.contains("disk estimate in total: "), msg);
    assertTrue(msg.contains("the sweep needs about") && msg.contains("--ignore-disk-estimate"), msg);
    try (var points = Files.list(out.resolve(Sweep.POINTS))) {
      assertEquals(0, points.count(), "no point started");
    }
  }

  @Test
  void overrideWarnsInsteadOfRefusing() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    assertThrows(DiskCheck.InsufficientSpaceException.class,
        () -> DiskCheck.check(tmp, Long.MAX_VALUE, false, "--ignore-disk-estimate", out));
    DiskCheck.check(tmp, Long.MAX_VALUE, true, "--ignore-disk-estimate", out);
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("starting anyway"), buf.toString(StandardCharsets.UTF_8));
    buf.reset();
    DiskCheck.check(tmp, 1, false, "--ignore-disk-estimate", out);
    assertFalse(buf.toString(StandardCharsets.UTF_8).contains("warning"));
  }
}
