package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
  @TempDir
  Path dir;

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void appendAllWritesEveryRowOrNone() throws IOException {
    Path f = dir.resolve("probe.csv");
    MetricsCsv csv = new MetricsCsv(f);
    csv.appendAll(List.of(row("epoch", 1, "x", 0.5), row("epoch", 1, "x", 0.25)));
    assertThrows(IllegalArgumentException.class,
        () -> csv.appendAll(List.of(row("epoch", 2, "x", 1.0), row("epoch", 2, "y", 1.0))));
    assertEquals("epoch,x\n1,0.5\n1,0.25\n", Files.readString(f));
    assertEquals(2, csv.rows().size());
  }

  @Test
  void columnIsNaNWhereARowLacksTheCellOrItIsEmpty() {
    List<Map<String, String>> rows = List.of(Map.of("acc", "0.5"), Map.of("acc", ""), Map.of("loss", "1"),
        Map.of("acc", "NaN"));
    double[] acc = MetricsCsv.column(rows, "acc");
    assertEquals(0.5, acc[0]);
    for (int i = 1; i < 4; i++) assertTrue(Double.isNaN(acc[i]), "row " + i);
  }

  @Test
  void appendsRowsUnderAFixedHeader() throws IOException {
    Path f = dir.resolve("metrics.csv");
    MetricsCsv m = new MetricsCsv(f);
    assertEquals(List.of(), m.columns());
    m.append(row("epoch", 1, "loss", 0.25, "acc", 0.5f, "note", null));
    m.append(row("epoch", 2, "loss", 1e-10, "acc", Float.NaN, "note", "diverging?"));
    assertEquals("epoch,loss,acc,note\n1,0.25,0.5,\n2,1.0E-10,NaN,diverging?\n", Files.readString(f));
    assertEquals(List.of("epoch", "loss", "acc", "note"), m.columns());
    assertEquals("1.0E-10", m.rows().get(1).get("loss"));
    assertEquals(m.rows(), MetricsCsv.read(f));
    assertEquals(m.rows(), new MetricsCsv(f).rows()); // reopened, as a resumed run does
  }

  @Test
  void doublesRoundTripExactly() throws IOException {
    MetricsCsv m = new MetricsCsv(dir.resolve("m.csv"));
    SplittableRandom r = new SplittableRandom(5);
    double[] values = new double[50];
    for (int i = 0; i < values.length; i++) {
      values[i] = Double.longBitsToDouble(r.nextLong());
      if (Double.isNaN(values[i])) values[i] = Double.NEGATIVE_INFINITY;
      m.append(row("epoch", i, "value", values[i]));
    }
    List<Map<String, String>> back = MetricsCsv.read(m.path());
    for (int i = 0; i < values.length; i++) assertEquals(values[i], Double.parseDouble(back.get(i).get("value")));
  }

  @Test
  void rowsWithOtherColumnsAreRejectedAndLeaveTheFileAlone() throws IOException {
    Path f = dir.resolve("metrics.csv");
    MetricsCsv m = new MetricsCsv(f);
    m.append(row("epoch", 1, "loss", 0.5));
    String before = Files.readString(f);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> m.append(row("epoch", 2)));
    assertTrue(missing.getMessage().contains("row has columns [epoch] but the header is [epoch, loss]"),
        missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.append(row("loss", 0.4, "epoch", 2)));
    assertThrows(IllegalArgumentException.class, () -> m.append(row("epoch", 2, "loss", 0.4, "acc", 1)));
    assertEquals(before, Files.readString(f));
    assertEquals(1, m.rows().size());
  }

  @Test
  void truncateAfterDropsTheEpochsAResumedRunRedoes() throws IOException {
    Path f = dir.resolve("metrics.csv");
    MetricsCsv m = new MetricsCsv(f);
    for (int e = 1; e <= 5; e++) m.append(row("epoch", e, "loss", 1.0 / e));
    MetricsCsv resumed = new MetricsCsv(f);
    assertEquals(2, resumed.truncateAfter("epoch", 3));
    assertEquals(List.of("1", "2", "3"), resumed.rows().stream().map(r -> r.get("epoch")).toList());
    resumed.append(row("epoch", 4, "loss", 0.3));
    assertEquals(List.of("1", "2", "3", "4"), MetricsCsv.read(f).stream().map(r -> r.get("epoch")).toList());
    assertEquals(0, resumed.truncateAfter("epoch", 10));
    assertThrows(IllegalArgumentException.class, () -> resumed.truncateAfter("step", 1));
  }

  @Test
  void textCellsAreQuotedAndLineBreaksRejected() throws IOException {
    MetricsCsv m = new MetricsCsv(dir.resolve("m.csv"));
    m.append(row("epoch", 1, "tau", "normal:mean=0.5,sd=0.1", "say", "he said \"hi\""));
    Map<String, String> back = MetricsCsv.read(m.path()).get(0);
    assertEquals("normal:mean=0.5,sd=0.1", back.get("tau"));
    assertEquals("he said \"hi\"", back.get("say"));
    assertThrows(IllegalArgumentException.class, () -> m.append(row("epoch", 2, "tau", "a\nb", "say", "")));
  }

  @Test
  void malformedFilesAreReportedWithTheLine() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "epoch,loss\n1,0.5\n2\n");
    IOException e = assertThrows(IOException.class, () -> new MetricsCsv(f));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void leavesNoTemporaryFiles() throws IOException {
    MetricsCsv m = new MetricsCsv(dir.resolve("metrics.csv"));
    for (int e = 0; e < 20; e++) m.append(row("epoch", e));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("metrics.csv"), s.map(p -> p.getFileName().toString()).toList());
    }
  }
}
