package org.taunet.data.spikes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.taunet.data.seq.SequenceTask;
import org.taunet.run.Seeds;

/** Factory of the spiking sequence tasks by name: shd, shd-adding, fsdd, fsdd-adding. */
public final class SpikeTasks {
  private SpikeTasks() {}

  /** Task names {@link #create} accepts. */
  public static final String[] NAMES = {"shd", "shd-adding", "fsdd", "fsdd-adding"};
  /** Window kept from each SHD sample: 1 s, as SHD-Adding crops each digit to 1 s. */
  public static final double SHD_WINDOW_SECONDS = 1.0;
  /**
   * Window kept from each FSDD recording: 1 s covers 99% of the recordings (median 0.42 s, 99th percentile 0.92 s,
   * longest 2.28 s) and matches SHD-Adding's 1 s crop, so FSDD-Adding has the same shape of task.
   */
  public static final double FSDD_WINDOW_SECONDS = 1.0;
  /** The bin width for SHD-Adding; 10 ms (5x fewer steps) is the faster choice on a CPU. */
  public static final double DEFAULT_BIN_MS = 2.0;

  /**
   * Loads (or builds and caches) the data of task {@code name} from {@code dataDir} and returns it as a sequence task
   * binned at {@code binMs} milliseconds; {@code seed} fixes any random construction (validation split, test pairs).
   * FSDD uses {@link CochleaConfig#DEFAULT} (128 channels); SHD has 700 channels.
   *
   * @throws UncheckedIOException if the data is missing or malformed (the cause says which file and why)
   * @throws IllegalArgumentException for an unknown name or a bin width outside (0, 1000] ms
   */
  public static SequenceTask create(String name, Path dataDir, double binMs, long seed) {
    if (!(binMs > 0 && binMs <= 1000)) throw new IllegalArgumentException("binMs must be in (0, 1000]: " + binMs);
    try {
      return switch (name) {
        case "fsdd", "fsdd-adding" -> create(name, FsddSpikes.load(dataDir, CochleaConfig.DEFAULT, SpikeTasks::log),
            FSDD_WINDOW_SECONDS, binMs, seed);
        case "shd", "shd-adding" -> create(name, ShdReader.load(dataDir), SHD_WINDOW_SECONDS, binMs, seed);
        default -> throw new IllegalArgumentException("unknown spiking task '" + name + "' (known: "
            + String.join(", ", NAMES) + ")");
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** The task {@code name} ("X" or "X-adding") over already loaded {@code data}. */
  public static SequenceTask create(String name, SpikeDataset data, double windowSeconds, double binMs, long seed) {
    Seeds seeds = new Seeds(seed);
    SpikeSplits splits = SpikeSplits.of(data, seeds.stream("spike-valid-split"));
    SpikeBinning binning = new SpikeBinning(binMs / 1000, windowSeconds, data.channels());
    String note = String.format(Locale.ROOT, "%s: %s; %s; window %s s binned at %s ms = %d steps x %d channels",
        name, data.note(), splits.describe(), windowSeconds, binMs, binning.steps(), data.channels());
    if (name.endsWith("-adding")) {
      return new SpikeAddingTask(name, splits, binning, seeds, note + "; adding: label = (y1 mod 10) + (y2 mod 10),"
          + " two windows concatenated (" + 2 * binning.steps() + " steps), training pairs redrawn every epoch");
    }
    return new SpikeClassificationTask(name, splits, binning, data.numClasses(), note);
  }

  /** Checks the buffer sizes of {@link SequenceTask#fill}. */
  static void checkBuffers(SequenceTask task, int[] idx, float[] x, int[] labels) {
    long need = (long) task.steps() * idx.length * task.channels();
    if (x.length != need || labels.length != idx.length) {
      throw new IllegalArgumentException("fill needs x of " + need + " floats and " + idx.length + " labels, got "
          + x.length + " and " + labels.length);
    }
  }

  private static void log(String message) {
    if (!Boolean.getBoolean("taunet.quiet")) System.err.println("taunet: " + message);
  }
}
