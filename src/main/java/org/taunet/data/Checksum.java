package org.taunet.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An expected message digest.
 *
 * @param algorithm {@code "MD5"} or {@code "SHA-256"} (Java names)
 * @param hex the digest in lower-case hex (32 or 64 digits)
 */
public record Checksum(String algorithm, String hex) {
  /** Validates the algorithm and the hex digest's form; normalises hex to lower case. */
  public Checksum {
    if (!"MD5".equals(algorithm) && !"SHA-256".equals(algorithm)) {
      throw new IllegalArgumentException("checksum algorithm must be MD5 or SHA-256, got " + algorithm);
    }
    hex = hex == null ? "" : hex.toLowerCase(Locale.ROOT);
    int len = "MD5".equals(algorithm) ? 32 : 64;
    if (hex.length() != len || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(algorithm + " digest must be " + len + " hex digits, got '" + hex + "'");
    }
  }

  /** An MD5 checksum. */
  public static Checksum md5(String hex) { return new Checksum("MD5", hex); }

  /** A SHA-256 checksum. */
  public static Checksum sha256(String hex) { return new Checksum("SHA-256", hex); }

  /** A fresh digest for this algorithm. */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  /** True if {@code actualHex} equals this digest (case-insensitive). */
  public boolean matches(String actualHex) { return hex.equalsIgnoreCase(actualHex); }

  /** Digest of the file's bytes, in lower-case hex. */
  public String compute(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return compute(in);
    }
  }

  /** Digest of the rest of the stream, in lower-case hex (the stream is not closed). */
  public String compute(InputStream in) throws IOException {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 16];
    for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
    return toHex(md.digest());
  }

  /** Lower-case hex of {@code digest}. */
  public static String toHex(byte[] digest) { return HexFormat.of().formatHex(digest); }

  /** E.g. {@code "md5 f68b3c2d..."} in full. */
  @Override public String toString() { return algorithm.toLowerCase(Locale.ROOT) + " " + hex; }
}
