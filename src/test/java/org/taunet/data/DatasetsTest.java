package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path tmp;

  /** Writes an MNIST-format dataset of {@code nTrain}/{@code nTest} 28x28 images into tmp/NAME. */
  private Path writeIdxSet(String name, int nTrain, int nTest, int[] trainLabels, boolean gzip) throws IOException {
    Path dir = tmp.resolve(name);
    String gz = gzip ? ".gz" : "";
    int[] testLabels = new int[nTest];
    for (int i = 0; i < nTest; i++) testLabels[i] = (i * 3) % 10;
    writeIdx(dir.resolve("train-images-idx3-ubyte" + gz), new int[] {nTrain, 28, 28},
        TestFiles.pixels(nTrain * 784, 1), gzip);
    writeIdx(dir.resolve("train-labels-idx1-ubyte" + gz), new int[] {trainLabels.length},
        TestFiles.labelBytes(trainLabels), gzip);
    writeIdx(dir.resolve("t10k-images-idx3-ubyte" + gz), new int[] {nTest, 28, 28},
        TestFiles.pixels(nTest * 784, 2), gzip);
    writeIdx(dir.resolve("t10k-labels-idx1-ubyte" + gz), new int[] {nTest}, TestFiles.labelBytes(testLabels), gzip);
    return dir;
  }

  private static void writeIdx(Path f, int[] shape, byte[] data, boolean gzip) throws IOException {
    byte[] raw = TestFiles.idx(shape, data);
    TestFiles.write(f, gzip ? TestFiles.gzip(raw) : raw);
  }

  private static int[] cyclicLabels(int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = i % 10;
    return y;
  }

  @Test void loadsSyntheticIdxDataset() throws IOException {
    writeIdxSet("fashion-mnist", 30, 20, cyclicLabels(30), true);
    DatasetSplit s = Datasets.load("fashion-mnist", tmp);
    assertEquals("", s.note());
    assertEquals(30, s.train().n());
    assertEquals(20, s.test().n());
    assertEquals(784, s.train().dim());
    assertEquals(10, s.train().numClasses());
    byte[] px = TestFiles.pixels(30 * 784, 1);
    for (int i : new int[] {0, 1, 500, 30 * 784 - 1}) assertEquals((px[i] & 0xFF) / 255f, s.train().x()[i]);
    assertArrayEquals(cyclicLabels(30), s.train().y());
  }

  @Test void acceptsUncompressedFiles() throws IOException {
    writeIdxSet("mnist", 10, 10, cyclicLabels(10), false);
    assertEquals(10, Datasets.load("mnist", tmp).train().n());
  }

  @Test void missingFileSaysWhichWhereAndHow() throws IOException {
    Path dir = writeIdxSet("mnist", 10, 10, cyclicLabels(10), true);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Datasets.load("mnist", tmp));
    String m = e.getMessage();
    assertTrue(m.contains("t10k-labels-idx1-ubyte.gz") && m.contains(dir.toAbsolutePath().toString())
        && m.contains("taunet data fetch mnist") && m.contains("taunet data import mnist DIR"), m);
  }

  @Test void countMismatchNamesBothFiles() throws IOException {
    Path dir = writeIdxSet("mnist", 10, 10, cyclicLabels(9), true);
    IOException e = assertThrows(IOException.class, () -> Datasets.load("mnist", tmp));
    String m = e.getMessage();
    assertTrue(m.contains(dir.resolve("train-images-idx3-ubyte.gz").toString())
        && m.contains(dir.resolve("train-labels-idx1-ubyte.gz").toString()) && m.contains("10 images")
        && m.contains("9 labels"), m);
  }

  @Test void labelOutOfRangeIsRejected() throws IOException {
    int[] y = cyclicLabels(10);
    y[4] = 12;
    Path dir = writeIdxSet("mnist", 10, 10, y, true);
    IOException e = assertThrows(IOException.class, () -> Datasets.load("mnist", tmp));
    String m = e.getMessage();
    assertTrue(m.contains(dir.resolve("train-labels-idx1-ubyte.gz").toString())
        && m.contains("label 12 at index 4 is outside [0, 10)"), m);
  }

  @Test void wrongImageSizeIsRejected() throws IOException {
    Path dir = writeIdxSet("mnist", 10, 10, cyclicLabels(10), true);
    writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), new int[] {10, 32, 32}, new byte[10240], true);
    IOException e = assertThrows(IOException.class, () -> Datasets.load("mnist", tmp));
    assertTrue(e.getMessage().contains("10 x 32 x 32, expected n x 28 x 28"), e.getMessage());
  }

  @Test void unknownNameListsKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("cifar", tmp));
    assertTrue(e.getMessage().contains("mnist, fashion-mnist, kmnist"), e.getMessage());
  }

  /** KMNIST-format test set of 50 images per class (labels cyclic), pixels encode the example index. */
  private void writeKmnistTest(Path dir, int n) throws IOException {
    byte[] px = new byte[n * 784];
    for (int i = 0; i < n; i++) { px[i * 784] = (byte) i; px[i * 784 + 1] = (byte) (i >> 8); }
    TestFiles.write(dir.resolve("kmnist-test-imgs.npz"), TestFiles.npzImages(n, 28, 28, px));
    TestFiles.write(dir.resolve("kmnist-test-labels.npz"), TestFiles.npzLabels(cyclicLabels(n)));
  }

  @Test void kmnistFallbackSplitIsStratifiedDeterministicAndDocumented() throws IOException {
    Path dir = tmp.resolve("kmnist");
    writeKmnistTest(dir, 500);
    DatasetSplit s = Datasets.load("kmnist", tmp);
    assertEquals(400, s.train().n());
    assertEquals(100, s.test().n());
    for (int c = 0; c < 10; c++) {
      assertEquals(40, s.train().classCounts()[c]);
      assertEquals(10, s.test().classCounts()[c]);
    }
    assertEquals("KMNIST: official 60k training images not present; train/test = stratified 80/20 split (seed "
        + "20240101) of the official test set (500 images) (400/100).", s.note());
    int[] ids = new int[500];
    int k = 0;
    for (Dataset d : new Dataset[] {s.train(), s.test()}) {
      for (int i = 0; i < d.n(); i++) {
        ids[k++] = Math.round(d.x()[i * 784] * 255) + 256 * Math.round(d.x()[i * 784 + 1] * 255);
      }
    }
    Arrays.sort(ids);
    for (int i = 0; i < 500; i++) assertEquals(i, ids[i], "every example exactly once");
    DatasetSplit again = Datasets.load("kmnist", tmp);
    assertArrayEquals(s.train().x(), again.train().x());
    assertArrayEquals(s.test().y(), again.test().y());
    assertEquals(s.note(), Datasets.splitNote("kmnist", tmp));
  }

  @Test void kmnistUsesOfficialSplitWhenTrainImagesArePresent() throws IOException {
    Path dir = tmp.resolve("kmnist");
    writeKmnistTest(dir, 20);
    TestFiles.write(dir.resolve("kmnist-train-imgs.npz"), TestFiles.npzImages(30, 28, 28, new byte[30 * 784]));
    TestFiles.write(dir.resolve("kmnist-train-labels.npz"), TestFiles.npzLabels(cyclicLabels(30)));
    DatasetSplit s = Datasets.load("kmnist", tmp);
    assertEquals(30, s.train().n());
    assertEquals(20, s.test().n());
    assertTrue(s.isOfficial());
    assertEquals("", Datasets.splitNote("kmnist", tmp));
  }

  @Test void realMnist() throws IOException {
    DatasetSplit s = Datasets.load("mnist", TestFiles.sharedData("mnist"));
    checkReal(s, 60000, 10000);
    assertEquals(5923, s.train().classCounts()[0]);
  }

  @Test void realFashionMnist() throws IOException {
    DatasetSplit s = Datasets.load("fashion-mnist", TestFiles.sharedData("fashion-mnist"));
    checkReal(s, 60000, 10000);
    for (int c : s.train().classCounts()) assertEquals(6000, c);
    for (int c : s.test().classCounts()) assertEquals(1000, c);
  }

  @Test void realKmnistFallback() throws IOException {
    Path data = TestFiles.sharedData("kmnist");
    org.junit.jupiter.api.Assumptions.assumeTrue(!Files.exists(data.resolve("kmnist/kmnist-train-imgs.npz")),
        "official KMNIST training images present; the fallback split does not apply");
    DatasetSplit s = Datasets.load("kmnist", data);
    checkReal(s, 8000, 2000);
    for (int c : s.train().classCounts()) assertEquals(800, c);
    for (int c : s.test().classCounts()) assertEquals(200, c);
    assertEquals("KMNIST: official 60k training images not present; train/test = stratified 80/20 split (seed "
        + "20240101) of the official 10k test set (8000/2000). kmnist-train-labels.npz is present (29700 bytes, the"
        + " official size) but unused without the images.", s.note());
    // Pin the documented split: a change of algorithm or seed would silently change every KMNIST result.
    int[] y = NpyReader.readNpzArray(data.resolve("kmnist/kmnist-test-labels.npz"), "arr_0").toIntArray();
    int[] testIdx = StratifiedSplit.split(y, 10, Datasets.KMNIST_TRAIN_PERCENT, Datasets.KMNIST_SPLIT_SEED).test();
    assertArrayEquals(new int[] {1, 23, 35, 40, 43, 45, 49, 51, 52, 55}, Arrays.copyOf(testIdx, 10));
    for (int i = 0; i < 10; i++) assertEquals(y[testIdx[i]], s.test().y()[i]);
  }

  private static void checkReal(DatasetSplit s, int nTrain, int nTest) {
    assertEquals(nTrain, s.train().n());
    assertEquals(nTest, s.test().n());
    assertEquals(784, s.train().dim());
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : s.train().x()) { min = Math.min(min, v); max = Math.max(max, v); }
    assertEquals(0f, min);
    assertEquals(1f, max);
  }
}
