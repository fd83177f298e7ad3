package org.taunet.data.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.DataFormatException;

class FsddSpikesTest {
  @TempDir Path tmp;
  private final List<String> log = new ArrayList<>();

  /** Two speakers x 3 digits x indices 0..6: tones whose pitch encodes the digit. */
  private Path syntheticFsdd() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data/fsdd/recordings"));
    for (String speaker : List.of("ann", "bob")) {
      for (int digit = 0; digit < 3; digit++) {
        for (int index = 0; index < 7; index++) {
          float[] x = Wavs.tone(8000, 300 + 400 * digit + 10 * index, 0.2);
          Files.write(dir.resolve(digit + "_" + speaker + "_" + index + ".wav"), Wavs.pcm16(8000, x));
        }
      }
    }
    return tmp.resolve("data");
  }

  private static Path onlyCacheFile(Path dataDir) throws Exception {
    try (Stream<Path> s = Files.list(dataDir.resolve(FsddSpikes.NAME))) {
      List<Path> files = s.toList();
      assertEquals(1, files.size(), files.toString());
      return files.get(0);
    }
  }

  @Test void encodesSplitsAndCaches() throws Exception {
    Path data = syntheticFsdd();
    SpikeDataset d = FsddSpikes.load(data, CochleaConfig.DEFAULT, log::add);
    assertEquals(2 * 3 * 2, d.train().size());  // indices 5, 6
    assertEquals(2 * 3 * 5, d.test().size());   // indices 0..4
    assertEquals(128, d.channels());
    assertTrue(d.train().stream().allMatch(s -> s.size() > 0 && s.label() >= 0 && s.label() < 3));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("encoded 42 FSDD recordings")), log.toString());
    Path cache = onlyCacheFile(data);
    log.clear();
    SpikeDataset again = FsddSpikes.load(data, CochleaConfig.DEFAULT, log::add);
    assertEquals(List.of(), log, "second load must come from the cache");
    assertArrayEquals(d.test().get(7).times(), again.test().get(7).times());
    assertArrayEquals(d.test().get(7).units(), again.test().get(7).units());
    // A corrupt cache is detected by its CRC and rebuilt.
    byte[] b = Files.readAllBytes(cache);
    b[b.length / 2] ^= 0x10;
    Files.write(cache, b);
    assertThrows(DataFormatException.class, () -> SpikeCache.read(cache, "any"));
    FsddSpikes.load(data, CochleaConfig.DEFAULT, log::add);
    assertTrue(log.stream().anyMatch(l -> l.startsWith("encoded 42")), log.toString());
    assertEquals(d.train().size(), SpikeCache.read(cache, readKey(cache)).train().size());
    // Other encoding parameters get their own cache file.
    FsddSpikes.load(data, CochleaConfig.DEFAULT.withChannels(16), log::add);
    try (Stream<Path> s = Files.list(data.resolve(FsddSpikes.NAME))) {
      assertEquals(2, s.count());
    }
  }

  private static String readKey(Path cache) throws Exception {
    try (var in = new java.io.DataInputStream(Files.newInputStream(cache))) {
      in.skipNBytes(8);
      return in.readUTF();
    }
  }

  @Test void cacheRoundTripAndStaleKey() throws Exception {
    SpikeDataset d = new SpikeDataset("toy", 3, 2, List.of(new SpikeTrain(new float[] {0.1f, 0.2f},
        new int[] {2, 0}, 1)), List.of(new SpikeTrain(new float[0], new int[0], 0)), "note");
    Path f = tmp.resolve("c/x.spk");
    SpikeCache.write(f, "k1", d);
    SpikeDataset r = SpikeCache.read(f, "k1");
    assertEquals("note", r.note());
    assertArrayEquals(new int[] {2, 0}, r.train().get(0).units());
    assertArrayEquals(new float[] {0.1f, 0.2f}, r.train().get(0).times());
    assertNull(SpikeCache.readIfValid(f, "k2"));
    Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(f), 30));
    assertNull(SpikeCache.readIfValid(f, "k1"));
  }

  @Test void corruptRecordingIsReportedByName() throws Exception {
    Path data = syntheticFsdd();
    Path bad = data.resolve("fsdd/recordings/1_ann_3.wav");
    byte[] b = Files.readAllBytes(bad);
    Files.write(bad, java.util.Arrays.copyOf(b, b.length / 2));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> FsddSpikes.load(data, CochleaConfig.DEFAULT, log::add));
    assertTrue(e.getMessage().contains("1_ann_3.wav: truncated"), e.getMessage());
  }

  @Test void realRecordingsSubset() throws Exception {
    Path shared = Path.of(System.getProperty("taunet.shared.data", "../shared/data")).resolve("fsdd/recordings");
    assumeTrue(Files.isDirectory(shared), "shared FSDD not present at " + shared.toAbsolutePath() + "; test skipped");
    Path dir = Files.createDirectories(tmp.resolve("real/fsdd/recordings"));
    try (Stream<Path> s = Files.list(shared)) {  // speaker george, all digits: 500 recordings
      for (Path p : s.filter(p -> p.getFileName().toString().contains("_george_")).toList()) {
        Files.createSymbolicLink(dir.resolve(p.getFileName()), p.toAbsolutePath());
      }
    }
    SpikeDataset d = FsddSpikes.load(tmp.resolve("real"), CochleaConfig.DEFAULT, log::add);
    assertEquals(450, d.train().size());
    assertEquals(50, d.test().size());
    int[] perDigit = new int[10];
    for (SpikeTrain s : d.test()) perDigit[s.label()]++;
    assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, perDigit);
    double mean = d.train().stream().mapToInt(SpikeTrain::size).average().orElse(0);
    assertTrue(mean > 200 && mean < 10_000, "mean spikes per recording " + mean);
  }
}
