package org.taunet.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the standard datasets from a data directory: files live in {@code <dataDir>/<name>/} under their canonical
 * names (see {@link DatasetFiles#standard()}). Images become rows of 784 floats in [0, 1] (pixel / 255), labels ints
 * in [0, 10).
 *
 * <p>KMNIST without its 60k training images (which could not be obtained for this project) falls back to a
 * stratified split of the official 10k test set; see {@link #KMNIST_TRAIN_PERCENT} and {@link #KMNIST_SPLIT_SEED}.
 */
public final class Datasets {
  /** Classes in each of the standard datasets. */
  public static final int NUM_CLASSES = 10;
  /** Image side in pixels (all three datasets are 28 x 28). */
  public static final int SIDE = 28;
  /**
   * Percentage of each class of the official KMNIST test set used for training when the official training images
   * are absent: 80/20 is the usual hold-out ratio and leaves 200 test images per class (2000 in all), enough for
   * accuracy estimates with a standard error under 1 percentage point.
   */
  public static final int KMNIST_TRAIN_PERCENT = 80;
  /** Seed of the fallback KMNIST split; fixed so that every run and every machine uses the same split. */
  public static final long KMNIST_SPLIT_SEED = 20240101L;

  private static final String[] IDX_FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
  private static final String KMNIST_TRAIN_IMGS = "kmnist-train-imgs.npz";
  private static final String KMNIST_TRAIN_LABELS = "kmnist-train-labels.npz";
  private static final String KMNIST_TEST_IMGS = "kmnist-test-imgs.npz";
  private static final String KMNIST_TEST_LABELS = "kmnist-test-labels.npz";
  private static final String NPZ_KEY = "arr_0";

  private Datasets() {}

  /** The datasets {@link #load} knows: mnist, fashion-mnist, kmnist. */
  public static List<String> names() { return List.of("mnist", "fashion-mnist", "kmnist"); }

  /**
   * Loads dataset {@code name} from {@code <dataDir>/<name>/}.
   *
   * @return the official train/test split (note empty), or for KMNIST without training images the documented
   *     fallback split (note says so)
   * @throws FileNotFoundException naming the missing file, where it looked and how to get it
   * @throws DataFormatException for a malformed file or inconsistent files (counts, sizes, labels)
   * @throws IllegalArgumentException for an unknown name
   */
  public static DatasetSplit load(String name, Path dataDir) throws IOException {
    Path dir = dataDir.resolve(checkName(name));
    if (name.equals("kmnist")) return loadKmnist(dir);
    Dataset train = idxPart(name, "train", dir, IDX_FILES[0], IDX_FILES[1]);
    Dataset test = idxPart(name, "test", dir, IDX_FILES[2], IDX_FILES[3]);
    return new DatasetSplit(train, test, "");
  }

  /**
   * The note {@link #load} would attach, computed cheaply (for KMNIST it reads only the test labels); empty for
   * an official split. If the needed files are missing the note says so instead.
   */
  public static String splitNote(String name, Path dataDir) throws IOException {
    Path dir = dataDir.resolve(checkName(name));
    if (!name.equals("kmnist") || Files.exists(dir.resolve(KMNIST_TRAIN_IMGS))) return "";
    Path labelsFile = dir.resolve(KMNIST_TEST_LABELS);
    if (!Files.exists(labelsFile)) {
      return "KMNIST: official 60k training images not present; a stratified " + KMNIST_TRAIN_PERCENT + "/"
          + (100 - KMNIST_TRAIN_PERCENT) + " split of the official test set would be used, but " + KMNIST_TEST_LABELS
          + " is missing too.";
    }
    int[] y = labels(labelsFile, NpyReader.readNpzArray(labelsFile, NPZ_KEY));
    StratifiedSplit.Indices s = StratifiedSplit.split(y, NUM_CLASSES, KMNIST_TRAIN_PERCENT, KMNIST_SPLIT_SEED);
    return kmnistNote(y.length, s.train().length, s.test().length, dir);
  }

  private static String checkName(String name) {
    if (!names().contains(name)) {
      throw new IllegalArgumentException("unknown dataset '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return name;
  }

  private static Dataset idxPart(String name, String part, Path dir, String images, String labels)
      throws IOException {
    Path imgFile = locate(name, dir, images);
    Path labFile = locate(name, dir, labels);
    return build(name + "/" + part, imgFile, IdxReader.readImages(imgFile), labFile, IdxReader.readLabels(labFile));
  }

  private static DatasetSplit loadKmnist(Path dir) throws IOException {
    Path testImgs = locate("kmnist", dir, KMNIST_TEST_IMGS);
    Path testLabs = locate("kmnist", dir, KMNIST_TEST_LABELS);
    Dataset test = build("kmnist/test", testImgs, NpyReader.readNpzArray(testImgs, NPZ_KEY), testLabs,
        NpyReader.readNpzArray(testLabs, NPZ_KEY));
    Path trainImgs = dir.resolve(KMNIST_TRAIN_IMGS);
    if (Files.exists(trainImgs)) {
      Path trainLabs = locate("kmnist", dir, KMNIST_TRAIN_LABELS);
      Dataset train = build("kmnist/train", trainImgs, NpyReader.readNpzArray(trainImgs, NPZ_KEY), trainLabs,
          NpyReader.readNpzArray(trainLabs, NPZ_KEY));
      return new DatasetSplit(train, test, "");
    }
    StratifiedSplit.Indices s = StratifiedSplit.split(test.y(), NUM_CLASSES, KMNIST_TRAIN_PERCENT,
        KMNIST_SPLIT_SEED);
    return new DatasetSplit(test.subset(s.train()).withName("kmnist/train (from official test)"),
        test.subset(s.test()).withName("kmnist/test (from official test)"),
        kmnistNote(test.n(), s.train().length, s.test().length, dir));
  }

  private static String kmnistNote(int total, int nTrain, int nTest, Path dir) throws IOException {
    String of = total == 10000 ? "the official 10k test set" : "the official test set (" + total + " images)";
    String note = "KMNIST: official 60k training images not present; train/test = stratified " + KMNIST_TRAIN_PERCENT
        + "/" + (100 - KMNIST_TRAIN_PERCENT) + " split (seed " + KMNIST_SPLIT_SEED + ") of " + of + " (" + nTrain
        + "/" + nTest + ").";
    Path trainLabels = dir.resolve(KMNIST_TRAIN_LABELS);
    if (Files.exists(trainLabels)) {
      long size = Files.size(trainLabels);
      long expected = DatasetFiles.standard().file("kmnist", KMNIST_TRAIN_LABELS).orElseThrow().size();
      note += size == expected
          ? " " + KMNIST_TRAIN_LABELS + " is present (" + size + " bytes, the official size) but unused without the"
              + " images."
          : " " + KMNIST_TRAIN_LABELS + " is present but has " + size + " bytes, not the official " + expected
              + "; it is unused.";
    }
    return note;
  }

  /**
   * The file {@code fileName} in {@code dir}, or its uncompressed form (name without ".gz") if only that exists.
   *
   * @throws FileNotFoundException saying which file, where, and how to get it
   */
  static Path locate(String dataset, Path dir, String fileName) throws FileNotFoundException {
    Path p = dir.resolve(fileName);
    if (Files.isRegularFile(p)) return p;
    if (fileName.endsWith(".gz")) {
      Path raw = dir.resolve(fileName.substring(0, fileName.length() - 3));
      if (Files.isRegularFile(raw)) return raw;
    }
    throw new FileNotFoundException(dataset + ": missing file " + fileName + " (looked in " + dir.toAbsolutePath()
        + "); get it with 'taunet data fetch " + dataset + "', or copy it from a local directory with 'taunet data"
        + " import " + dataset + " DIR'");
  }

  /**
   * Builds a dataset from an image array (n x 28 x 28, u1) and a label array (n, integer), checking that they
   * agree; errors name the files.
   */
  static Dataset build(String name, Path imgFile, NdArray images, Path labFile, NdArray labels)
      throws DataFormatException {
    if (images.ndim() != 3 || images.dim(1) != SIDE || images.dim(2) != SIDE) {
      throw DataFormatException.of(imgFile, "images have shape " + IdxReader.dims(images.shape()) + ", expected n x "
          + SIDE + " x " + SIDE);
    }
    if (images.dtype() != DType.U1) {
      throw DataFormatException.of(imgFile, "images have dtype " + images.dtype().code() + ", expected u1 (uint8)");
    }
    int n = images.dim(0);
    int[] y = labels(labFile, labels);
    if (y.length != n) {
      throw new DataFormatException("image/label count mismatch: " + imgFile + " holds " + n + " images but "
          + labFile + " holds " + y.length + " labels");
    }
    byte[] px = (byte[]) images.data();
    float[] scale = new float[256];
    for (int v = 0; v < 256; v++) scale[v] = v / 255f;
    float[] x = new float[px.length];
    for (int i = 0; i < px.length; i++) x[i] = scale[px[i] & 0xFF];
    return new Dataset(name, x, y, n, SIDE * SIDE, NUM_CLASSES);
  }

  private static int[] labels(Path labFile, NdArray labels) throws DataFormatException {
    if (labels.ndim() != 1) {
      throw DataFormatException.of(labFile, "labels have shape " + IdxReader.dims(labels.shape())
          + ", expected a 1-d array");
    }
    int[] y;
    try {
      y = labels.toIntArray();
    } catch (IllegalStateException e) {
      throw DataFormatException.of(labFile, "labels are not integers: " + e.getMessage());
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= NUM_CLASSES) {
        throw DataFormatException.of(labFile, "label " + y[i] + " at index " + i + " is outside [0, " + NUM_CLASSES
            + ")");
      }
    }
    return y;
  }
}
