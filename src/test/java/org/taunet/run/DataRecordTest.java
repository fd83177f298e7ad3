package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data record of a run: the folder it uses without flags, the override and the checksum warning. */
class DataRecordTest {
  @TempDir Path tmp;

  @Test
  void recordedFolderIsUsedOverrideWinsAndChangedDataIsWarned() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data/toy"));
    Files.writeString(data.resolve("a.bin"), "alpha");
    Files.writeString(data.resolve(".hidden"), "skipped");
    RunDir run = RunDir.create(tmp.resolve("run"));
    DataRecord.of(tmp.resolve("data"), List.of("toy", "absent")).write(run);
    DataRecord rec = DataRecord.read(run);
    assertEquals(List.of("toy/a.bin"), List.copyOf(rec.files().keySet()));
    assertEquals(5, rec.files().get("toy/a.bin").bytes());

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream warn = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Path fallback = tmp.resolve("home/.taunet/data");
    assertEquals(tmp.resolve("data").toAbsolutePath().normalize(), DataRecord.resolve(run, null, fallback, warn));
    assertEquals("", buf.toString(StandardCharsets.UTF_8), "same data: no warning");

    Path moved = Files.createDirectories(tmp.resolve("moved/toy"));
    Files.writeString(moved.resolve("a.bin"), "alphA");
    assertEquals(tmp.resolve("moved").toAbsolutePath(), DataRecord.resolve(run, tmp.resolve("moved"), fallback, warn));
    String w = buf.toString(StandardCharsets.UTF_8);
    assertTrue(w.contains("differs") && w.contains("toy/a.bin has a different SHA-256"), w);

    buf.reset();
    Files.move(tmp.resolve("data"), tmp.resolve("elsewhere"));
    assertEquals(fallback, DataRecord.resolve(run, null, fallback, warn));
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("is gone"), buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runWithoutRecordUsesTheOverrideOrTheDefault() throws Exception {
    RunDir run = RunDir.create(tmp.resolve("run"));
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    assertEquals(tmp, DataRecord.resolve(run, null, tmp, quiet));
    assertEquals(tmp.resolve("x"), DataRecord.resolve(run, tmp.resolve("x"), tmp, quiet));
  }
}
