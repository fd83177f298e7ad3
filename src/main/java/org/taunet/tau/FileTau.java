package org.taunet.tau;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Time constants listed in a text file, one per line; blank lines and {@code #} comments (to the end
 * of the line) are ignored. Spec: {@code file:/path/to/values.txt}; the record keeps the absolute,
 * normalized path and the values read, and {@link #spec()} names the absolute path.
 *
 * <p>{@link #sample(int, RandomGenerator)} needs exactly n values and returns them in file order
 * (the generator is not used); {@link #sample(RandomGenerator)} draws one of them uniformly. The
 * distribution is the empirical one: E[X] = (1/n) sum x_i and Var[X] = (1/n) sum (x_i - E[X])^2
 * (population variance, the variance of a uniform draw from the list).
 *
 * @param path absolute, normalized path of the file
 * @param values the values, each in [SUPPORT_MIN, SUPPORT_MAX]; copied on the way in and out
 */
public record FileTau(Path path, double[] values) implements TauDistribution {
  /** Normalizes the path, copies and validates the values. */
  public FileTau {
    if (path == null) throw new IllegalArgumentException("file: path is missing");
    path = path.toAbsolutePath().normalize();
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("file " + path + ": holds no values");
    }
    values = values.clone();
    for (int i = 0; i < values.length; i++) Params.inSupport("file " + path, "value #" + (i + 1), values[i]);
  }

  /**
   * Reads {@code file}. Throws IllegalArgumentException naming the file and line for an unreadable
   * file, a non-numeric line or a value that is not a positive finite float.
   */
  public static FileTau load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("file " + file.toAbsolutePath().normalize() + ": cannot read tau values ("
          + e + ")", e);
    }
    double[] out = new double[lines.size()];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (text.isEmpty()) continue;
      double v;
      try {
        v = TauSpec.parseNumber(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("file " + file + ", line " + (i + 1) + ": '" + text + "' is not a number", e);
      }
      if (!(v >= SUPPORT_MIN && v <= SUPPORT_MAX)) {
        throw new IllegalArgumentException("file " + file + ", line " + (i + 1) + ": " + text
            + " is not a time constant in [" + SUPPORT_MIN + ", " + SUPPORT_MAX + "]");
      }
      out[n++] = v;
    }
    if (n == 0) throw new IllegalArgumentException("file " + file + ": holds no values (only blank lines or comments)");
    return new FileTau(file, Arrays.copyOf(out, n));
  }

  /** A copy of the values, in file order. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Number of values in the file. */
  public int size() {
    return values.length;
  }

  @Override
  public double sample(RandomGenerator rng) {
    return values[rng.nextInt(values.length)];
  }

  @Override
  public float[] sample(int n, RandomGenerator rng) {
    if (n != values.length) {
      throw new IllegalArgumentException("file " + path + ": holds " + values.length + " values but " + n
          + " are needed (one per neuron, in order)");
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) out[i] = (float) values[i];
    return out;
  }

  @Override
  public double mean() {
    double s = 0;
    for (double v : values) s += v;
    return s / values.length;
  }

  @Override
  public double variance() {
    double m = mean();
    double s = 0;
    for (double v : values) s += (v - m) * (v - m);
    return s / values.length;
  }

  @Override
  public String spec() {
    return "file:" + path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileTau f && path.equals(f.path) && Arrays.equals(values, f.values);
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FileTau[path=" + path + ", " + values.length + " values]";
  }
}
