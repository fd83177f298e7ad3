package org.taunet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.taunet.run.AtomicFiles;

/**
 * Writes numpy {@code .npy} arrays (format version 1.0, C order, little-endian) and {@code .npz} archives (a zip of
 * one {@code NAME.npy} member per array, stored uncompressed as {@code numpy.savez} does), readable by
 * {@code numpy.load} and by {@link NpyReader}. The header is padded with spaces to a multiple of 64 bytes, as numpy
 * writes it, so the data of every member starts 64-byte aligned within the member.
 */
public final class NpyWriter {
  private NpyWriter() {}

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  /** numpy aligns the end of the header (magic + length + dict + padding) to this many bytes. */
  static final int ALIGN = 64;

  /** Writes {@code a} as one .npy stream. */
  public static void write(OutputStream out, NdArray a) throws IOException {
    out.write(header(a));
    out.write(data(a));
  }

  /** The .npy bytes of {@code a}. */
  public static byte[] toBytes(NdArray a) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, a);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a ByteArrayOutputStream does not throw
    }
    return out.toByteArray();
  }

  /**
   * Atomically writes {@code arrays} as an .npz archive, one member {@code KEY.npy} per entry in iteration order
   * ({@code numpy.load(file)[KEY]} returns it). A key may contain '/', which becomes a folder inside the zip and
   * stays part of the key for numpy.
   *
   * @throws IOException naming the file if it cannot be written
   */
  public static void writeNpz(Path file, Map<String, NdArray> arrays) throws IOException {
    AtomicFiles.write(file, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
        byte[] bytes = toBytes(e.getValue());
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTime(0); // no time stamps: equal arrays give equal files
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
      }
      zip.finish();
    });
  }

  /** The header: magic, version 1.0, little-endian u16 length, the dict padded with spaces and a final newline. */
  static byte[] header(NdArray a) {
    StringBuilder shape = new StringBuilder("(");
    int[] s = a.shape();
    for (int i = 0; i < s.length; i++) shape.append(i == 0 ? "" : ", ").append(s[i]);
    if (s.length == 1) shape.append(',');
    shape.append(')');
    String dict = "{'descr': '" + descr(a.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int total = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
    String padded = dict + " ".repeat(total - unpadded) + "\n";
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) padded.length()).put(padded.getBytes(StandardCharsets.ISO_8859_1));
    return b.array();
  }

  /** numpy's descr: byte order ('|' for one-byte types, else '<') and code, e.g. "&lt;f4", "|u1". */
  static String descr(DType t) {
    return (t.itemSize() == 1 ? "|" : "<") + t.code();
  }

  /** The elements, little-endian. */
  static byte[] data(NdArray a) {
    Object d = a.data();
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(NdArray.elementCount(a.shape()) * a.dtype().itemSize()))
        .order(ByteOrder.LITTLE_ENDIAN);
    switch (d) {
      case byte[] x -> b.put(x);
      case short[] x -> b.asShortBuffer().put(x);
      case int[] x -> b.asIntBuffer().put(x);
      case long[] x -> b.asLongBuffer().put(x);
      case float[] x -> b.asFloatBuffer().put(x);
      case double[] x -> b.asDoubleBuffer().put(x);
      default -> throw new IllegalArgumentException("unsupported array class " + d.getClass().getSimpleName());
    }
    return b.array();
  }
}
