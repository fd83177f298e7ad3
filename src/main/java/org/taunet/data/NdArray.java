package org.taunet.data;

import java.util.Arrays;

/**
 * A dense n-dimensional array as read from an IDX or .npy file: C (row-major) order, elements in the natural Java
 * primitive array for the type. Unsigned types are stored in the signed array of the same width (u1 in a
 * {@code byte[]}, u2 in a {@code short[]}, ...); the accessors below interpret them correctly.
 *
 * <table>
 *   <caption>dtype to array class</caption>
 *   <tr><td>BOOL, U1, I1</td><td>byte[]</td></tr>
 *   <tr><td>U2, I2</td><td>short[]</td></tr>
 *   <tr><td>U4, I4</td><td>int[]</td></tr>
 *   <tr><td>U8, I8</td><td>long[]</td></tr>
 *   <tr><td>F4</td><td>float[]</td></tr>
 *   <tr><td>F8</td><td>double[]</td></tr>
 * </table>
 *
 * @param dtype element type
 * @param shape dimensions, each {@code >= 0}; a 0-d array has shape {@code []} and one element
 * @param data the elements, an array of the class listed above with exactly {@code product(shape)} elements
 */
public record NdArray(DType dtype, int[] shape, Object data) {
  /** Largest element count the readers accept (checked against the header before any allocation). */
  public static final long MAX_ELEMENTS = 1L << 30;

  /** Validates that {@code data} has the array class of {@code dtype} and {@code product(shape)} elements. */
  public NdArray {
    if (dtype == null || shape == null || data == null) throw new IllegalArgumentException("null dtype/shape/data");
    shape = shape.clone();
    long n = elementCount(shape);
    if (!arrayClass(dtype).isInstance(data)) {
      throw new IllegalArgumentException("dtype " + dtype + " needs a " + arrayClass(dtype).getSimpleName()
          + ", got " + data.getClass().getSimpleName());
    }
    int len = java.lang.reflect.Array.getLength(data);
    if (len != n) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
        + " elements but the data has " + len);
  }

  /** Product of the dimensions; throws if a dimension is negative or the product exceeds {@link #MAX_ELEMENTS}. */
  public static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      n *= d;
      if (n > MAX_ELEMENTS) throw new IllegalArgumentException("shape " + Arrays.toString(shape)
          + " has more than " + MAX_ELEMENTS + " elements");
    }
    return n;
  }

  /** The Java array class that holds elements of {@code t}. */
  public static Class<?> arrayClass(DType t) {
    return switch (t) {
      case BOOL, U1, I1 -> byte[].class;
      case U2, I2 -> short[].class;
      case U4, I4 -> int[].class;
      case U8, I8 -> long[].class;
      case F4 -> float[].class;
      case F8 -> double[].class;
    };
  }

  /** Returns a copy of the shape. */
  @Override public int[] shape() { return shape.clone(); }

  /** Number of dimensions. */
  public int ndim() { return shape.length; }

  /** Size of dimension {@code axis}. */
  public int dim(int axis) { return shape[axis]; }

  /** Total number of elements. */
  public int size() { return java.lang.reflect.Array.getLength(data); }

  /** Element {@code i} (flat C-order index) as a double; u8 values above 2^63 are converted exactly as unsigned. */
  public double getDouble(int i) {
    return switch (dtype) {
      case U8 -> {
        long v = ((long[]) data)[i];
        yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      }
      case F4 -> ((float[]) data)[i];
      case F8 -> ((double[]) data)[i];
      default -> getLong(i);
    };
  }

  /** Element {@code i} as a long; only for integer and bool types (u8 above 2^63 reads negative). */
  public long getLong(int i) {
    return switch (dtype) {
      case BOOL, U1 -> ((byte[]) data)[i] & 0xFF;
      case I1 -> ((byte[]) data)[i];
      case U2 -> ((short[]) data)[i] & 0xFFFF;
      case I2 -> ((short[]) data)[i];
      case U4 -> ((int[]) data)[i] & 0xFFFF_FFFFL;
      case I4 -> ((int[]) data)[i];
      case U8, I8 -> ((long[]) data)[i];
      case F4, F8 -> throw new IllegalStateException("getLong on floating-point array (" + dtype + ")");
    };
  }

  /** All elements converted to float, in C order. */
  public float[] toFloatArray() {
    int n = size();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = (float) getDouble(i);
    return out;
  }

  /**
   * All elements as ints, for label arrays. Throws {@link IllegalStateException} naming the first element that is
   * not an exact int (floating-point values must be integral).
   */
  public int[] toIntArray() {
    int n = size();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      long v;
      boolean exact;
      if (dtype.isFloat()) {
        double d = getDouble(i);
        v = (long) d;
        exact = v == d;
      } else {
        v = getLong(i);
        exact = dtype != DType.U8 || v >= 0;
      }
      if (!exact || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalStateException("element " + i + " (" + getDouble(i) + ") is not an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  @Override public String toString() {
    return "NdArray[" + dtype.code() + " " + Arrays.toString(shape) + "]";
  }

  @Override public boolean equals(Object o) {
    if (!(o instanceof NdArray other) || other.dtype != dtype || !Arrays.equals(other.shape, shape)) return false;
    return java.util.Objects.deepEquals(new Object[] {data}, new Object[] {other.data});
  }

  @Override public int hashCode() { return dtype.hashCode() * 31 + Arrays.hashCode(shape); }
}
