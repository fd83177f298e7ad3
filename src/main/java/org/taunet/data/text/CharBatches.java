package org.taunet.data.text;

/**
 * Truncated-BPTT batches over a byte stream: the stream is cut into {@code batch} contiguous tracks of equal length,
 * and each call to {@link #next} returns the next {@code segment} bytes of every track, so that row b of one batch
 * continues row b of the previous one (the recurrent state is carried across segments).
 */
public final class CharBatches {
  private final byte[] stream;
  private final int batch;
  private final int segment;
  private final int trackLength;
  private int position;

  /** Batches over {@code stream} with {@code batch} tracks and {@code segment} time steps per call. */
  public CharBatches(byte[] stream, int batch, int segment) {
    if (batch < 1 || segment < 1) throw new IllegalArgumentException("batch and segment must be >= 1");
    this.stream = stream;
    this.batch = batch;
    this.segment = segment;
    this.trackLength = stream.length / batch;
    if (trackLength < segment + 1) {
      throw new IllegalArgumentException("stream of " + stream.length + " bytes too short for " + batch + " tracks of "
          + (segment + 1) + " bytes");
    }
  }

  /** Segments per pass over the stream. */
  public int segmentsPerPass() {
    return (trackLength - 1) / segment;
  }

  /** Position (segment index) of the next call, for checkpoints. */
  public int position() {
    return position;
  }

  /** Restores the position saved by {@link #position()}. */
  public void seek(int segmentIndex) {
    if (segmentIndex < 0 || segmentIndex > segmentsPerPass()) throw new IllegalArgumentException("bad position " + segmentIndex);
    position = segmentIndex;
  }

  /**
   * Fills the next segment: {@code inputs[t * batch + b]} is byte t of track b's segment (0..255) and
   * {@code targets[t * batch + b]} the byte after it. Returns false (and fills nothing) when the pass is complete;
   * call {@link #seek}(0) to start another. Modifies {@code inputs} and {@code targets}.
   */
  public boolean next(int[] inputs, int[] targets) {
    if (position >= segmentsPerPass()) return false;
    int start = position * segment;
    for (int b = 0; b < batch; b++) {
      int base = b * trackLength + start;
      for (int t = 0; t < segment; t++) {
        inputs[t * batch + b] = stream[base + t] & 0xff;
        targets[t * batch + b] = stream[base + t + 1] & 0xff;
      }
    }
    position++;
    return true;
  }
}
