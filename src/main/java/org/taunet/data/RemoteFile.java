package org.taunet.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One downloadable file of a dataset.
 *
 * @param fileName canonical file name in {@code <dataDir>/<dataset>/}
 * @param urls where to get it, tried in order (mirrors)
 * @param checksum digest of the file exactly as published
 * @param size size of the published file in bytes if known, else -1; a hint for progress and for cutting off a
 *     runaway download, never a reason to reject a file whose checksum matches
 * @param contentChecksum for gzip files, digest of the decompressed content, or null; lets a re-compressed copy
 *     with identical data (different gzip header or compression level) be recognised
 * @param optional true if the dataset can be loaded without this file (with a documented fallback)
 */
public record RemoteFile(String fileName, List<URI> urls, Checksum checksum, long size, Checksum contentChecksum,
    boolean optional) {
  /** Validates the fields. */
  public RemoteFile {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(checksum, "checksum");
    urls = List.copyOf(urls);
    if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
      throw new IllegalArgumentException("bad file name '" + fileName + "'");
    }
    if (size < -1) throw new IllegalArgumentException(fileName + ": size must be -1 (unknown) or >= 0");
  }

  /** The same file fetched from {@code baseUrls} (each ending in '/') + file name, in that order. */
  public RemoteFile withBaseUrls(List<URI> baseUrls) {
    List<URI> u = baseUrls.stream().map(b -> b.resolve(fileName)).toList();
    return new RemoteFile(fileName, u, checksum, size, contentChecksum, optional);
  }

  /** How a local copy compares with the published checksums. */
  public enum Match {
    /** Byte-identical to the published file. */
    EXACT,
    /** Same data as published, but re-compressed (gzip) or stored decompressed. */
    CONTENT,
    /** Neither matches. */
    MISMATCH
  }

  /**
   * Result of {@link #verify}.
   *
   * @param match outcome
   * @param actual the file's digest (same algorithm as {@link #checksum()})
   */
  public record Verification(Match match, String actual) {
    /** True unless {@link Match#MISMATCH}. */
    public boolean ok() { return match != Match.MISMATCH; }
  }

  /** Checks a local file against the checksum (and, failing that, the content checksum). */
  public Verification verify(Path file) throws IOException { return verify(file, checksum.compute(file)); }

  /** As {@link #verify(Path)}, with the file's digest already computed (e.g. while downloading it). */
  public Verification verify(Path file, String actualDigest) throws IOException {
    if (checksum.matches(actualDigest)) return new Verification(Match.EXACT, actualDigest);
    if (contentChecksum != null) {
      // A gzip file or a zip archive's first member is decompressed; any other file may be the content itself.
      try (InputStream in = openContent(file)) {
        if (contentChecksum.matches(contentChecksum.compute(in))) return new Verification(Match.CONTENT, actualDigest);
      } catch (IOException e) {
        // A corrupt gzip stream simply does not match.
      }
    }
    return new Verification(Match.MISMATCH, actualDigest);
  }

  /** The file's content: the first member of a zip archive, the decompressed stream of a gzip file, else the file. */
  static InputStream openContent(Path file) throws IOException {
    try (InputStream probe = java.nio.file.Files.newInputStream(file)) {
      if (probe.read() != 'P' || probe.read() != 'K' || probe.read() != 3 || probe.read() != 4) {
        return IdxReader.open(file);
      }
    }
    java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
        new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16));
    if (zip.getNextEntry() == null) {
      zip.close();
      throw DataFormatException.of(file, "empty zip archive");
    }
    return zip;
  }

  /** "expected md5 X, got Y" (plus the content checksum when there is one). */
  public String mismatchDetail(String actualDigest) {
    return "expected " + checksum + (contentChecksum == null ? "" : " (or decompressed content " + contentChecksum
        + ")") + ", got " + actualDigest;
  }
}
