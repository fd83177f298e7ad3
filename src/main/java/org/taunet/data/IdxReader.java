package org.taunet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST family's format), raw or gzip-compressed; compression is detected from the first two
 * bytes (1f 8b), not from the file name. Only unsigned-byte data (type 0x08) is supported: images have magic
 * {@code 0x00000803} (n x rows x cols), labels {@code 0x00000801} (n).
 *
 * <p>Every malformed file is rejected with a {@link DataFormatException} naming the file and the problem; the
 * header's dimensions are checked against {@link NdArray#MAX_ELEMENTS} before anything is allocated.
 */
public final class IdxReader {
  /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
  public static final int LABELS_MAGIC = 0x00000801;
  private static final int UBYTE = 0x08;
  private static final int MAX_DIMS = 8;

  private IdxReader() {}

  /** Reads an image file: shape {n, rows, cols}, dtype U1. */
  public static NdArray readImages(Path file) throws IOException { return read(file, 3); }

  /** Reads a label file: shape {n}, dtype U1. */
  public static NdArray readLabels(Path file) throws IOException { return read(file, 1); }

  /** Reads an unsigned-byte IDX file of any number of dimensions (1 to 8). */
  public static NdArray read(Path file) throws IOException { return read(file, -1); }

  private static NdArray read(Path file, int requiredDims) throws IOException {
    boolean gzip = isGzip(file);
    try (InputStream in = open(file)) {
      int[] shape = readHeader(file, in, requiredDims);
      int n = (int) elementCount(file, shape);
      long headerBytes = 4L + 4L * shape.length;
      if (!gzip) checkRawSize(file, headerBytes, n, shape);
      byte[] data = in.readNBytes(n);
      if (data.length < n) {
        throw DataFormatException.of(file, "truncated: the header promises " + n + " data bytes ("
            + dims(shape) + ") but the " + (gzip ? "decompressed " : "") + "file holds only " + data.length);
      }
      long extra = in.transferTo(java.io.OutputStream.nullOutputStream());
      if (extra > 0) {
        throw DataFormatException.of(file, "trailing garbage: " + extra + " bytes after the " + n
            + " data bytes the header promises (" + dims(shape) + ")");
      }
      return new NdArray(DType.U1, shape, data);
    } catch (ZipException | EOFException e) {
      throw DataFormatException.of(file, gzipProblem(e));
    }
  }

  private static int[] readHeader(Path file, InputStream in, int requiredDims) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length < 4) {
      throw DataFormatException.of(file, "truncated header: " + magic.length + " bytes, an IDX file starts with"
          + " a 4-byte magic number");
    }
    int m = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8) | (magic[3] & 0xFF);
    String expected = requiredDims == 3 ? String.format(" (expected 0x%08X for images)", IMAGES_MAGIC)
        : requiredDims == 1 ? String.format(" (expected 0x%08X for labels)", LABELS_MAGIC) : "";
    if (magic[0] != 0 || magic[1] != 0) {
      throw DataFormatException.of(file, String.format("wrong magic number 0x%08X: not an IDX file", m) + expected);
    }
    int type = magic[2] & 0xFF;
    int ndims = magic[3] & 0xFF;
    if (type != UBYTE) {
      throw DataFormatException.of(file, String.format("wrong magic number 0x%08X: element type 0x%02X (%s) is not"
          + " supported, only unsigned byte (0x08)", m, type, typeName(type)) + expected);
    }
    if (requiredDims > 0 && ndims != requiredDims) {
      throw DataFormatException.of(file, String.format("wrong magic number 0x%08X: %d dimensions", m, ndims)
          + expected);
    }
    if (ndims < 1 || ndims > MAX_DIMS) {
      throw DataFormatException.of(file, "unsupported number of dimensions " + ndims + " (1 to " + MAX_DIMS + ")");
    }
    byte[] raw = in.readNBytes(4 * ndims);
    if (raw.length < 4 * ndims) {
      throw DataFormatException.of(file, "truncated header: " + ndims + " dimensions need " + 4 * ndims
          + " bytes after the magic number, found " + raw.length);
    }
    int[] shape = new int[ndims];
    for (int i = 0; i < ndims; i++) {
      long d = ((raw[4 * i] & 0xFFL) << 24) | ((raw[4 * i + 1] & 0xFF) << 16) | ((raw[4 * i + 2] & 0xFF) << 8)
          | (raw[4 * i + 3] & 0xFF);
      if (d > Integer.MAX_VALUE) {
        throw DataFormatException.of(file, "absurd dimension " + d + " in the header");
      }
      shape[i] = (int) d;
    }
    return shape;
  }

  private static long elementCount(Path file, int[] shape) throws DataFormatException {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > NdArray.MAX_ELEMENTS) {
        throw DataFormatException.of(file, "absurd dimensions " + dims(shape) + " in the header (more than "
            + NdArray.MAX_ELEMENTS + " elements); refusing to allocate");
      }
    }
    return n;
  }

  private static void checkRawSize(Path file, long headerBytes, long n, int[] shape) throws IOException {
    long size = Files.size(file);
    if (size < headerBytes + n) {
      throw DataFormatException.of(file, "truncated: the header promises " + n + " data bytes (" + dims(shape)
          + ") but the file holds only " + (size - headerBytes));
    }
    if (size > headerBytes + n) {
      throw DataFormatException.of(file, "trailing garbage: " + (size - headerBytes - n) + " bytes after the "
          + n + " data bytes the header promises (" + dims(shape) + ")");
    }
  }

  /** True if the file starts with the gzip magic bytes 1f 8b. */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(2);
      return b.length == 2 && (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b;
    }
  }

  /** Opens a file for reading, transparently decompressing it if it starts with the gzip magic bytes. */
  public static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
      return raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      if (e instanceof ZipException || e instanceof EOFException) {
        throw DataFormatException.of(file, gzipProblem(e));
      }
      throw e;
    }
  }

  /** "corrupt or truncated gzip stream (...)", naming a CRC mismatch as such. */
  static String gzipProblem(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("GZIP trailer") ? "gzip CRC-32 or length does not match the data (" + m + ")"
        : "corrupt or truncated gzip stream (" + m + ")";
  }

  static String dims(int[] shape) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : " x ").append(shape[i]);
    return sb.toString();
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x08 -> "unsigned byte";
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> "unknown";
    };
  }
}
