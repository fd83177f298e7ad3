package org.taunet.data.spikes;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.taunet.data.DataFormatException;
import org.taunet.run.AtomicFiles;

/**
 * A small binary file holding an encoded {@link SpikeDataset}, written atomically and guarded by a CRC-32.
 *
 * <p>Layout (big-endian): magic {@code "TNSPIKE1"}, key (modified UTF-8, the encoding parameters and source
 * description the file was made from), name, note, channels, numClasses, train count, test count; then per sample:
 * label, spike count n, n float32 times, n uint16 units; last the CRC-32 of everything before it, as an int.
 */
public final class SpikeCache {
  private static final byte[] MAGIC = "TNSPIKE1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private SpikeCache() {}

  /** Writes {@code data} made under {@code key} to {@code file} atomically (a crash leaves the old file or none). */
  public static void write(Path file, String key, SpikeDataset data) throws IOException {
    if (data.channels() > 65536) throw new IllegalArgumentException("units are stored as uint16");
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.write(file, os -> {
      CRC32 crc = new CRC32();
      DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(os, 1 << 16), crc));
      out.write(MAGIC);
      out.writeUTF(key);
      out.writeUTF(data.name());
      out.writeUTF(data.note());
      out.writeInt(data.channels());
      out.writeInt(data.numClasses());
      out.writeInt(data.train().size());
      out.writeInt(data.test().size());
      for (SpikeTrain s : data.train()) writeSample(out, s);
      for (SpikeTrain s : data.test()) writeSample(out, s);
      out.flush();
      new DataOutputStream(os).writeInt((int) crc.getValue());
      os.flush();
    });
  }

  private static void writeSample(DataOutputStream out, SpikeTrain s) throws IOException {
    out.writeInt(s.label());
    out.writeInt(s.size());
    for (float t : s.times()) out.writeFloat(t);
    for (int u : s.units()) out.writeShort(u);
  }

  /**
   * Reads {@code file} if it exists, is intact and was made under {@code key}; else returns null (a stale or
   * corrupt cache is simply rebuilt by the caller). It throws nothing for a stale or corrupt file; only {@link #read}
   * reports problems.
   */
  public static SpikeDataset readIfValid(Path file, String key) {
    if (!Files.isRegularFile(file)) return null;
    try {
      return read(file, key);
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads {@code file}, which must have been written under {@code key}; reports what is wrong otherwise. */
  public static SpikeDataset read(Path file, String key) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < MAGIC.length + 4 || !Arrays.equals(MAGIC, Arrays.copyOf(bytes, MAGIC.length))) {
      throw new DataFormatException(file + ": not a spike cache file (bad magic)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    if (stored != (int) crc.getValue()) throw new DataFormatException(file + ": CRC mismatch (corrupt or truncated)");
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length,
        bytes.length - 4 - MAGIC.length))) {
      String fileKey = in.readUTF();
      if (!fileKey.equals(key)) throw new DataFormatException(file + ": made for '" + fileKey + "', not '" + key + "'");
      String name = in.readUTF();
      String note = in.readUTF();
      int channels = in.readInt();
      int numClasses = in.readInt();
      int nTrain = in.readInt();
      int nTest = in.readInt();
      List<SpikeTrain> train = readSamples(in, nTrain, file);
      List<SpikeTrain> test = readSamples(in, nTest, file);
      if (in.available() != 0) throw new DataFormatException(file + ": " + in.available() + " trailing bytes");
      return new SpikeDataset(name, channels, numClasses, train, test, note);
    } catch (java.io.EOFException e) {
      throw new DataFormatException(file + ": truncated", e);
    }
  }

  private static List<SpikeTrain> readSamples(DataInputStream in, int n, Path file) throws IOException {
    if (n < 0) throw new DataFormatException(file + ": negative sample count");
    List<SpikeTrain> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = in.readInt();
      int len = in.readInt();
      if (len < 0 || len > in.available()) throw new DataFormatException(file + ": bad spike count " + len);
      float[] t = new float[len];
      int[] u = new int[len];
      for (int j = 0; j < len; j++) t[j] = in.readFloat();
      for (int j = 0; j < len; j++) u[j] = in.readUnsignedShort();
      out.add(new SpikeTrain(t, u, label));
    }
    return out;
  }
}
