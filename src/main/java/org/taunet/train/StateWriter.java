package org.taunet.train;

/** The receiving side of {@link Stateful#exportState}: named float tensors and scalars. */
public interface StateWriter {
  /**
   * Adds tensor {@code name} with {@code data} in row-major order. An empty {@code shape} means one dimension of
   * {@code data.length}; otherwise the product of {@code shape} must equal {@code data.length}.
   *
   * @throws StateException if the name is invalid or already written
   * @throws IllegalArgumentException if the shape does not match the data
   */
  void writeTensor(String name, float[] data, int... shape);

  /** Adds a 64-bit integer scalar (a step count, an epoch, a random state). */
  void writeLong(String name, long value);

  /** Adds a double scalar (seconds, a running sum). */
  void writeDouble(String name, double value);

  /** A writer that prefixes every name with {@code prefix + "/"} and writes into this one. */
  default StateWriter writeScope(String prefix) {
    StateNames.check(prefix);
    StateWriter outer = this;
    return new StateWriter() {
      @Override
      public void writeTensor(String name, float[] data, int... shape) {
        outer.writeTensor(prefix + "/" + name, data, shape);
      }

      @Override
      public void writeLong(String name, long value) {
        outer.writeLong(prefix + "/" + name, value);
      }

      @Override
      public void writeDouble(String name, double value) {
        outer.writeDouble(prefix + "/" + name, value);
      }
    };
  }
}
