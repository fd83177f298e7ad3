package org.taunet.numerics;

/**
 * Per-thread scratch buffers for the kernels (packed panels, edge tiles, gathered vectors), one
 * per slot. Buffers only grow, so steady-state calls allocate nothing. Contents are garbage
 * between uses: every kernel writes what it reads. Only the packed B block is read by other
 * threads, after the calling thread has filled it and before it returns.
 */
final class Workspace {
  static final int PACK_A = 0;
  static final int PACK_B = 1;
  static final int TILE = 2;
  static final int EDGE_A = 3;
  static final int EDGE_B = 4;
  static final int VEC_X = 5;
  static final int VEC_Y = 6;

  private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

  private final float[][] buffers = new float[7][0];

  private Workspace() {}

  static Workspace get() {
    return LOCAL.get();
  }

  /** The buffer in {@code slot}, with at least {@code size} elements. */
  float[] buffer(int slot, int size) {
    float[] b = buffers[slot];
    if (b.length < size) {
      b = new float[size];
      buffers[slot] = b;
    }
    return b;
  }
}
