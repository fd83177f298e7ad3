package org.taunet.data.spikes;

/**
 * Bins spike trains into the time-major layout of {@link org.taunet.data.seq.SequenceTask#fill}: spike i of a sample
 * adds 1 to {@code x[((t0 + floor(times[i] / bin)) * batch + b) * channels + units[i]]}, for spikes earlier than the
 * crop window; later spikes are dropped.
 *
 * @param binSeconds bin width, seconds
 * @param cropSeconds window kept from each sample, seconds (SHD-Adding: 1 s)
 * @param channels input channels
 */
public record SpikeBinning(double binSeconds, double cropSeconds, int channels) {
  /** Validates ranges. */
  public SpikeBinning {
    if (!(binSeconds > 0) || !(cropSeconds >= binSeconds)) {
      throw new IllegalArgumentException("need 0 < bin <= crop, got bin " + binSeconds + " s, crop " + cropSeconds + " s");
    }
    if (channels < 1) throw new IllegalArgumentException("channels must be >= 1");
  }

  /** Time bins per sample: ceil(crop / bin), tolerant to rounding (1 s / 2 ms = 500). */
  public int steps() {
    return (int) Math.ceil(cropSeconds / binSeconds - 1e-9);
  }

  /**
   * Adds the spikes of {@code s} to row {@code b} of {@code x}, starting at time bin {@code t0}; returns the number of
   * spikes added. Spikes with units outside [0, channels) are an error. Modifies {@code x} only.
   */
  public int add(SpikeTrain s, float[] x, int batch, int b, int t0) {
    float[] times = s.times();
    int[] units = s.units();
    int steps = steps();
    int added = 0;
    for (int i = 0; i < times.length; i++) {
      float t = times[i];
      if (!(t >= 0)) throw new IllegalArgumentException("negative or NaN spike time " + t);
      int bin = (int) (t / binSeconds);  // floor for t >= 0
      if (t >= cropSeconds || bin >= steps) continue;
      int u = units[i];
      if (u < 0 || u >= channels) throw new IllegalArgumentException("unit " + u + " outside 0.." + (channels - 1));
      x[((t0 + bin) * batch + b) * channels + u] += 1f;
      added++;
    }
    return added;
  }
}
