package org.taunet.train;

/** The providing side of {@link Stateful#importState}: looks entries up by name and checks kind and shape. */
public interface StateReader {
  /** Whether an entry {@code name} (of any kind) exists. */
  boolean has(String name);

  /**
   * The shape of tensor {@code name}, for state whose size is only known from the checkpoint (e.g. a carried
   * recurrent state whose batch size varies).
   *
   * @throws StateException if there is no tensor {@code name}
   */
  int[] shape(String name);

  /**
   * Copies tensor {@code name} into {@code into}. An empty {@code shape} means {@code [into.length]}; the stored
   * shape must equal it exactly.
   *
   * @throws StateException naming the tensor if it is missing, not a tensor, or of another shape
   */
  void readTensor(String name, float[] into, int... shape);

  /** The long scalar {@code name}; StateException if missing or of another kind. */
  long readLong(String name);

  /** The double scalar {@code name}; StateException if missing or of another kind. */
  double readDouble(String name);

  /** A reader that prefixes every name with {@code prefix + "/"} and reads from this one. */
  default StateReader readScope(String prefix) {
    StateNames.check(prefix);
    StateReader outer = this;
    return new StateReader() {
      @Override
      public boolean has(String name) {
        return outer.has(prefix + "/" + name);
      }

      @Override
      public int[] shape(String name) {
        return outer.shape(prefix + "/" + name);
      }

      @Override
      public void readTensor(String name, float[] into, int... shape) {
        outer.readTensor(prefix + "/" + name, into, shape);
      }

      @Override
      public long readLong(String name) {
        return outer.readLong(prefix + "/" + name);
      }

      @Override
      public double readDouble(String name) {
        return outer.readDouble(prefix + "/" + name);
      }
    };
  }
}
