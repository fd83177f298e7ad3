package org.taunet.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.taunet.run.Checkpoint.DType;
import org.taunet.run.Checkpoint.TensorInfo;

/** The binary layout of {@link Checkpoint}: streaming writer and validating reader. */
final class CheckpointFormat {
  private CheckpointFormat() {}

  private static final byte[] MAGIC = Checkpoint.MAGIC.getBytes(StandardCharsets.US_ASCII);
  private static final int PREAMBLE = 16; // magic, version, header length
  private static final int TRAILER = 4;   // CRC32
  private static final int CHUNK = 1 << 16;
  /** The largest array the JVM reliably allocates. */
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  static void write(Path file, Map<String, ?> meta, List<TensorInfo> infos, List<Object> arrays) throws IOException {
    ObjectNode header = Json.mapper().createObjectNode();
    header.set("meta", Json.mapper().valueToTree(meta));
    ArrayNode table = header.putArray("tensors");
    for (TensorInfo i : infos) {
      ObjectNode t = table.addObject();
      t.put("name", i.name());
      t.put("dtype", i.dtype().id());
      ArrayNode shape = t.putArray("shape");
      i.shape().forEach(shape::add);
    }
    byte[] headerBytes = Json.line(header).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> {
      CRC32 crc = new CRC32();
      ByteBuffer pre = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
      pre.put(MAGIC).putInt(Checkpoint.VERSION).putInt(headerBytes.length);
      emit(out, crc, pre.array(), PREAMBLE);
      emit(out, crc, headerBytes, headerBytes.length);
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (Object a : arrays) writeArray(out, crc, chunk, a);
      ByteBuffer end = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
      end.putInt((int) crc.getValue());
      out.write(end.array());
    });
  }

  private static void emit(OutputStream out, CRC32 crc, byte[] bytes, int length) throws IOException {
    crc.update(bytes, 0, length);
    out.write(bytes, 0, length);
  }

  private static void writeArray(OutputStream out, CRC32 crc, ByteBuffer chunk, Object array) throws IOException {
    DType t = DType.ofArray(array);
    int length = java.lang.reflect.Array.getLength(array);
    int per = CHUNK / t.bytes();
    for (int off = 0; off < length; off += per) {
      int n = Math.min(per, length - off);
      chunk.clear();
      switch (array) {
        case float[] a -> chunk.asFloatBuffer().put(a, off, n);
        case int[] a -> chunk.asIntBuffer().put(a, off, n);
        case long[] a -> chunk.asLongBuffer().put(a, off, n);
        case double[] a -> chunk.asDoubleBuffer().put(a, off, n);
        default -> throw new IllegalStateException("unreachable");
      }
      emit(out, crc, chunk.array(), n * t.bytes());
    }
  }

  static Checkpoint read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long min = PREAMBLE + TRAILER;
      if (size < min) throw corrupt(file, "truncated: " + size + " bytes, a checkpoint has at least " + min);
      CRC32 crc = new CRC32();
      ByteBuffer pre = readFully(ch, file, PREAMBLE, crc);
      byte[] magic = new byte[MAGIC.length];
      pre.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corrupt(file, "not a taunet checkpoint: bad magic " + printable(magic) + " (expected " + Checkpoint.MAGIC + ")");
      }
      int version = pre.getInt();
      if (version != Checkpoint.VERSION) {
        throw corrupt(file, "unsupported checkpoint format version " + Integer.toUnsignedString(version)
            + " (this build reads version " + Checkpoint.VERSION + ")");
      }
      long headerLength = Integer.toUnsignedLong(pre.getInt());
      if (headerLength > size - min || headerLength > MAX_ELEMENTS) {
        throw corrupt(file, "header length " + headerLength + " exceeds the " + size + "-byte file (truncated or corrupt)");
      }
      ByteBuffer headerBytes = readFully(ch, file, (int) headerLength, crc);
      JsonNode header = parseHeader(file, headerBytes.array());
      Map<String, Object> meta = meta(file, header);
      List<TensorInfo> infos = table(file, header);
      long expected = PREAMBLE + headerLength + TRAILER;
      for (TensorInfo i : infos) expected += i.elements() * i.dtype().bytes(); // each <= 16 GiB, no overflow
      if (expected > size) {
        throw corrupt(file, "truncated: the tensor table needs " + expected + " bytes but the file has " + size);
      }
      if (expected < size) {
        throw corrupt(file, "size mismatch: the tensor table needs " + expected + " bytes but the file has " + size);
      }
      List<Object> data = new ArrayList<>(infos.size());
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      for (TensorInfo i : infos) data.add(readArray(ch, file, i, chunk, crc));
      long computed = crc.getValue();
      long stored = Integer.toUnsignedLong(readFully(ch, file, TRAILER, null).getInt());
      if (stored != computed) {
        throw corrupt(file, String.format("CRC mismatch: stored %08x, computed %08x (the file is corrupt)", stored, computed));
      }
      return new Checkpoint(file, meta, infos, data);
    }
  }

  private static Object readArray(FileChannel ch, Path file, TensorInfo info, ByteBuffer chunk, CRC32 crc)
      throws IOException {
    int length = (int) info.elements();
    Object array = switch (info.dtype()) {
      case FLOAT32 -> new float[length];
      case INT32 -> new int[length];
      case INT64 -> new long[length];
      case FLOAT64 -> new double[length];
    };
    int per = CHUNK / info.dtype().bytes();
    for (int off = 0; off < length; off += per) {
      int n = Math.min(per, length - off);
      chunk.clear().limit(n * info.dtype().bytes());
      fill(ch, file, chunk);
      chunk.flip();
      crc.update(chunk.duplicate());
      switch (array) {
        case float[] a -> chunk.asFloatBuffer().get(a, off, n);
        case int[] a -> chunk.asIntBuffer().get(a, off, n);
        case long[] a -> chunk.asLongBuffer().get(a, off, n);
        case double[] a -> chunk.asDoubleBuffer().get(a, off, n);
        default -> throw new IllegalStateException("unreachable");
      }
    }
    return array;
  }

  /** Reads exactly {@code n} bytes into a new little-endian buffer (positioned at 0), updating crc. */
  private static ByteBuffer readFully(FileChannel ch, Path file, int n, CRC32 crc) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    fill(ch, file, b);
    b.flip();
    if (crc != null) crc.update(b.duplicate());
    return b;
  }

  private static void fill(FileChannel ch, Path file, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) throw new EOFException(file + ": invalid checkpoint: truncated (unexpected end of file)");
    }
  }

  private static JsonNode parseHeader(Path file, byte[] bytes) throws IOException {
    try {
      JsonNode h = Json.mapper().readTree(bytes);
      if (h == null || !h.isObject()) throw corrupt(file, "header is not a JSON object");
      return h;
    } catch (JsonProcessingException e) {
      throw corrupt(file, "header is not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Path file, JsonNode header) throws IOException {
    JsonNode m = header.get("meta");
    if (m == null || !m.isObject()) throw corrupt(file, "header has no \"meta\" object");
    return Json.mapper().convertValue(m, Map.class);
  }

  private static List<TensorInfo> table(Path file, JsonNode header) throws IOException {
    JsonNode t = header.get("tensors");
    if (t == null || !t.isArray()) throw corrupt(file, "header has no \"tensors\" array");
    List<TensorInfo> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode e : t) {
      JsonNode name = e.get("name");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) throw corrupt(file, "tensor entry without a name: " + e);
      String n = name.asText();
      if (!seen.add(n)) throw corrupt(file, "tensor '" + n + "' appears twice");
      JsonNode dt = e.get("dtype");
      DType dtype = dt == null ? null : DType.of(dt.asText());
      if (dtype == null) throw corrupt(file, "tensor '" + n + "' has unknown dtype " + dt);
      JsonNode shapeNode = e.get("shape");
      if (shapeNode == null || !shapeNode.isArray()) throw corrupt(file, "tensor '" + n + "' has no shape");
      List<Integer> shape = new ArrayList<>();
      for (JsonNode d : shapeNode) {
        if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
          throw corrupt(file, "tensor '" + n + "' has an invalid dimension " + d + " in shape " + shapeNode);
        }
        shape.add(d.intValue());
      }
      TensorInfo info = new TensorInfo(n, dtype, shape);
      long elements = info.elements();
      if (elements < 0 || elements > MAX_ELEMENTS) {
        throw corrupt(file, "tensor '" + n + "' has shape " + shape + ", larger than any Java array (corrupt length)");
      }
      out.add(info);
    }
    return out;
  }

  private static String printable(byte[] bytes) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : bytes) {
      if (b >= 0x20 && b < 0x7f) sb.append((char) b);
      else sb.append(String.format("\\x%02x", b & 0xff));
    }
    return sb.append('"').toString();
  }

  private static IOException corrupt(Path file, String problem) {
    return new IOException(file + ": invalid checkpoint: " + problem);
  }
}
