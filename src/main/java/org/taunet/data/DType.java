package org.taunet.data;

/** Element types of {@link NdArray}, with their numpy names (little-endian where it matters). */
public enum DType {
  /** numpy bool, one byte. */ BOOL("b1", 1),
  /** Unsigned 8-bit integer. */ U1("u1", 1),
  /** Signed 8-bit integer. */ I1("i1", 1),
  /** Unsigned 16-bit integer. */ U2("u2", 2),
  /** Signed 16-bit integer. */ I2("i2", 2),
  /** Unsigned 32-bit integer. */ U4("u4", 4),
  /** Signed 32-bit integer. */ I4("i4", 4),
  /** Unsigned 64-bit integer. */ U8("u8", 8),
  /** Signed 64-bit integer. */ I8("i8", 8),
  /** 32-bit float. */ F4("f4", 4),
  /** 64-bit float. */ F8("f8", 8);

  private final String code;
  private final int itemSize;

  DType(String code, int itemSize) {
    this.code = code;
    this.itemSize = itemSize;
  }

  /** numpy kind and size without byte order, e.g. {@code "u1"} or {@code "f4"}. */
  public String code() { return code; }

  /** Bytes per element. */
  public int itemSize() { return itemSize; }

  /** True for the floating-point types. */
  public boolean isFloat() { return this == F4 || this == F8; }

  /** The type with numpy code {@code code} (no byte-order character), or null if unknown. */
  public static DType fromCode(String code) {
    for (DType t : values()) {
      if (t.code.equals(code)) return t;
    }
    return null;
  }
}
