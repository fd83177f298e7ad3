package org.taunet.data.spikes;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.taunet.data.DataFormatException;

/**
 * Reads the Spiking Heidelberg Digits (Cramer et al. 2020) with the pure-Java HDF5 library io.jhdf. Layout of
 * {@code shd_train.h5} / {@code shd_test.h5}: {@code spikes/times} and {@code spikes/units} are 1-D datasets of
 * variable-length arrays (one per sample: spike times in seconds, float; channel numbers, uint16, 0..699), and
 * {@code labels} is a 1-D integer dataset (0..19: digits 0-9 in English, then 0-9 in German). Other members
 * ({@code extra/...}) are ignored. Both the published {@code .h5.gz} and the gunzipped {@code .h5} are accepted.
 */
public final class ShdReader {
  /** Input channels of SHD. */
  public static final int CHANNELS = 700;
  /** Classes of SHD. */
  public static final int CLASSES = 20;
  /** The published file names. */
  public static final String TRAIN_FILE = "shd_train.h5.gz";
  public static final String TEST_FILE = "shd_test.h5.gz";

  private ShdReader() {}

  /** Loads train and test from {@code <dataDir>/shd/} (each file as .h5.gz or .h5). */
  public static SpikeDataset load(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("shd");
    List<SpikeTrain> train = read(find(dir, TRAIN_FILE));
    List<SpikeTrain> test = read(find(dir, TEST_FILE));
    return new SpikeDataset("shd", CHANNELS, CLASSES, train, test, "SHD from " + dir + " (official train/test files)");
  }

  /** {@code dir/name}, or the gunzipped name; else FileNotFoundException saying how to get it. */
  static Path find(Path dir, String gzName) throws FileNotFoundException {
    Path gz = dir.resolve(gzName);
    if (Files.isRegularFile(gz)) return gz;
    Path raw = dir.resolve(gzName.substring(0, gzName.length() - 3));
    if (Files.isRegularFile(raw)) return raw;
    throw new FileNotFoundException("SHD file " + gz + " (or " + raw.getFileName() + ") not found; get it with"
        + " 'taunet data fetch shd'");
  }

  /** Reads one SHD file (.h5 or .h5.gz); DataFormatException naming the file for anything malformed. */
  public static List<SpikeTrain> read(Path file) throws IOException {
    if (!isGzip(file)) return read(file, file);
    Path plain = Files.createTempFile("taunet-shd-", ".h5");
    try {
      try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        throw bad(file, "corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
      }
      return read(plain, file);
    } finally {
      Files.deleteIfExists(plain);
    }
  }

  /** Reads the plain HDF5 file {@code h5}; errors name {@code file}, the file the caller asked for. */
  private static List<SpikeTrain> read(Path h5, Path file) throws IOException {
    try (HdfFile hdf = new HdfFile(h5)) {
      Object times = data(hdf, "spikes/times", file);
      Object units = data(hdf, "spikes/units", file);
      Object labels = data(hdf, "labels", file);
      int n = Array.getLength(labels);
      if (Array.getLength(times) != n || Array.getLength(units) != n) {
        throw bad(file, "spikes/times, spikes/units and labels differ in length ("
            + Array.getLength(times) + ", " + Array.getLength(units) + ", " + n + ")");
      }
      List<SpikeTrain> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        float[] t = toFloats(Array.get(times, i), file, "spikes/times[" + i + "]");
        int[] u = toInts(Array.get(units, i), file, "spikes/units[" + i + "]");
        int label = ((Number) Array.get(labels, i)).intValue();
        if (label < 0 || label >= CLASSES) throw bad(file, "label " + label + " of sample " + i);
        if (t.length != u.length) throw bad(file, "sample " + i + ": " + t.length + " times, "
            + u.length + " units");
        out.add(validated(t, u, label, file, i));
      }
      return out;
    } catch (RuntimeException e) {  // jhdf reports malformed files with unchecked exceptions
      throw bad(file, "not a readable SHD HDF5 file (" + e + ")", e);
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream probe = Files.newInputStream(file)) {
      return probe.read() == 0x1f && probe.read() == 0x8b;
    }
  }

  private static Object data(HdfFile hdf, String path, Path file) throws DataFormatException {
    Node node;
    try {
      node = hdf.getByPath(path);
    } catch (RuntimeException e) {
      throw bad(file, "no '" + path + "' dataset (is this an SHD file?)");
    }
    if (!(node instanceof Dataset d)) throw bad(file, "'" + path + "' is not a dataset");
    Object data = d.getData();
    if (data == null || !data.getClass().isArray()) throw bad(file, "'" + path + "' is not 1-D");
    return data;
  }

  /** Checks units and times; sorts the spikes by time (stable) if the file lists them out of order. */
  private static SpikeTrain validated(float[] t, int[] u, int label, Path file, int i) throws DataFormatException {
    boolean sorted = true;
    for (int j = 0; j < t.length; j++) {
      if (!(t[j] >= 0) || Float.isInfinite(t[j])) throw bad(file, "sample " + i + ": spike time " + t[j]);
      if (u[j] < 0 || u[j] >= CHANNELS) throw bad(file, "sample " + i + ": unit " + u[j]);
      if (j > 0 && t[j] < t[j - 1]) sorted = false;
    }
    if (!sorted) {
      Integer[] order = new Integer[t.length];
      for (int j = 0; j < t.length; j++) order[j] = j;
      java.util.Arrays.sort(order, (a, b) -> Float.compare(t[a], t[b]));
      float[] ts = new float[t.length];
      int[] us = new int[t.length];
      for (int j = 0; j < t.length; j++) {
        ts[j] = t[order[j]];
        us[j] = u[order[j]];
      }
      return new SpikeTrain(ts, us, label);
    }
    return new SpikeTrain(t, u, label);
  }

  /** A numeric 1-D array (float, double, half floats as read by jhdf) as floats. */
  static float[] toFloats(Object a, Path file, String what) throws DataFormatException {
    if (a instanceof float[] f) return f;
    if (a == null || !a.getClass().isArray() || !a.getClass().getComponentType().isPrimitive()) {
      throw bad(file, what + " is not a numeric array");
    }
    float[] f = new float[Array.getLength(a)];
    for (int i = 0; i < f.length; i++) f[i] = ((Number) Array.get(a, i)).floatValue();
    return f;
  }

  /** A numeric 1-D integer array as ints. */
  static int[] toInts(Object a, Path file, String what) throws DataFormatException {
    if (a instanceof int[] v) return v;
    if (a == null || !a.getClass().isArray() || !a.getClass().getComponentType().isPrimitive()
        || a instanceof float[] || a instanceof double[]) {
      throw bad(file, what + " is not an integer array");
    }
    int[] v = new int[Array.getLength(a)];
    for (int i = 0; i < v.length; i++) v[i] = ((Number) Array.get(a, i)).intValue();
    return v;
  }

  private static DataFormatException bad(Path file, String problem) {
    return new DataFormatException(file + ": " + problem);
  }

  private static DataFormatException bad(Path file, String problem, Throwable cause) {
    return new DataFormatException(file + ": " + problem, cause);
  }
}
