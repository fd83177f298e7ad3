package org.taunet.run;

import java.util.Locale;

/**
 * Size checks before a model allocates its arrays: every array must fit Java's int index range, and the estimated
 * total (parameters, gradients, optimizer state, activations kept for backpropagation through time) must fit in the
 * Java heap. Both refuse with a {@link UserError} naming the flags that set the sizes, instead of an int overflow or an
 * OutOfMemoryError minutes into the run.
 */
public final class MemoryBudget {
  private MemoryBudget() {}

  /** Longest Java array taunet allocates: {@value} elements (a few below Integer.MAX_VALUE, as the JVM needs). */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  /** Heap the JVM may use, in bytes ({@link Runtime#maxMemory()}). */
  public static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Heap not yet in use (of {@link #maxHeap()}), in bytes; garbage not yet collected counts as in use. */
  public static long freeHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * Refuses an array of {@code elements} elements that Java cannot index with an int.
   *
   * @param what the array, e.g. "the parameter vector"
   * @param flags the flags that set its size with their values, e.g. "--units 1 --ke 1000000"
   */
  public static void checkArray(long elements, String what, String flags) {
    if (elements < 0 || elements > MAX_ARRAY) {
      throw UserError.flag(flags, what + " would have " + (elements < 0 ? "more than 2^63" : String.format(Locale.ROOT,
          "%,d", elements)) + " elements, more than a Java array holds (" + String.format(Locale.ROOT, "%,d", MAX_ARRAY)
          + ")", "lower the sizes named here");
    }
  }

  /**
   * Refuses a run whose estimated memory exceeds the free heap.
   *
   * @param bytes the estimate, in bytes (a negative value means it overflowed: refused)
   * @param detail what the estimate is made of, e.g. "811,000,000 parameters x 4 copies ..."
   * @param flags the flags that set the sizes with their values
   */
  public static void checkHeap(long bytes, String detail, String flags) {
    long free = freeHeap();
    if (bytes < 0 || bytes > free) {
      boolean feasible = bytes > 0 && bytes < (1L << 40);
      String hint = "lower the sizes named here" + (feasible ? " or give Java more memory, e.g. TAUNET_JAVA_OPTS=-Xmx"
          + (bytes / (1L << 30) * 5 / 4 + 2) + "g ./taunet ..." : "");
      throw UserError.flag(flags, "needs about " + gib(bytes) + " of memory (" + detail + ") but the Java heap has "
          + gib(free) + " free of " + gib(maxHeap()), hint);
    }
  }

  /** Bytes as GiB with one decimal, e.g. "12.3 GiB" ("more than 8 EiB" for an overflowed estimate). */
  public static String gib(long bytes) {
    if (bytes < 0) return "more than 8 EiB";
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }

  /** a * b * ... in long arithmetic; -1 if the product overflows. */
  public static long product(long... factors) {
    long p = 1;
    try {
      for (long f : factors) p = Math.multiplyExact(p, f);
    } catch (ArithmeticException e) {
      return -1;
    }
    return p;
  }
}
