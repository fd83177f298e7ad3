package org.taunet.data;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registry of the remote files of each dataset: name, mirrors, checksums, size. {@link #standard()} lists the
 * canonical sources; tests build their own or re-point the standard one with {@link #withBaseUrls}.
 */
public final class DatasetFiles {
  private static final List<String> STANDARD_ORDER = List.of("mnist", "fashion-mnist", "kmnist");
  /** The torchvision mirror first, then the original site (often unreachable nowadays). */
  private static final List<URI> MNIST_MIRRORS = List.of(
      URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), URI.create("http://yann.lecun.com/exdb/mnist/"));
  private static final List<URI> FASHION_MIRRORS = List.of(
      URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"));
  private static final List<URI> KMNIST_MIRRORS = List.of(URI.create("http://codh.rois.ac.jp/kmnist/dataset/kmnist/"));
  private static final List<URI> SHD_MIRRORS = List.of(URI.create("https://zenkelab.org/datasets/"));
  private static final List<URI> ENWIK8_MIRRORS = List.of(URI.create("http://mattmahoney.net/dc/"));

  private static final DatasetFiles STANDARD = new DatasetFiles(Map.of(
      "mnist", List.of(
          // md5 of the .gz files as torchvision lists them; content md5 of the decompressed idx files.
          gz("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422,
              "6bbc9ace898e44ae57da46a324031adb", MNIST_MIRRORS),
          gz("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", 28881,
              "a25bea736e30d166cdddb491f175f624", MNIST_MIRRORS),
          gz("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", 1648877,
              "2646ac647ad5339dbf082846283269ea", MNIST_MIRRORS),
          gz("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", 4542,
              "27ae3e4e09519cfbb04c329615203637", MNIST_MIRRORS)),
      "fashion-mnist", List.of(
          gz("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26421880,
              "f4a8712d7a061bf5bd6d2ca38dc4d50a", FASHION_MIRRORS),
          gz("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", 29515,
              "9018921c3c673c538a1fc5bad174d6f9", FASHION_MIRRORS),
          gz("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", 4422102,
              "8181f5470baa50b63fa0f6fddb340f0a", FASHION_MIRRORS),
          gz("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", 5148,
              "15d484375f8d13e6eb1aabb0c3f46965", FASHION_MIRRORS)),
      "kmnist", List.of(
          // The training files are optional: without the images, Datasets splits the official test set instead.
          npz("kmnist-train-imgs.npz", "a183fbc01ed9a345513b145673d3d0bb", 18384171, true),
          npz("kmnist-train-labels.npz", "b0e1d240e8afec72b50437fc3bc5908a", 29700, true),
          npz("kmnist-test-imgs.npz", "dace6de62ca8b90843cc45366337d02e", 3079479, false),
          npz("kmnist-test-labels.npz", "3ae489a79983d0fe386152684e3b5412", 5304, false)),
      // md5 of the .h5.gz files as listed in zenkelab.org/datasets/md5sums.txt (the list the SHD authors' own
      // download code reads); sizes unknown. No content checksum is published for the gunzipped .h5.
      "shd", List.of(
          new RemoteFile("shd_train.h5.gz", List.of(), Checksum.md5("4c9bde4f3c354a47ea1a188d0ea2d902"), -1, null, false)
              .withBaseUrls(SHD_MIRRORS),
          new RemoteFile("shd_test.h5.gz", List.of(), Checksum.md5("cdb1e533941cbd71e6143fd372cb9af4"), -1, null, false)
              .withBaseUrls(SHD_MIRRORS)),
      // sha256 of the zip as recorded by others who fetched it; the md5 of its single member enwik8 (100,000,000
      // bytes) is the one published at mattmahoney.net/dc/textdata.html and also accepts the unzipped file.
      "enwik8", List.of(
          new RemoteFile("enwik8.zip", List.of(),
              Checksum.sha256("547994d9980ebed1288380d652999f38a14fe291a6247c157c3d33d4932534bc"), 36_445_475,
              Checksum.md5("a1fa5ffddb56f4953e226637dabbb36a"), false).withBaseUrls(ENWIK8_MIRRORS))));

  private final Map<String, List<RemoteFile>> files;

  /** A registry with exactly these datasets (iteration order kept). */
  public DatasetFiles(Map<String, List<RemoteFile>> files) {
    Map<String, List<RemoteFile>> copy = new LinkedHashMap<>();
    files.entrySet().stream().sorted(Map.Entry.comparingByKey(DatasetFiles::compareNames))
        .forEach(e -> copy.put(e.getKey(), List.copyOf(e.getValue())));
    this.files = java.util.Collections.unmodifiableMap(copy);
  }

  /** The canonical sources of mnist, fashion-mnist, kmnist, shd and enwik8. */
  public static DatasetFiles standard() { return STANDARD; }

  /** Dataset names, in a stable order. */
  public Set<String> names() { return files.keySet(); }

  /** The files of {@code dataset}; IllegalArgumentException naming the known datasets if there is no such one. */
  public List<RemoteFile> files(String dataset) {
    List<RemoteFile> f = files.get(dataset);
    if (f == null) {
      throw new IllegalArgumentException("unknown dataset '" + dataset + "' (known: " + String.join(", ", names())
          + ")");
    }
    return f;
  }

  /** The entry for one file of a dataset, if the registry knows it. */
  public Optional<RemoteFile> file(String dataset, String fileName) {
    return files.getOrDefault(dataset, List.of()).stream().filter(f -> f.fileName().equals(fileName)).findFirst();
  }

  /**
   * A copy in which the datasets named in {@code baseUrls} are fetched from those base URLs (each ending in '/'),
   * in order, instead of their usual mirrors; checksums are unchanged.
   */
  public DatasetFiles withBaseUrls(Map<String, List<URI>> baseUrls) {
    Map<String, List<RemoteFile>> m = new LinkedHashMap<>(files);
    baseUrls.forEach((name, bases) -> m.put(name, files(name).stream().map(f -> f.withBaseUrls(bases)).toList()));
    return new DatasetFiles(m);
  }

  /** Orders the standard datasets first (mnist, fashion-mnist, kmnist), then any others alphabetically. */
  static int compareNames(String a, String b) {
    int ia = STANDARD_ORDER.indexOf(a);
    int ib = STANDARD_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
    return a.compareTo(b);
  }

  private static RemoteFile gz(String name, String md5, long size, String contentMd5, List<URI> mirrors) {
    return new RemoteFile(name, List.of(), Checksum.md5(md5), size, Checksum.md5(contentMd5), false)
        .withBaseUrls(mirrors);
  }

  private static RemoteFile npz(String name, String md5, long size, boolean optional) {
    return new RemoteFile(name, List.of(), Checksum.md5(md5), size, null, optional).withBaseUrls(KMNIST_MIRRORS);
  }
}
