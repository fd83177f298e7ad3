package org.taunet.data.text;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.taunet.data.Checksum;
import org.taunet.data.DataFormatException;
import org.taunet.data.ZipMembers;

/** Loads the character-level corpora by name: enwik8 and gcide (the text in DATA_DIR/text). */
public final class TextCorpora {
  private TextCorpora() {}

  /** Corpus names {@link #load} accepts. */
  public static final String[] NAMES = {"enwik8", "gcide"};

  /**
   * The size, split and checksum of a byte corpus.
   *
   * @param train bytes of the training stream (the first ones)
   * @param valid bytes of the validation stream (next)
   * @param test bytes of the test stream (last)
   * @param md5 md5 of the whole content, or null to skip the check
   */
  public record Spec(int train, int valid, int test, String md5) {
    /** Total bytes. */
    public int total() { return train + valid + test; }
  }

  /** enwik8: 100,000,000 bytes, md5 as published at mattmahoney.net/dc/textdata.html; 90M/5M/5M. */
  public static final Spec ENWIK8 = new Spec(90_000_000, 5_000_000, 5_000_000, "a1fa5ffddb56f4953e226637dabbb36a");
  /**
   * GCIDE split: contiguous 90% / 5% / 5% of the decompressed gcide.dict.gz, the enwik8 protocol. The light markup
   * (e.g. {@code \Af*fect"\}, {@code {Affected}}, {@code [1913 Webster]}) is kept, as enwik8 keeps its XML/wiki markup:
   * it is part of what a byte-level model must predict, and stripping it would need an ad-hoc parser.
   */
  public static final double GCIDE_TRAIN = 0.90;
  public static final double GCIDE_VALID = 0.05;

  /** Loads corpus {@code name} from {@code dataDir} split into train / valid / test bytes. */
  public static TextCorpus load(String name, Path dataDir) throws IOException {
    return switch (name) {
      case "enwik8" -> enwik8(dataDir.resolve("enwik8"), ENWIK8);
      case "gcide" -> gcide(dataDir.resolve("text").resolve("gcide.dict.gz"));
      default -> throw new IllegalArgumentException("unknown corpus '" + name + "' (known: " + String.join(", ", NAMES)
          + ")");
    };
  }

  /** enwik8 from {@code dir/enwik8.zip} (member "enwik8") or the raw {@code dir/enwik8}, checked against spec. */
  static TextCorpus enwik8(Path dir, Spec spec) throws IOException {
    Path zip = dir.resolve("enwik8.zip");
    Path raw = dir.resolve("enwik8");
    byte[] all;
    Path source;
    if (Files.isRegularFile(zip)) {
      source = zip;
      all = readZipMember(zip, "enwik8", spec.total());
    } else if (Files.isRegularFile(raw)) {
      source = raw;
      long size = Files.size(raw);
      if (size != spec.total()) throw new DataFormatException(raw + ": " + size + " bytes, expected " + spec.total());
      all = Files.readAllBytes(raw);
    } else {
      throw new FileNotFoundException("enwik8 not found: neither " + zip + " nor " + raw + " (get it with 'taunet data"
          + " fetch enwik8')");
    }
    if (spec.md5() != null) {
      String actual = Checksum.md5(spec.md5()).compute(new java.io.ByteArrayInputStream(all));
      if (!spec.md5().equals(actual)) {
        throw new DataFormatException(source + ": content md5 " + actual + ", expected " + spec.md5());
      }
    }
    return split("enwik8", all, spec, "enwik8 from " + source + ": first " + spec.train() + " / next " + spec.valid()
        + " / last " + spec.test() + " bytes");
  }

  private static byte[] readZipMember(Path zip, String member, int expected) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry(member);
      if (e == null) throw new DataFormatException(zip + ": no member '" + member + "'");
      if (e.getSize() >= 0 && e.getSize() != expected) {
        throw new DataFormatException(zip + ": member '" + member + "' has " + e.getSize() + " bytes, expected "
            + expected);
      }
      try (InputStream in = ZipMembers.open(z, e, zip + " (member " + member + ")")) {
        byte[] all = in.readNBytes(expected);
        if (all.length != expected || in.read() >= 0) {
          throw new DataFormatException(zip + ": member '" + member + "' is not " + expected + " bytes long");
        }
        return all;
      }
    } catch (ZipException e) {
      throw new DataFormatException(zip + ": corrupt zip archive (" + e.getMessage() + ")", e);
    }
  }

  /** GCIDE from its gzip file; split contiguously 90/5/5. */
  static TextCorpus gcide(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException("GCIDE text not found at " + file + " (the shared data's text/gcide.dict.gz)");
    }
    byte[] all;
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(48 << 20);
      in.transferTo(out);
      all = out.toByteArray();
    } catch (ZipException | java.io.EOFException e) {
      throw new DataFormatException(file + ": corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
    }
    int train = (int) (all.length * GCIDE_TRAIN);
    int valid = (int) (all.length * GCIDE_VALID);
    Spec spec = new Spec(train, valid, all.length - train - valid, null);
    return split("gcide", all, spec, "GCIDE " + file.getFileName() + " (" + all.length + " bytes, markup kept):"
        + " contiguous first " + train + " / next " + valid + " / last " + spec.test() + " bytes");
  }

  private static TextCorpus split(String name, byte[] all, Spec s, String note) {
    return new TextCorpus(name, Arrays.copyOfRange(all, 0, s.train()),
        Arrays.copyOfRange(all, s.train(), s.train() + s.valid()),
        Arrays.copyOfRange(all, s.train() + s.valid(), s.total()), note);
  }
}
