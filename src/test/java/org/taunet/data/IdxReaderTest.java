package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path tmp;

  private static String message(Path file, boolean images) {
    IOException e = assertThrows(IOException.class,
        () -> { if (images) IdxReader.readImages(file); else IdxReader.readLabels(file); });
    assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
    return e.getMessage();
  }

  @Test void gzipAndRawGiveTheSameArray() throws IOException {
    byte[] raw = TestFiles.idx(new int[] {3, 4, 5}, TestFiles.pixels(60, 11));
    // Names deliberately lie about compression: detection must use the magic bytes.
    Path plain = TestFiles.write(tmp.resolve("a.gz"), raw);
    Path gz = TestFiles.write(tmp.resolve("b.idx"), TestFiles.gzip(raw));
    NdArray a = IdxReader.readImages(plain);
    NdArray b = IdxReader.readImages(gz);
    assertArrayEquals(new int[] {3, 4, 5}, a.shape());
    assertEquals(DType.U1, a.dtype());
    assertEquals(a, b);
    assertArrayEquals(TestFiles.pixels(60, 11), (byte[]) b.data());
    assertEquals((byte) (11 + 7 * 59) & 0xFF, a.getLong(59));
  }

  @Test void readsLabels() throws IOException {
    Path f = TestFiles.write(tmp.resolve("l"), TestFiles.idx(new int[] {4}, new byte[] {0, 9, (byte) 200, 3}));
    NdArray y = IdxReader.readLabels(f);
    assertArrayEquals(new int[] {0, 9, 200, 3}, y.toIntArray());
  }

  @Test void rejectsWrongMagic() throws IOException {
    byte[] raw = TestFiles.idx(new int[] {2, 2, 2}, new byte[8]);
    raw[0] = 0x12;
    String m = message(TestFiles.write(tmp.resolve("magic"), raw), true);
    assertTrue(m.contains("wrong magic") && m.contains("0x12000803") && m.contains("0x00000803"), m);
  }

  @Test void rejectsLabelFileWhereImagesExpected() throws IOException {
    Path f = TestFiles.write(tmp.resolve("labels-as-images"), TestFiles.idx(new int[] {3}, new byte[3]));
    String m = message(f, true);
    assertTrue(m.contains("wrong magic number 0x00000801") && m.contains("1 dimensions"), m);
  }

  @Test void rejectsOtherElementTypes() throws IOException {
    byte[] raw = TestFiles.idx(new int[] {1, 1, 1}, new byte[4]);
    raw[2] = 0x0D;
    String m = message(TestFiles.write(tmp.resolve("float"), raw), true);
    assertTrue(m.contains("element type 0x0D (float)"), m);
  }

  @Test void rejectsTruncatedData() throws IOException {
    byte[] raw = TestFiles.idx(new int[] {10, 28, 28}, new byte[7840]);
    byte[] cut = Arrays.copyOf(raw, raw.length - 100);
    String m = message(TestFiles.write(tmp.resolve("cut"), cut), true);
    assertTrue(m.contains("truncated") && m.contains("7840") && m.contains("7740"), m);
    String mz = message(TestFiles.write(tmp.resolve("cut.gz"), TestFiles.gzip(cut)), true);
    assertTrue(mz.contains("truncated") && mz.contains("7740"), mz);
  }

  @Test void rejectsTruncatedGzipStream() throws IOException {
    byte[] gz = TestFiles.gzip(TestFiles.idx(new int[] {10, 28, 28}, TestFiles.pixels(7840, 3)));
    Path f = TestFiles.write(tmp.resolve("cutgz"), Arrays.copyOf(gz, gz.length / 2));
    String m = message(f, true);
    assertTrue(m.contains("truncated"), m);
  }

  @Test void rejectsTruncatedHeader() throws IOException {
    byte[] raw = TestFiles.idx(new int[] {10, 28, 28}, new byte[0]);
    String m = message(TestFiles.write(tmp.resolve("hdr"), Arrays.copyOf(raw, 9)), true);
    assertTrue(m.contains("truncated header"), m);
    String m2 = message(TestFiles.write(tmp.resolve("tiny"), new byte[] {0, 0}), true);
    assertTrue(m2.contains("truncated header"), m2);
    String m3 = message(TestFiles.write(tmp.resolve("empty"), new byte[0]), false);
    assertTrue(m3.contains("truncated header"), m3);
  }

  @Test void rejectsTrailingGarbage() throws IOException {
    byte[] raw = TestFiles.idx(new int[] {2}, new byte[] {1, 2});
    byte[] longer = Arrays.copyOf(raw, raw.length + 5);
    String m = message(TestFiles.write(tmp.resolve("trail"), longer), false);
    assertTrue(m.contains("trailing garbage: 5 bytes"), m);
    String mz = message(TestFiles.write(tmp.resolve("trail.gz"), TestFiles.gzip(longer)), false);
    assertTrue(mz.contains("trailing garbage: 5 bytes"), mz);
  }

  @Test void rejectsHugeDimensionsBeforeAllocating() throws IOException {
    byte[] hdr = TestFiles.idx(new int[] {100_000, 100_000, 100_000}, new byte[0]);
    String m = message(TestFiles.write(tmp.resolve("huge"), TestFiles.gzip(hdr)), true);
    assertTrue(m.contains("absurd dimensions 100000 x 100000 x 100000"), m);
    byte[] neg = TestFiles.idx(new int[] {-1, 28, 28}, new byte[0]);
    String m2 = message(TestFiles.write(tmp.resolve("neg"), neg), true);
    assertTrue(m2.contains("absurd dimension 4294967295"), m2);
  }

  @Test void readsRealMnist() throws IOException {
    Path dir = TestFiles.sharedData("mnist").resolve("mnist");
    NdArray train = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
    NdArray trainY = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
    NdArray test = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
    NdArray testY = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertArrayEquals(new int[] {60000, 28, 28}, train.shape());
    assertArrayEquals(new int[] {10000, 28, 28}, test.shape());
    assertArrayEquals(new int[] {60000}, trainY.shape());
    assertArrayEquals(new int[] {10000}, testY.shape());
    int[] hist = new int[256];
    for (int v : trainY.toIntArray()) hist[v]++;
    for (int c = 0; c < 10; c++) assertTrue(hist[c] > 5000 && hist[c] < 7000, "class " + c + ": " + hist[c]);
    assertEquals(60000, Arrays.stream(hist, 0, 10).sum());
    assertEquals(5923, hist[0]);  // the well-known MNIST training count of zeros
    assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte.gz.part")));
  }
}
