package org.taunet.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.Checksum;
import org.taunet.data.DataFormatException;

class TextCorporaTest {
  @TempDir Path tmp;
  private final byte[] content = text(2000);

  private static byte[] text(int n) {
    byte[] b = new byte[n];
    Random r = new Random(5);
    for (int i = 0; i < n; i++) b[i] = (byte) ('a' + r.nextInt(26));
    return b;
  }

  private static String md5(byte[] b) throws Exception {
    return Checksum.toHex(MessageDigest.getInstance("MD5").digest(b));
  }

  private Path zip(String member, byte[] data) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.putNextEntry(new ZipEntry(member));
      z.write(data);
      z.closeEntry();
    }
    Path dir = Files.createDirectories(tmp.resolve("enwik8"));
    return Files.write(dir.resolve("enwik8.zip"), bos.toByteArray());
  }

  private TextCorpora.Spec spec() throws Exception {
    return new TextCorpora.Spec(1800, 100, 100, md5(content));
  }

  @Test void readsAZipAndSplitsContiguously() throws Exception {
    zip("enwik8", content);
    TextCorpus c = TextCorpora.enwik8(tmp.resolve("enwik8"), spec());
    assertArrayEquals(Arrays.copyOfRange(content, 0, 1800), c.train());
    assertArrayEquals(Arrays.copyOfRange(content, 1800, 1900), c.valid());
    assertArrayEquals(Arrays.copyOfRange(content, 1900, 2000), c.test());
    assertTrue(c.note().contains("first 1800 / next 100 / last 100 bytes"), c.note());
  }

  @Test void readsTheRawFile() throws Exception {
    Files.write(Files.createDirectories(tmp.resolve("enwik8")).resolve("enwik8"), content);
    assertEquals(100, TextCorpora.enwik8(tmp.resolve("enwik8"), spec()).test().length);
  }

  @Test void rejectsWrongSizeWrongContentAndCorruptZip() throws Exception {
    zip("enwik8", Arrays.copyOf(content, 1999));
    String m = assertThrows(DataFormatException.class, () -> TextCorpora.enwik8(tmp.resolve("enwik8"), spec()))
        .getMessage();
    assertTrue(m.contains("has 1999 bytes, expected 2000"), m);
    byte[] changed = content.clone();
    changed[77] ^= 1;
    zip("enwik8", changed);
    m = assertThrows(DataFormatException.class, () -> TextCorpora.enwik8(tmp.resolve("enwik8"), spec())).getMessage();
    assertTrue(m.contains("content md5"), m);
    Path z = zip("other", content);
    m = assertThrows(DataFormatException.class, () -> TextCorpora.enwik8(tmp.resolve("enwik8"), spec())).getMessage();
    assertTrue(m.contains("no member 'enwik8'"), m);
    Files.write(z, Arrays.copyOf(Files.readAllBytes(z), 40));
    m = assertThrows(DataFormatException.class, () -> TextCorpora.enwik8(tmp.resolve("enwik8"), spec())).getMessage();
    assertTrue(m.contains("corrupt zip"), m);
  }

  /** A damaged member that still inflates is caught by its zip CRC, also without an md5 to compare. */
  @Test void damagedZipMemberFailsItsCrc() throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.setLevel(0); // stored deflate blocks: the content appears verbatim in the archive
      z.putNextEntry(new ZipEntry("enwik8"));
      z.write(content);
      z.closeEntry();
    }
    byte[] zip = bos.toByteArray();
    int at = Collections.indexOfSubList(Arrays.asList(box(zip)), Arrays.asList(box(Arrays.copyOf(content, 16))));
    zip[at + 500] ^= 1;
    Files.write(Files.createDirectories(tmp.resolve("enwik8")).resolve("enwik8.zip"), zip);
    String m = assertThrows(DataFormatException.class,
        () -> TextCorpora.enwik8(tmp.resolve("enwik8"), new TextCorpora.Spec(1800, 100, 100, null))).getMessage();
    assertTrue(m.contains("enwik8.zip (member enwik8)") && m.contains("CRC mismatch"), m);
  }

  private static Byte[] box(byte[] b) {
    Byte[] out = new Byte[b.length];
    for (int i = 0; i < b.length; i++) out[i] = b[i];
    return out;
  }

  @Test void missingCorpusSaysHowToGetIt() {
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> TextCorpora.load("enwik8", tmp));
    assertTrue(e.getMessage().contains("taunet data fetch enwik8"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TextCorpora.load("ptb", tmp));
  }

  @Test void gcideSplitsNinetyFiveFive() throws Exception {
    byte[] big = text(100_000);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(big);
    }
    Path f = Files.write(Files.createDirectories(tmp.resolve("text")).resolve("gcide.dict.gz"), bos.toByteArray());
    TextCorpus c = TextCorpora.load("gcide", tmp);
    assertEquals(90_000, c.train().length);
    assertEquals(5_000, c.valid().length);
    assertEquals(5_000, c.test().length);
    assertArrayEquals(Arrays.copyOfRange(big, 95_000, 100_000), c.test());
    byte[] gz = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(gz, gz.length / 2));
    assertThrows(DataFormatException.class, () -> TextCorpora.load("gcide", tmp));
  }

  @Test void realGcide() throws Exception {
    Path shared = Path.of(System.getProperty("taunet.shared.data", "../shared/data"));
    assumeTrue(Files.isRegularFile(shared.resolve("text/gcide.dict.gz")), "shared GCIDE not present; test skipped");
    TextCorpus c = TextCorpora.load("gcide", shared);
    long total = (long) c.train().length + c.valid().length + c.test().length;
    assertTrue(total > 30_000_000, "bytes " + total);
    assertEquals(total * 0.05, c.valid().length, 1);
    assertTrue(new String(c.train(), 0, 200, java.nio.charset.StandardCharsets.ISO_8859_1).contains("database"));
  }
}
