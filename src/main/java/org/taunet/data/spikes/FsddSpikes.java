package org.taunet.data.spikes;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.taunet.data.DataFormatException;
import org.taunet.numerics.Kernels;
import org.taunet.run.Seeds;

/**
 * The Free Spoken Digit Dataset encoded into spike trains with {@link CochleaEncoder}. Recordings are
 * {@code DIGIT_SPEAKER_INDEX.wav} in {@code <dataDir>/fsdd/recordings/} (or {@code <dataDir>/fsdd/}); the standard
 * split puts INDEX 0..4 of every speaker and digit in the test set (300 recordings), the rest (2700) in training.
 *
 * <p>The encoded dataset is cached in {@code <dataDir>/fsdd-spikes/} (see {@link SpikeCache}) under a file name
 * derived from the encoding parameters and the recordings' names and sizes; a missing, corrupt or stale cache is
 * rebuilt. If the data directory is read-only (by its owner-write permission bit, so also for root), the cache goes to {@code ~/.taunet/cache/fsdd-spikes/} instead.
 */
public final class FsddSpikes {
  /** Dataset name in notes and the cache. */
  public static final String NAME = "fsdd-spikes";
  /** Recordings with INDEX below this are the test set (the FSDD convention). */
  public static final int TEST_INDEX_LIMIT = 5;
  private static final Pattern FILE = Pattern.compile("(\\d)_([A-Za-z]+)_(\\d+)\\.wav");

  private FsddSpikes() {}

  /** The directory holding the wav files, or FileNotFoundException saying where it looked. */
  public static Path recordings(Path dataDir) throws IOException {
    for (Path p : List.of(dataDir.resolve("fsdd").resolve("recordings"), dataDir.resolve("fsdd"))) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          if (s.anyMatch(f -> FILE.matcher(f.getFileName().toString()).matches())) return p;
        }
      }
    }
    throw new FileNotFoundException("no FSDD recordings (DIGIT_SPEAKER_INDEX.wav) in " + dataDir.resolve("fsdd")
        + " or its recordings/ folder; get them from https://github.com/Jakobovski/free-spoken-digit-dataset");
  }

  /** Loads the encoded dataset from the cache, or encodes and caches it; {@code log} gets one-line messages. */
  public static SpikeDataset load(Path dataDir, CochleaConfig config, Consumer<String> log) throws IOException {
    Path dir = recordings(dataDir);
    List<Path> files = listRecordings(dir);
    long bytes = 0;
    for (Path f : files) bytes += Files.size(f);
    String key = config.key() + " | " + files.size() + " files, " + bytes + " bytes";
    String fileName = String.format("%016x.spk", Seeds.stableHash(key));
    List<Path> cacheFiles = List.of(dataDir.resolve(NAME).resolve(fileName),
        Path.of(System.getProperty("user.home"), ".taunet", "cache", NAME, fileName));
    for (Path c : cacheFiles) {
      SpikeDataset cached = SpikeCache.readIfValid(c, key);
      if (cached != null) return cached;
    }
    long t0 = System.nanoTime();
    SpikeDataset data = encode(files, config);
    log.accept(String.format("encoded %d FSDD recordings into spikes in %.1f s", files.size(),
        (System.nanoTime() - t0) / 1e9));
    for (Path c : cacheFiles) {
      if (!writableByMode(dataDir) && c.startsWith(dataDir)) continue;
      try {
        SpikeCache.write(c, key, data);
        log.accept("cached the encoded spikes in " + c);
        break;
      } catch (IOException e) {
        log.accept("cannot write the spike cache " + c + " (" + e.getMessage() + ")");
      }
    }
    return data;
  }

  /**
   * Whether {@code dir} is meant to be written: its owner-write permission bit where the file system has POSIX
   * permissions (root can write a mode r-x folder, but a shared read-only data folder must stay untouched).
   */
  static boolean writableByMode(Path dir) {
    try {
      return Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      return Files.isWritable(dir);
    }
  }

  /** The recordings in {@code dir}, sorted by name; any other *.wav name is an error. */
  static List<Path> listRecordings(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(f -> f.getFileName().toString().endsWith(".wav")).sorted().toList();
      for (Path f : files) {
        if (!FILE.matcher(f.getFileName().toString()).matches()) {
          throw new DataFormatException(f + ": not named DIGIT_SPEAKER_INDEX.wav");
        }
      }
      return files;
    }
  }

  /** Encodes every file on {@link Kernels#threads()} threads; split by the INDEX convention. */
  static SpikeDataset encode(List<Path> files, CochleaConfig config) throws IOException {
    SpikeTrain[] out = new SpikeTrain[files.size()];
    boolean[] isTest = new boolean[files.size()];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Kernels.threads()), r -> {
      Thread t = new Thread(r, "fsdd-encoder");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        int k = i;
        jobs.add(pool.submit(() -> {
          Matcher m = FILE.matcher(files.get(k).getFileName().toString());
          if (!m.matches()) throw new IllegalStateException("unreachable: names were checked");
          try {
            WavReader.Audio a = WavReader.read(files.get(k));
            out[k] = new CochleaEncoder(config, a.sampleRate()).encode(a.samples(), Integer.parseInt(m.group(1)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          isTest[k] = Integer.parseInt(m.group(3)) < TEST_INDEX_LIMIT;
          return null;
        }));
      }
      for (Future<?> j : jobs) j.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while encoding FSDD");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<SpikeTrain> train = new ArrayList<>();
    List<SpikeTrain> test = new ArrayList<>();
    for (int i = 0; i < out.length; i++) (isTest[i] ? test : train).add(out[i]);
    return new SpikeDataset(NAME, config.channels(), 10, train, test, "FSDD " + files.size()
        + " recordings encoded with " + config.key() + "; test = INDEX 0-" + (TEST_INDEX_LIMIT - 1));
  }
}
