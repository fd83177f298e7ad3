package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  @TempDir Path tmp;
  private static final String[] NAMES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

  /** Writes a small MNIST-format set into tmp/src and returns a registry (as "mnist") with its md5s. */
  private DatasetFiles writeSource() throws Exception {
    int[] y = new int[12];
    for (int i = 0; i < y.length; i++) y[i] = i % 10;
    byte[][] files = {
        TestFiles.gzip(TestFiles.idx(new int[] {12, 28, 28}, TestFiles.pixels(12 * 784, 5))),
        TestFiles.gzip(TestFiles.idx(new int[] {12}, TestFiles.labelBytes(y))),
        TestFiles.gzip(TestFiles.idx(new int[] {12, 28, 28}, TestFiles.pixels(12 * 784, 6))),
        TestFiles.gzip(TestFiles.idx(new int[] {12}, TestFiles.labelBytes(y)))};
    List<RemoteFile> entries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      TestFiles.write(tmp.resolve("src").resolve(NAMES[i]), files[i]);
      String md5 = Checksum.toHex(MessageDigest.getInstance("MD5").digest(files[i]));
      entries.add(new RemoteFile(NAMES[i], List.of(), Checksum.md5(md5), files[i].length, null, false));
    }
    return new DatasetFiles(Map.of("mnist", entries));
  }

  @Test void copiesVerifiesAndLoads() throws Exception {
    DatasetFiles reg = writeSource();
    List<String> log = new ArrayList<>();
    Importer.Report r = new Importer(reg, log::add).importDataset("mnist", tmp.resolve("src"), tmp.resolve("data"));
    assertEquals(List.of(NAMES), r.copied());
    assertEquals(12, r.trainSize());
    assertEquals(12, r.testSize());
    for (String n : NAMES) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("src").resolve(n)),
          Files.readAllBytes(tmp.resolve("data/mnist").resolve(n)));
      assertFalse(Files.exists(tmp.resolve("data/mnist").resolve(n + ".part")));
    }
    assertEquals(4, log.size());
  }

  @Test void rejectsWrongChecksumAndCopiesNothing() throws Exception {
    DatasetFiles reg = writeSource();
    Path bad = tmp.resolve("src").resolve(NAMES[1]);
    byte[] other = TestFiles.gzip(TestFiles.idx(new int[] {12}, new byte[12]));
    Files.write(bad, other);
    String actual = Checksum.toHex(MessageDigest.getInstance("MD5").digest(other));
    IOException e = assertThrows(IOException.class,
        () -> new Importer(reg, m -> {}).importDataset("mnist", tmp.resolve("src"), tmp.resolve("data")));
    String m = e.getMessage();
    assertTrue(m.contains(bad.toString()) && m.contains("checksum mismatch") && m.contains("got " + actual)
        && m.contains("expected md5 " + reg.file("mnist", NAMES[1]).orElseThrow().checksum().hex())
        && m.contains("nothing was copied"), m);
    assertFalse(Files.exists(tmp.resolve("data/mnist").resolve(NAMES[0])));
  }

  @Test void missingRequiredFileIsAnError() throws Exception {
    DatasetFiles reg = writeSource();
    Files.delete(tmp.resolve("src").resolve(NAMES[3]));
    IOException e = assertThrows(IOException.class,
        () -> new Importer(reg, m -> {}).importDataset("mnist", tmp.resolve("src"), tmp.resolve("data")));
    assertTrue(e.getMessage().contains("missing " + NAMES[3]), e.getMessage());
    IOException e2 = assertThrows(IOException.class,
        () -> new Importer(reg, m -> {}).importDataset("mnist", tmp.resolve("nowhere"), tmp.resolve("data")));
    assertTrue(e2.getMessage().contains("does not exist"), e2.getMessage());
  }

  @Test void importsRealKmnistWithoutTrainImages() throws IOException {
    Path shared = TestFiles.sharedData("kmnist");
    Importer.Report r = new Importer().importDataset("kmnist", shared, tmp.resolve("data"));
    assertEquals(List.of("kmnist-train-imgs.npz"), r.missingOptional());
    assertEquals(3, r.copied().size());
    assertEquals(8000, r.trainSize());
    assertEquals(2000, r.testSize());
    assertTrue(r.note().startsWith("KMNIST: official 60k training images not present"), r.note());
  }

  @Test void sharedCopiesMatchTheRegistryByContent() throws IOException {
    Path shared = TestFiles.sharedData("mnist");
    for (String ds : List.of("mnist", "fashion-mnist", "kmnist")) {
      DatasetStatus s = DatasetStatus.check(ds, shared, DatasetFiles.standard(), true);
      for (DatasetStatus.FileStatus f : s.files()) {
        if (f.state() != DatasetStatus.State.MISSING) {
          assertTrue(f.state() == DatasetStatus.State.VERIFIED || f.state() == DatasetStatus.State.CONTENT_VERIFIED,
              ds + "/" + f.file().fileName() + ": " + f.state());
        }
      }
    }
  }
}
