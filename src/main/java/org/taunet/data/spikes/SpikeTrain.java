package org.taunet.data.spikes;

/**
 * One spiking sample in the SHD layout: spike i happened at {@code times[i]} seconds on input channel
 * {@code units[i]}; times are non-decreasing.
 *
 * @param times spike times in seconds (SHD's {@code spikes/times})
 * @param units channel index of each spike, 0 &lt;= unit &lt; channels (SHD's {@code spikes/units})
 * @param label class label (SHD's {@code labels})
 */
public record SpikeTrain(float[] times, int[] units, int label) {
  public SpikeTrain {
    if (times.length != units.length) {
      throw new IllegalArgumentException("times and units differ in length: " + times.length + " vs " + units.length);
    }
  }

  /** Number of spikes. */
  public int size() { return times.length; }
}
