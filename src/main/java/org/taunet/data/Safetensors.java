package org.taunet.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.AtomicFiles;
import org.taunet.run.Json;

/**
 * The safetensors format (Hugging Face): an unsigned little-endian 64-bit header length N, N bytes of a JSON header,
 * then the tensors' bytes back to back. The header maps each tensor name to {@code {"dtype", "shape",
 * "data_offsets": [begin, end]}} (byte offsets into the data after the header, little-endian, C order) and may hold
 * {@code "__metadata__"}, a map of strings to strings. The header is padded with spaces to a multiple of 8 bytes.
 *
 * <p>{@link #write} writes tensors in the given order without gaps; {@link #read} checks that the offsets cover the
 * data exactly (no gap, no overlap, nothing after), that every shape matches its byte count, and names the file and
 * the entry in every error.
 *
 * @param metadata the {@code __metadata__} map (empty if the file has none)
 * @param tensors the tensors by name, in file order
 */
public record Safetensors(Map<String, String> metadata, Map<String, NdArray> tensors) {
  /** The header's key for string metadata. */
  public static final String METADATA = "__metadata__";
  /** Largest header accepted by {@link #read}. */
  static final long MAX_HEADER_BYTES = 100L << 20;

  /** Copies both maps, keeping their order. */
  public Safetensors {
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    if (tensors.containsKey(METADATA)) throw new IllegalArgumentException("a tensor may not be named " + METADATA);
  }

  /** The safetensors dtype name of {@code t}: F32, F64, I64, U8, ... */
  public static String dtypeName(DType t) {
    return switch (t) {
      case BOOL -> "BOOL";
      case U1 -> "U8";
      case I1 -> "I8";
      case U2 -> "U16";
      case I2 -> "I16";
      case U4 -> "U32";
      case I4 -> "I32";
      case U8 -> "U64";
      case I8 -> "I64";
      case F4 -> "F32";
      case F8 -> "F64";
    };
  }

  /** The DType of safetensors dtype {@code name}, or null if taunet has none (F16, BF16, ...). */
  public static DType dtypeOf(String name) {
    for (DType t : DType.values()) if (dtypeName(t).equals(name)) return t;
    return null;
  }

  /** Atomically writes this file to {@code file}. */
  public void write(Path file) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    if (!metadata.isEmpty()) header.put(METADATA, metadata);
    List<byte[]> blobs = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, NdArray> e : tensors.entrySet()) {
      byte[] bytes = NpyWriter.data(e.getValue());
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("dtype", dtypeName(e.getValue().dtype()));
      info.put("shape", e.getValue().shape());
      info.put("data_offsets", new long[] {offset, offset + bytes.length});
      header.put(e.getKey(), info);
      blobs.add(bytes);
      offset += bytes.length;
    }
    byte[] json = Json.mapper().writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] head = new byte[padded];
    java.util.Arrays.fill(head, (byte) ' ');
    System.arraycopy(json, 0, head, 0, json.length);
    AtomicFiles.write(file, out -> {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
      out.write(head);
      for (byte[] b : blobs) out.write(b);
    });
  }

  /**
   * Reads a safetensors file.
   *
   * @throws DataFormatException naming the file: truncated, bad header, unknown dtype, offsets that do not tile the
   *     data, or a shape that does not match its bytes
   */
  public static Safetensors read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    String src = file.toString();
    if (all.length < 8) throw DataFormatException.of(src, "truncated: " + all.length + " bytes, no header length");
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n < 2 || n > MAX_HEADER_BYTES || n > all.length - 8) {
      throw DataFormatException.of(src, "bad header length " + n + " (file has " + all.length + " bytes)");
    }
    JsonNode header;
    try {
      header = Json.mapper().readTree(new String(all, 8, (int) n, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw DataFormatException.of(src, "header is not JSON: " + e.getOriginalMessage());
    }
    if (header == null || !header.isObject()) throw DataFormatException.of(src, "header is not a JSON object");
    int base = 8 + (int) n;
    Map<String, String> meta = new LinkedHashMap<>();
    Map<String, NdArray> tensors = new LinkedHashMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(METADATA)) {
        e.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      long[] range = new long[2];
      tensors.put(e.getKey(), tensor(src, e.getKey(), e.getValue(), all, base, range));
      ranges.add(range);
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long end = 0;
    for (long[] r : ranges) {
      if (r[0] != end) throw DataFormatException.of(src, "tensor data has a gap or overlap at byte " + end);
      end = r[1];
    }
    if (end != all.length - base) {
      throw DataFormatException.of(src, "tensors cover " + end + " of the " + (all.length - base) + " data bytes");
    }
    return new Safetensors(meta, tensors);
  }

  private static NdArray tensor(String src, String name, JsonNode info, byte[] all, int base, long[] range)
      throws DataFormatException {
    DType t = dtypeOf(info.path("dtype").asText());
    if (t == null) throw DataFormatException.of(src, "tensor '" + name + "': unsupported dtype " + info.path("dtype"));
    JsonNode shapeNode = info.path("shape");
    JsonNode offsets = info.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw DataFormatException.of(src, "tensor '" + name + "': needs \"shape\" and two \"data_offsets\"");
    }
    int[] shape = new int[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) shape[i] = shapeNode.get(i).asInt(-1);
    long begin = offsets.get(0).asLong(-1);
    long stop = offsets.get(1).asLong(-1);
    long count;
    try {
      count = NdArray.elementCount(shape);
    } catch (IllegalArgumentException e) {
      throw DataFormatException.of(src, "tensor '" + name + "': " + e.getMessage());
    }
    if (begin < 0 || stop < begin || stop > all.length - base || stop - begin != count * t.itemSize()) {
      throw DataFormatException.of(src, "tensor '" + name + "': data_offsets [" + begin + ", " + stop + "] do not fit"
          + " its shape " + java.util.Arrays.toString(shape) + " of " + t + " in " + (all.length - base) + " data bytes");
    }
    range[0] = begin;
    range[1] = stop;
    ByteBuffer b = ByteBuffer.wrap(all, base + (int) begin, (int) (stop - begin)).order(ByteOrder.LITTLE_ENDIAN);
    int len = (int) count;
    Object data = switch (t) {
      case BOOL, U1, I1 -> { byte[] x = new byte[len]; b.get(x); yield x; }
      case U2, I2 -> { short[] x = new short[len]; b.asShortBuffer().get(x); yield x; }
      case U4, I4 -> { int[] x = new int[len]; b.asIntBuffer().get(x); yield x; }
      case U8, I8 -> { long[] x = new long[len]; b.asLongBuffer().get(x); yield x; }
      case F4 -> { float[] x = new float[len]; b.asFloatBuffer().get(x); yield x; }
      case F8 -> { double[] x = new double[len]; b.asDoubleBuffer().get(x); yield x; }
    };
    return new NdArray(t, shape, data);
  }
}
