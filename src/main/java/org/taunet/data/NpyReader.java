package org.taunet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0) and {@code .npz} archives (zip files of .npy
 * members, stored or deflated). Supported element types: bool, u1, i1, u2, i2, u4, i4, u8, i8, f4, f8, all
 * little-endian (or byte-order-free for 1-byte types), C order. Big-endian data, Fortran order (for arrays of 2 or
 * more dimensions), structured dtypes, object arrays, truncated data and trailing bytes are rejected with a
 * {@link DataFormatException} naming the source and the problem; the CRC-32 of every .npz member is checked
 * ({@link ZipMembers}).
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** Largest header accepted; numpy's own headers are a few hundred bytes. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private NpyReader() {}

  /** Reads one .npy file. */
  public static NdArray read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString(), Files.size(file));
    }
  }

  /**
   * Reads an .npz archive: every member whose name ends in {@code .npy}, keyed by its name without that suffix
   * (numpy's {@code np.savez(f, x)} names an unnamed array {@code arr_0}). Other members are ignored.
   */
  public static Map<String, NdArray> readNpz(Path file) throws IOException {
    Map<String, NdArray> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory() || !e.getName().endsWith(".npy")) continue;
        String key = e.getName().substring(0, e.getName().length() - 4);
        String source = file + " (member " + e.getName() + ")";
        try (InputStream in = new BufferedInputStream(ZipMembers.open(zip, e, source), 1 << 16)) {
          try {
            out.put(key, read(in, source, e.getSize()));
          } catch (DataFormatException bad) { // a damaged archive can look like a bad header: report the CRC first
            ZipMembers.drainAndCheck(in, bad);
            throw bad;
          }
        } catch (ZipException | EOFException ex) {
          throw DataFormatException.of(source, "corrupt or truncated compressed data (" + ex.getMessage() + ")");
        }
      }
    } catch (ZipException e) {
      throw DataFormatException.of(file, "not a valid .npz (zip) archive (" + e.getMessage() + ")");
    }
    return out;
  }

  /**
   * Reads one .npz member that must exist, e.g. {@code readNpzArray(path, "arr_0")}; the error for a missing key
   * lists the keys present.
   */
  public static NdArray readNpzArray(Path file, String key) throws IOException {
    Map<String, NdArray> all = readNpz(file);
    NdArray a = all.get(key);
    if (a == null) throw DataFormatException.of(file, "no array '" + key + "' in the archive (found " + all.keySet()
        + ")");
    return a;
  }

  /**
   * Reads a .npy stream.
   *
   * @param in the stream, positioned at the magic string; read to its end
   * @param source name for error messages
   * @param totalBytes the stream's length if known (to reject truncated data before allocating), else -1
   */
  public static NdArray read(InputStream in, String source, long totalBytes) throws IOException {
    byte[] pre = in.readNBytes(8);
    if (pre.length < 8) throw DataFormatException.of(source, "truncated header: " + pre.length + " bytes");
    for (int i = 0; i < MAGIC.length; i++) {
      if (pre[i] != MAGIC[i]) throw DataFormatException.of(source, "wrong magic: not a .npy file");
    }
    int major = pre[6] & 0xFF;
    int minor = pre[7] & 0xFF;
    if (major < 1 || major > 3 || minor != 0) {
      throw DataFormatException.of(source, "unsupported .npy format version " + major + "." + minor
          + " (1.0, 2.0 and 3.0 are supported)");
    }
    int lenBytes = major == 1 ? 2 : 4;
    byte[] lb = in.readNBytes(lenBytes);
    if (lb.length < lenBytes) throw DataFormatException.of(source, "truncated header: no header length");
    long headerLen = ByteBuffer.wrap(lenBytes == 2 ? new byte[] {lb[0], lb[1], 0, 0} : lb)
        .order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
    if (headerLen > MAX_HEADER_BYTES) {
      throw DataFormatException.of(source, "bad header: length " + headerLen + " exceeds " + MAX_HEADER_BYTES);
    }
    byte[] hb = in.readNBytes((int) headerLen);
    if (hb.length < headerLen) {
      throw DataFormatException.of(source, "truncated header: " + hb.length + " of " + headerLen + " bytes");
    }
    String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Header h = parseHeader(source, header);
    long prefix = 8 + lenBytes + headerLen;
    return readData(in, source, h, totalBytes < 0 ? -1 : totalBytes - prefix);
  }

  private record Header(DType dtype, int[] shape) {}

  private static Header parseHeader(String source, String text) throws DataFormatException {
    Object parsed;
    try {
      parsed = PyLiteral.parse(text);
    } catch (IllegalArgumentException e) {
      throw DataFormatException.of(source, "bad header: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> dict)) throw DataFormatException.of(source, "bad header: not a dict");
    Object descr = dict.get("descr");
    Object fortran = dict.get("fortran_order");
    Object shapeObj = dict.get("shape");
    if (descr == null || fortran == null || shapeObj == null) {
      throw DataFormatException.of(source, "bad header: needs keys 'descr', 'fortran_order' and 'shape', got "
          + dict.keySet());
    }
    if (!(descr instanceof String d)) {
      throw DataFormatException.of(source, "unsupported dtype " + descr + ": structured dtypes are not supported");
    }
    if (!(fortran instanceof Boolean fortranOrder)) {
      throw DataFormatException.of(source, "bad header: fortran_order is " + fortran + ", not True/False");
    }
    if (!(shapeObj instanceof List<?> dims)) throw DataFormatException.of(source, "bad header: shape is not a tuple");
    int[] shape = new int[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(dims.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
        throw DataFormatException.of(source, "bad header: absurd shape " + shapeObj);
      }
      shape[i] = v.intValue();
    }
    DType dtype = parseDescr(source, d);
    if (fortranOrder && shape.length >= 2) {
      throw DataFormatException.of(source, "fortran_order=True is not supported; save a C-ordered array"
          + " (numpy.ascontiguousarray)");
    }
    return new Header(dtype, shape);
  }

  private static DType parseDescr(String source, String descr) throws DataFormatException {
    if (descr.length() < 2) throw DataFormatException.of(source, "unsupported dtype '" + descr + "'");
    char order = descr.charAt(0);
    DType t = DType.fromCode(descr.substring(1));
    if (t == null) {
      throw DataFormatException.of(source, "unsupported dtype '" + descr + "' (supported: bool, u1, i1, u2, i2, u4,"
          + " i4, u8, i8, f4, f8)");
    }
    boolean ok = order == '<' || (t.itemSize() == 1 && (order == '|' || order == '>' || order == '='));
    if (order == '>' && !ok) {
      throw DataFormatException.of(source, "big-endian dtype '" + descr + "' is not supported; convert it with"
          + " arr.astype('<" + t.code() + "')");
    }
    if (!ok) throw DataFormatException.of(source, "unsupported byte order in dtype '" + descr + "'");
    return t;
  }

  private static NdArray readData(InputStream in, String source, Header h, long available) throws IOException {
    long n;
    try {
      n = NdArray.elementCount(h.shape());
    } catch (IllegalArgumentException e) {
      throw DataFormatException.of(source, "absurd shape in header: " + e.getMessage() + "; refusing to allocate");
    }
    long bytes = n * h.dtype().itemSize();
    if (bytes > Integer.MAX_VALUE - 8) {
      throw DataFormatException.of(source, "array of " + bytes + " bytes is too large for this reader");
    }
    String promise = "the header promises " + bytes + " data bytes (" + h.dtype().code() + ", shape "
        + IdxReader.dims(h.shape()) + ")";
    if (available >= 0 && available < bytes) {
      throw DataFormatException.of(source, "truncated: " + promise + " but only " + available + " are present");
    }
    if (available > bytes) {
      throw DataFormatException.of(source, "trailing garbage: " + (available - bytes) + " bytes after the data; "
          + promise);
    }
    byte[] raw = in.readNBytes((int) bytes);
    if (raw.length < bytes) {
      throw DataFormatException.of(source, "truncated: " + promise + " but only " + raw.length + " are present");
    }
    long extra = in.transferTo(java.io.OutputStream.nullOutputStream());
    if (extra > 0) {
      throw DataFormatException.of(source, "trailing garbage: " + extra + " bytes after the data; " + promise);
    }
    return new NdArray(h.dtype(), h.shape(), decode(h.dtype(), raw, (int) n));
  }

  private static Object decode(DType t, byte[] raw, int n) {
    ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    return switch (t) {
      case BOOL, U1, I1 -> raw;
      case U2, I2 -> { short[] a = new short[n]; bb.asShortBuffer().get(a); yield a; }
      case U4, I4 -> { int[] a = new int[n]; bb.asIntBuffer().get(a); yield a; }
      case U8, I8 -> { long[] a = new long[n]; bb.asLongBuffer().get(a); yield a; }
      case F4 -> { float[] a = new float[n]; bb.asFloatBuffer().get(a); yield a; }
      case F8 -> { double[] a = new double[n]; bb.asDoubleBuffer().get(a); yield a; }
    };
  }
}
