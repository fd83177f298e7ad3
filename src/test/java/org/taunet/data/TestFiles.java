package org.taunet.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writers for small IDX, .npy and .npz test files, and access to the shared real data. */
public final class TestFiles {
  private TestFiles() {}

  /** The shared data directory, or a skipped test (with a message) when it is absent. */
  static Path sharedData(String sub) {
    String prop = System.getProperty("taunet.shared.data", "../shared/data");
    Path p = Path.of(prop).resolve(sub);
    assumeTrue(Files.isDirectory(p), "shared data not present at " + p.toAbsolutePath() + "; test skipped");
    return p.getParent();
  }

  /** IDX bytes: magic 0x0000 08 ndims, big-endian dims, data. */
  static byte[] idx(int[] shape, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + data.length).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0x0800 | shape.length);
    for (int d : shape) b.putInt(d);
    b.put(data);
    return b.array();
  }

  /** Images of shape {n, rows, cols} whose pixel i is (seed + 7 i) mod 256. */
  static byte[] pixels(int count, int seed) {
    byte[] px = new byte[count];
    for (int i = 0; i < count; i++) px[i] = (byte) (seed + 7 * i);
    return px;
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(raw);
    }
    return bos.toByteArray();
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  /** A complete .npy file of format {@code version} (1, 2 or 3) with the given header dict text and data. */
  static byte[] npy(int version, String dict, byte[] data) {
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0};
    int lenBytes = version == 1 ? 2 : 4;
    String h = dict;
    int total = magic.length + lenBytes + h.getBytes(StandardCharsets.UTF_8).length + 1;
    h = h + " ".repeat((64 - total % 64) % 64) + "\n";  // numpy pads to a multiple of 64 and ends with \n
    byte[] hb = h.getBytes(version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(magic.length + lenBytes + hb.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(magic);
    if (version == 1) b.putShort((short) hb.length);
    else b.putInt(hb.length);
    b.put(hb).put(data);
    return b.array();
  }

  /** The usual header dict for {@code descr} and {@code shape} (a Python tuple such as "(2, 3)"). */
  static String dict(String descr, boolean fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
        + ", }";
  }

  /** Little-endian bytes of the values, each {@code size} bytes wide (ints) . */
  static byte[] le(int size, long... values) {
    ByteBuffer b = ByteBuffer.allocate(size * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      switch (size) {
        case 1 -> b.put((byte) v);
        case 2 -> b.putShort((short) v);
        case 4 -> b.putInt((int) v);
        default -> b.putLong(v);
      }
    }
    return b.array();
  }

  /** An .npz archive with the members (names get ".npy" appended), stored or deflated. */
  static byte[] npz(Map<String, byte[]> members, boolean deflate) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bos)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        ZipEntry e = new ZipEntry(m.getKey() + ".npy");
        if (!deflate) {
          CRC32 crc = new CRC32();
          crc.update(m.getValue());
          e.setMethod(ZipEntry.STORED);
          e.setSize(m.getValue().length);
          e.setCompressedSize(m.getValue().length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(m.getValue());
        zip.closeEntry();
      }
    }
    return bos.toByteArray();
  }

  /** An .npz of deflated members at level 0 (stored deflate blocks: the member bytes appear verbatim in the file). */
  static byte[] npzLevel0(Map<String, byte[]> members) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bos)) {
      zip.setLevel(0);
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        zip.putNextEntry(new ZipEntry(m.getKey() + ".npy"));
        zip.write(m.getValue());
        zip.closeEntry();
      }
    }
    return bos.toByteArray();
  }

  /** An .npz holding {@code images} (n x rows x cols, u1) as arr_0. */
  static byte[] npzImages(int n, int rows, int cols, byte[] px) throws IOException {
    return npz(Map.of("arr_0", npy(1, dict("|u1", false, "(" + n + ", " + rows + ", " + cols + ")"), px)), true);
  }

  /** An .npz holding {@code labels} (u1) as arr_0. */
  static byte[] npzLabels(int[] labels) throws IOException {
    byte[] b = new byte[labels.length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) labels[i];
    return npz(Map.of("arr_0", npy(1, dict("|u1", false, "(" + labels.length + ",)"), b)), true);
  }

  static byte[] labelBytes(int[] labels) {
    byte[] b = new byte[labels.length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) labels[i];
    return b;
  }

  /**
   * A started loopback HTTP server answering GET PATH with {@code served.get(PATH)} (200) or 404; {@code observe}
   * sees every request first. Stop it with {@code stop(0)}.
   */
  static com.sun.net.httpserver.HttpServer serve(Map<String, byte[]> served,
      java.util.function.Consumer<com.sun.net.httpserver.HttpExchange> observe) throws IOException {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      observe.accept(ex);
      byte[] body = served.get(ex.getRequestURI().getPath());
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
      } else {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) { out.write(body); }
      }
      ex.close();
    });
    server.start();
    return server;
  }

  /** The first index of {@code needle} in {@code hay}; fails the test if absent. */
  public static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new AssertionError("not found");
  }
}
