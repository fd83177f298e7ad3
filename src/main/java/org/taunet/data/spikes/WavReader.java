package org.taunet.data.spikes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.taunet.data.DataFormatException;

/**
 * A strict reader of RIFF/WAVE files holding mono 16-bit PCM (the format of the Free Spoken Digit Dataset). Any other
 * format, a truncated file or inconsistent chunk sizes raise a {@link DataFormatException} naming the file and the
 * problem; nothing is guessed or skipped silently (unknown chunks such as LIST are skipped by their declared size).
 */
public final class WavReader {
  private WavReader() {}

  /**
   * A decoded recording.
   *
   * @param sampleRate samples per second
   * @param samples amplitude of each sample in [-1, 1) (PCM value / 32768)
   */
  public record Audio(int sampleRate, float[] samples) {
    /** Duration in seconds. */
    public double seconds() { return samples.length / (double) sampleRate; }
  }

  /** Reads {@code file}; see the class comment for what is accepted. */
  public static Audio read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllBytes(file));
  }

  /** Parses the bytes of a WAV file; {@code source} names it in error messages. */
  public static Audio parse(String source, byte[] bytes) throws DataFormatException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12) throw error(source, "too short for a WAV header (" + bytes.length + " bytes)");
    if (!tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
      throw error(source, "not a RIFF/WAVE file (starts with '" + tag(bytes, 0) + "')");
    }
    long riffSize = b.getInt(4) & 0xffffffffL;
    if (riffSize + 8 > bytes.length) {
      throw error(source, "truncated: RIFF header announces " + (riffSize + 8) + " bytes, file has " + bytes.length);
    }
    int sampleRate = -1;
    int pos = 12;
    while (pos + 8 <= riffSize + 8) {
      String id = tag(bytes, pos);
      long size = b.getInt(pos + 4) & 0xffffffffL;
      int body = pos + 8;
      if (body + size > bytes.length) {
        throw error(source, "truncated: chunk '" + id + "' announces " + size + " bytes, only "
            + (bytes.length - body) + " remain");
      }
      if (id.equals("fmt ")) {
        sampleRate = checkFormat(source, b, body, size);
      } else if (id.equals("data")) {
        if (sampleRate < 0) throw error(source, "data chunk before the fmt chunk");
        if (size % 2 != 0) throw error(source, "data chunk of " + size + " bytes is not whole 16-bit samples");
        float[] x = new float[(int) (size / 2)];
        for (int i = 0; i < x.length; i++) x[i] = b.getShort(body + 2 * i) / 32768f;
        return new Audio(sampleRate, x);
      }
      pos = (int) (body + size + (size & 1));  // chunks are padded to an even size
    }
    throw error(source, sampleRate < 0 ? "no fmt chunk" : "no data chunk");
  }

  /** Validates a fmt chunk: PCM (format 1), one channel, 16 bits, consistent rates; returns the sample rate. */
  private static int checkFormat(String source, ByteBuffer b, int at, long size) throws DataFormatException {
    if (size < 16) throw error(source, "fmt chunk of " + size + " bytes is too short (need 16)");
    int format = b.getShort(at) & 0xffff;
    int channels = b.getShort(at + 2) & 0xffff;
    int rate = b.getInt(at + 4);
    int byteRate = b.getInt(at + 8);
    int blockAlign = b.getShort(at + 12) & 0xffff;
    int bits = b.getShort(at + 14) & 0xffff;
    if (format != 1) throw error(source, "audio format " + format + " is not PCM (1)");
    if (channels != 1) throw error(source, channels + " channels; only mono is supported");
    if (bits != 16) throw error(source, bits + " bits per sample; only 16-bit PCM is supported");
    if (rate <= 0) throw error(source, "bad sample rate " + rate);
    if (blockAlign != 2 || byteRate != 2 * rate) {
      throw error(source, "inconsistent fmt chunk (block align " + blockAlign + ", byte rate " + byteRate + ")");
    }
    return rate;
  }

  private static String tag(byte[] bytes, int at) {
    return at + 4 <= bytes.length ? new String(bytes, at, 4, StandardCharsets.ISO_8859_1) : "";
  }

  private static DataFormatException error(String source, String problem) {
    return new DataFormatException(source + ": " + problem);
  }
}
