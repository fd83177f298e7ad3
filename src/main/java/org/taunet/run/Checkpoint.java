package org.taunet.run;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model state in a small binary file: named tensors plus a JSON metadata map.
 *
 * <p><b>Format</b> (version {@value #VERSION}, all integers little-endian):
 * <pre>
 *   8 bytes   magic "TAUNETCK" (ASCII)
 *   u32       format version
 *   u32       header length H
 *   H bytes   header, UTF-8 JSON: {"meta": {...}, "tensors": [{"name": "w", "dtype": "float32",
 *             "shape": [510, 784]}, ...]}
 *   data      each tensor's elements in table order, row-major, raw little-endian, no padding
 *   u32       CRC32 of every byte before it
 * </pre>
 * dtypes: float32, int32, int64, float64 ({@link DType}). Writing streams through 64 KiB
 * {@link java.nio.ByteBuffer} chunks and is atomic ({@link AtomicFiles}); loading validates the
 * magic, the version, the header length and every tensor size against the actual file size before
 * allocating anything, then checks the CRC, so a corrupt file gives an {@link IOException} naming the
 * file and the problem, never an index exception or an absurd allocation.
 *
 * <p>Accessors return the checkpoint's own arrays (no copy: tensors can be hundreds of MB); a loaded
 * checkpoint is meant to be unpacked once.
 */
public final class Checkpoint {
  /** The first 8 bytes of every checkpoint. */
  public static final String MAGIC = "TAUNETCK";
  /** The format version this build writes and reads. */
  public static final int VERSION = 1;

  /** Element types. */
  public enum DType {
    /** 32-bit IEEE float, Java float[]. */
    FLOAT32("float32", 4),
    /** 32-bit signed integer, Java int[]. */
    INT32("int32", 4),
    /** 64-bit signed integer, Java long[]. */
    INT64("int64", 8),
    /** 64-bit IEEE float, Java double[]. */
    FLOAT64("float64", 8);

    private final String id;
    private final int bytes;

    DType(String id, int bytes) {
      this.id = id;
      this.bytes = bytes;
    }

    /** The name used in the header. */
    public String id() {
      return id;
    }

    /** Bytes per element. */
    public int bytes() {
      return bytes;
    }

    /** The dtype named {@code id} in a header, or null. */
    static DType of(String id) {
      for (DType t : values()) if (t.id.equals(id)) return t;
      return null;
    }

    /** The dtype of a Java array (float[], int[], long[], double[]), or null. */
    static DType ofArray(Object array) {
      return switch (array) {
        case float[] a -> FLOAT32;
        case int[] a -> INT32;
        case long[] a -> INT64;
        case double[] a -> FLOAT64;
        default -> null;
      };
    }
  }

  /** One entry of the tensor table. */
  public record TensorInfo(String name, DType dtype, List<Integer> shape) {
    /** Copies the shape. */
    public TensorInfo {
      shape = List.copyOf(shape);
    }

    /** Number of elements, the product of the shape (1 for a scalar, shape []). */
    public long elements() {
      return product(shapeArray());
    }

    /** The shape as an array. */
    public int[] shapeArray() {
      return shape.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** A tensor value with an explicit shape; build with one of the {@code shaped} factories. */
  public record Shaped(Object data, int[] shape) {}

  /** {@code data} saved with {@code shape} (row-major); the product of the shape must equal its length. */
  public static Shaped shaped(float[] data, int... shape) {
    return new Shaped(data, shape.clone());
  }

  /** As {@link #shaped(float[], int...)}. */
  public static Shaped shaped(int[] data, int... shape) {
    return new Shaped(data, shape.clone());
  }

  /** As {@link #shaped(float[], int...)}. */
  public static Shaped shaped(long[] data, int... shape) {
    return new Shaped(data, shape.clone());
  }

  /** As {@link #shaped(float[], int...)}. */
  public static Shaped shaped(double[] data, int... shape) {
    return new Shaped(data, shape.clone());
  }

  private final Path file;
  private final Map<String, Object> meta;
  private final Map<String, TensorInfo> infos;
  private final Map<String, Object> data;

  Checkpoint(Path file, Map<String, Object> meta, List<TensorInfo> infos, List<Object> data) {
    this.file = file;
    this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    Map<String, TensorInfo> i = new LinkedHashMap<>();
    Map<String, Object> d = new LinkedHashMap<>();
    for (int k = 0; k < infos.size(); k++) {
      i.put(infos.get(k).name(), infos.get(k));
      d.put(infos.get(k).name(), data.get(k));
    }
    this.infos = Collections.unmodifiableMap(i);
    this.data = d;
  }

  /**
   * Atomically writes a checkpoint. {@code meta} must be serializable by {@link Json#mapper()};
   * tensor values are float[], int[], long[] or double[] (saved with shape [length]) or
   * {@link Shaped}. Tensors are written in the map's iteration order.
   */
  public static void save(Path file, Map<String, ?> meta, Map<String, ?> tensors) throws IOException {
    List<TensorInfo> infos = new ArrayList<>(tensors.size());
    List<Object> arrays = new ArrayList<>(tensors.size());
    for (Map.Entry<String, ?> e : tensors.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("tensor names must be non-empty");
      Object value = e.getValue();
      Object array = value instanceof Shaped s ? s.data() : value;
      DType dtype = array == null ? null : DType.ofArray(array);
      if (dtype == null) {
        throw new IllegalArgumentException("tensor '" + name + "': unsupported value "
            + (value == null ? "null" : value.getClass().getSimpleName())
            + " (use float[], int[], long[], double[] or Checkpoint.shaped(...))");
      }
      int length = Array.getLength(array);
      int[] shape = value instanceof Shaped s ? s.shape() : new int[] {length};
      TensorInfo info = new TensorInfo(name, dtype, Arrays.stream(shape).boxed().toList());
      if (Arrays.stream(shape).anyMatch(d -> d < 0) || product(shape) != length) {
        throw new IllegalArgumentException("tensor '" + name + "': shape " + info.shape() + " does not match its "
            + length + " elements");
      }
      infos.add(info);
      arrays.add(array);
    }
    CheckpointFormat.write(file, meta == null ? Map.of() : meta, infos, arrays);
  }

  /** The product of {@code shape}, or -1 if it exceeds a long. */
  static long product(int[] shape) {
    long n = 1;
    try {
      for (int d : shape) n = Math.multiplyExact(n, (long) d);
    } catch (ArithmeticException overflow) {
      return -1;
    }
    return n;
  }

  /** Reads and fully validates a checkpoint; IOException naming the file and the problem if corrupt. */
  public static Checkpoint load(Path file) throws IOException {
    return CheckpointFormat.read(file);
  }

  /** The file this checkpoint was loaded from. */
  public Path file() {
    return file;
  }

  /** The metadata map as JSON-typed values (String, Integer/Long/BigInteger, Double, Boolean, List, Map). */
  public Map<String, Object> meta() {
    return meta;
  }

  /** Tensor names in file order. */
  public Set<String> names() {
    return infos.keySet();
  }

  /** Whether a tensor {@code name} exists. */
  public boolean has(String name) {
    return infos.containsKey(name);
  }

  /** The table entry of tensor {@code name}. */
  public TensorInfo info(String name) throws IOException {
    TensorInfo i = infos.get(name);
    if (i == null) throw new IOException(file + ": checkpoint has no tensor '" + name + "' (it has " + names() + ")");
    return i;
  }

  /** The shape of tensor {@code name}. */
  public int[] shape(String name) throws IOException {
    return info(name).shapeArray();
  }

  /** The float32 tensor {@code name}. */
  public float[] floats(String name) throws IOException {
    return (float[]) get(name, DType.FLOAT32);
  }

  /** The float32 tensor {@code name}, which must have {@code shape}. */
  public float[] floats(String name, int... shape) throws IOException {
    checkShape(name, shape);
    return floats(name);
  }

  /** The int32 tensor {@code name}. */
  public int[] ints(String name) throws IOException {
    return (int[]) get(name, DType.INT32);
  }

  /** The int64 tensor {@code name}. */
  public long[] longs(String name) throws IOException {
    return (long[]) get(name, DType.INT64);
  }

  /** The float64 tensor {@code name}. */
  public double[] doubles(String name) throws IOException {
    return (double[]) get(name, DType.FLOAT64);
  }

  /** Throws an IOException naming the file unless tensor {@code name} has exactly {@code shape}. */
  public void checkShape(String name, int... shape) throws IOException {
    int[] actual = shape(name);
    if (!Arrays.equals(actual, shape)) {
      throw new IOException(file + ": shape mismatch for tensor '" + name + "': expected "
          + Arrays.toString(shape) + ", checkpoint has " + Arrays.toString(actual));
    }
  }

  private Object get(String name, DType want) throws IOException {
    TensorInfo i = info(name);
    if (i.dtype() != want) {
      throw new IOException(file + ": tensor '" + name + "' is " + i.dtype().id() + ", not " + want.id());
    }
    return data.get(name);
  }
}
