package org.taunet.data.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.DataFormatException;
import org.taunet.data.seq.SequenceTask;

class ShdReaderTest {
  @TempDir Path tmp;

  static List<SpikeTrain> samples() {
    return List.of(
        new SpikeTrain(new float[] {0.01f, 0.02f, 0.5f}, new int[] {3, 699, 0}, 13),
        new SpikeTrain(new float[0], new int[0], 0),
        new SpikeTrain(new float[] {0.3f, 1.2f}, new int[] {10, 20}, 19));
  }

  static void assertSame(List<SpikeTrain> expected, List<SpikeTrain> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).times(), actual.get(i).times());
      assertArrayEquals(expected.get(i).units(), actual.get(i).units());
      assertEquals(expected.get(i).label(), actual.get(i).label());
    }
  }

  private static void gzip(Path from, Path to) throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
  }

  @Test void readsTheVariableLengthLayoutPlainAndGzipped() throws Exception {
    Path h5 = tmp.resolve("a.h5");
    ShdFiles.write(h5, samples());
    try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(h5)) {
      assertTrue(f.getDatasetByPath("spikes/times").isVariableLength());  // the real SHD layout, not a stand-in
    }
    assertSame(samples(), ShdReader.read(h5));
    Path gz = tmp.resolve("a.h5.gz");
    gzip(h5, gz);
    assertSame(samples(), ShdReader.read(gz));
  }

  @Test void loadsADataDirectoryAndMakesTheAddingTask() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data/shd"));
    ShdFiles.write(tmp.resolve("train.h5"), samples());
    gzip(tmp.resolve("train.h5"), dir.resolve("shd_train.h5.gz"));
    ShdFiles.write(dir.resolve("shd_test.h5"), samples().subList(0, 2));  // gunzipped copy is accepted too
    SpikeDataset d = ShdReader.load(tmp.resolve("data"));
    assertEquals(700, d.channels());
    assertEquals(3, d.train().size());
    assertEquals(2, d.test().size());
    SequenceTask task = SpikeTasks.create("shd-adding", tmp.resolve("data"), 2, 0);
    assertEquals(1000, task.steps());
    assertEquals(700, task.channels());
    float[] x = new float[1000 * 3 * 700];
    int[] y = new int[3];
    task.fill(SequenceTask.Split.TEST, new int[] {0, 1, 2}, x, y);
    for (int v : y) assertTrue(v == 6 || v == 3 || v == 0, "sums of digits 3 and 0: " + v);
  }

  @Test void rejectsCorruptFiles() throws Exception {
    Path h5 = tmp.resolve("a.h5");
    ShdFiles.write(h5, samples());
    byte[] b = Files.readAllBytes(h5);
    Path cut = Files.write(tmp.resolve("cut.h5"), Arrays.copyOf(b, b.length / 2));
    DataFormatException e = assertThrows(DataFormatException.class, () -> ShdReader.read(cut));
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    Path junk = Files.write(tmp.resolve("junk.h5"), new byte[4096]);
    assertThrows(DataFormatException.class, () -> ShdReader.read(junk));
    Path gz = tmp.resolve("a.h5.gz");
    gzip(h5, gz);
    byte[] g = Files.readAllBytes(gz);
    Path badGz = Files.write(tmp.resolve("bad.h5.gz"), Arrays.copyOf(g, g.length - 20));
    e = assertThrows(DataFormatException.class, () -> ShdReader.read(badGz));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test void rejectsAFileWithoutTheShdMembers() throws Exception {
    Path f = tmp.resolve("other.h5");
    try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(f)) {
      w.putDataset("labels", new int[] {1});
    }
    DataFormatException e = assertThrows(DataFormatException.class, () -> ShdReader.read(f));
    assertTrue(e.getMessage().contains("spikes/times"), e.getMessage());
  }

  @Test void rejectsUnitsOutOfRange() throws Exception {
    Path f = tmp.resolve("u.h5");
    ShdFiles.write(f, List.of(new SpikeTrain(new float[] {0.1f}, new int[] {700}, 1)));
    assertTrue(assertThrows(DataFormatException.class, () -> ShdReader.read(f)).getMessage().contains("unit 700"));
  }
}
