package org.taunet.data.spikes;

import java.nio.file.Path;
import org.taunet.data.seq.SequenceTask;

/** Factory of the spiking sequence tasks by name: shd, shd-adding, fsdd, fsdd-adding. */
public final class SpikeTasks {
  private SpikeTasks() {}

  /** Task names {@link #create} accepts. */
  public static final String[] NAMES = {"shd", "shd-adding", "fsdd", "fsdd-adding"};

  /**
   * Loads (or builds and caches) the data of task {@code name} from {@code dataDir} and returns it as a sequence task
   * binned at {@code binMs} milliseconds; {@code seed} fixes any random construction (validation split, test pairs).
   */
  public static SequenceTask create(String name, Path dataDir, double binMs, long seed) {
    throw new UnsupportedOperationException("spiking tasks are not implemented yet: " + name);
  }
}
