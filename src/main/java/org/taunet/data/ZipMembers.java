package org.taunet.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reading zip members with their CRC-32 checked. {@link ZipFile#getInputStream} does not verify the CRC (only
 * {@link java.util.zip.ZipInputStream} and {@link java.util.zip.GZIPInputStream} do), so damaged deflate data that
 * still inflates is otherwise read as wrong bytes. The stream returned by {@link #open} compares the CRC and the size
 * recorded in the archive with what was read when it reaches the end, and throws a {@link DataFormatException} naming
 * the archive and the member on a mismatch.
 */
public final class ZipMembers {
  private ZipMembers() {}

  /** The member's content; reading it to the end checks its CRC-32 and size. */
  public static InputStream open(ZipFile zip, ZipEntry entry, String source) throws IOException {
    return new Verifying(zip.getInputStream(entry), entry.getCrc(), entry.getSize(), source);
  }

  /**
   * Reads {@code in} (from {@link #open}) to its end, so that a CRC mismatch is reported: call it after another error
   * (e.g. a header that does not match the data) to learn whether the cause is a damaged archive; if it is, the CRC
   * error is thrown with {@code earlier} as a suppressed exception.
   */
  public static void drainAndCheck(InputStream in, Exception earlier) throws IOException {
    try {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (DataFormatException crc) {
      if (earlier != null) crc.addSuppressed(earlier);
      throw crc;
    } catch (IOException other) {
      // the earlier error stands
    }
  }

  private static final class Verifying extends FilterInputStream {
    private final CRC32 crc = new CRC32();
    private final long expectedCrc;
    private final long expectedSize;
    private final String source;
    private long count;
    private boolean checked;

    Verifying(InputStream in, long expectedCrc, long expectedSize, String source) {
      super(in);
      this.expectedCrc = expectedCrc;
      this.expectedSize = expectedSize;
      this.source = source;
    }

    @Override public int read() throws IOException {
      int b = super.read();
      if (b < 0) verify();
      else {
        crc.update(b);
        count++;
      }
      return b;
    }

    @Override public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n < 0) verify();
      else {
        crc.update(buf, off, n);
        count += n;
      }
      return n;
    }

    @Override public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 8192)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }

    @Override public boolean markSupported() { return false; }

    private void verify() throws DataFormatException {
      if (checked) return;
      checked = true;
      if (expectedCrc >= 0 && crc.getValue() != expectedCrc) {
        throw DataFormatException.of(source, String.format("CRC mismatch: the archive records crc32 %08x for this"
            + " member, its data gives %08x (%d bytes): the archive is damaged", expectedCrc, crc.getValue(), count));
      }
      if (expectedSize >= 0 && count != expectedSize) {
        throw DataFormatException.of(source, "size mismatch: the archive records " + expectedSize + " bytes for this"
            + " member, its data inflates to " + count + ": the archive is damaged");
      }
    }
  }
}
