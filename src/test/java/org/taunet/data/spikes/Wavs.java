package org.taunet.data.spikes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writers of small WAV files for the tests. */
final class Wavs {
  private Wavs() {}

  /** A mono 16-bit PCM WAV of {@code samples} (in [-1, 1)) at {@code rate} Hz. */
  static byte[] pcm16(int rate, float[] samples) {
    return wav(1, 1, rate, 16, samples.length * 2, samples);
  }

  /** A WAV with arbitrary header fields; the data chunk holds the samples as 16-bit values. */
  static byte[] wav(int format, int channels, int rate, int bits, int dataSize, float[] samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
        .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
    b.put("data".getBytes()).putInt(dataSize);
    for (float s : samples) b.putShort((short) Math.round(s * 32767));
    return b.array();
  }

  /** A tone of {@code hz} with amplitude 0.5, {@code seconds} long. */
  static float[] tone(int rate, double hz, double seconds) {
    float[] x = new float[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    return x;
  }
}
