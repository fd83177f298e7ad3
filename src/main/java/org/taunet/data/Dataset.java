package org.taunet.data;

import java.util.Objects;

/**
 * An immutable in-memory classification dataset: {@code n} examples of {@code dim} features (row-major in
 * {@code x}, image pixels scaled to [0, 1]) with integer labels in {@code [0, numClasses)}.
 *
 * <p>For speed the arrays are not copied: the constructor takes ownership of them and the accessors return them
 * as they are. Callers must treat them as read-only.
 *
 * @param name human-readable name, e.g. {@code "mnist/train"}
 * @param x features, {@code n * dim} floats, row {@code i} at {@code x[i * dim .. (i + 1) * dim)}
 * @param y labels, {@code n} ints in {@code [0, numClasses)}
 * @param n number of examples, {@code >= 0}
 * @param dim features per example, {@code >= 1}
 * @param numClasses number of classes, {@code >= 1}
 */
public record Dataset(String name, float[] x, int[] y, int n, int dim, int numClasses) {
  /** Validates sizes and label range. */
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (n < 0 || dim < 1 || numClasses < 1) {
      throw new IllegalArgumentException(name + ": need n >= 0, dim >= 1, numClasses >= 1; got n=" + n + ", dim="
          + dim + ", numClasses=" + numClasses);
    }
    if ((long) n * dim != x.length) {
      throw new IllegalArgumentException(name + ": x has " + x.length + " values, expected n * dim = " + n + " * "
          + dim);
    }
    if (y.length != n) throw new IllegalArgumentException(name + ": y has " + y.length + " labels, expected " + n);
    for (int i = 0; i < n; i++) {
      if (y[i] < 0 || y[i] >= numClasses) {
        throw new IllegalArgumentException(name + ": label " + y[i] + " of example " + i + " is outside [0, "
            + numClasses + ")");
      }
    }
  }

  /** The examples at {@code indices}, in that order (repeats allowed), named {@code name + "[subset]"}. */
  public Dataset subset(int[] indices) {
    Objects.requireNonNull(indices, "indices");
    float[] sx = new float[Math.multiplyExact(indices.length, dim)];
    int[] sy = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= n) throw new IndexOutOfBoundsException(name + ": subset index " + i + " outside [0, " + n
          + ")");
      System.arraycopy(x, i * dim, sx, k * dim, dim);
      sy[k] = y[i];
    }
    return new Dataset(name + "[subset]", sx, sy, indices.length, dim, numClasses);
  }

  /** The first {@code min(count, n)} examples; {@code this} if that is all of them. */
  public Dataset head(int count) {
    if (count < 0) throw new IllegalArgumentException("head(" + count + "): count must be >= 0");
    if (count >= n) return this;
    float[] hx = java.util.Arrays.copyOf(x, count * dim);
    int[] hy = java.util.Arrays.copyOf(y, count);
    return new Dataset(name + "[:" + count + "]", hx, hy, count, dim, numClasses);
  }

  /** Number of examples of each class, length {@code numClasses}. */
  public int[] classCounts() {
    int[] counts = new int[numClasses];
    for (int label : y) counts[label]++;
    return counts;
  }

  /** The same data under another name. */
  public Dataset withName(String newName) { return new Dataset(newName, x, y, n, dim, numClasses); }

  @Override public String toString() {
    return "Dataset[" + name + ": n=" + n + ", dim=" + dim + ", classes=" + numClasses + "]";
  }
}
