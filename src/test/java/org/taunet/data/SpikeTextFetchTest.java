package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.data.spikes.ShdFiles;
import org.taunet.data.spikes.ShdReader;
import org.taunet.data.spikes.SpikeDataset;
import org.taunet.data.spikes.SpikeTrain;

/** Fetching SHD and enwik8 from a local HTTP server, and their entries in the standard registry. */
class SpikeTextFetchTest {
  @TempDir Path tmp;
  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();

  @BeforeEach void start() throws Exception { server = TestFiles.serve(served, ex -> {}); }

  @AfterEach void stop() { server.stop(0); }

  private URI base() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/d/"); }

  private static String md5(byte[] b) throws Exception {
    return Checksum.toHex(MessageDigest.getInstance("MD5").digest(b));
  }

  private Fetcher fetcher(DatasetFiles reg) { return new Fetcher(reg, Fetcher.defaultClient(), false, m -> {}); }

  @Test void standardRegistryHasTheCanonicalSources() {
    DatasetFiles s = DatasetFiles.standard();
    RemoteFile train = s.file("shd", "shd_train.h5.gz").orElseThrow();
    assertEquals(List.of(URI.create("https://zenkelab.org/datasets/shd_train.h5.gz")), train.urls());
    assertEquals("4c9bde4f3c354a47ea1a188d0ea2d902", train.checksum().hex());
    assertEquals(List.of(URI.create("https://zenkelab.org/datasets/shd_test.h5.gz")),
        s.file("shd", "shd_test.h5.gz").orElseThrow().urls());
    RemoteFile e = s.file("enwik8", "enwik8.zip").orElseThrow();
    assertEquals(List.of(URI.create("http://mattmahoney.net/dc/enwik8.zip")), e.urls());
    assertEquals(36_445_475, e.size());
    assertEquals("a1fa5ffddb56f4953e226637dabbb36a", e.contentChecksum().hex());
  }

  @Test void fetchesShdAndTheReaderLoadsIt() throws Exception {
    List<SpikeTrain> samples = List.of(new SpikeTrain(new float[] {0.1f, 0.4f}, new int[] {5, 600}, 12),
        new SpikeTrain(new float[] {0.2f}, new int[] {1}, 3));
    Path h5 = tmp.resolve("x.h5");
    ShdFiles.write(h5, samples);
    byte[] gz = TestFiles.gzip(Files.readAllBytes(h5));
    served.put("/d/shd_train.h5.gz", gz);
    served.put("/d/shd_test.h5.gz", gz);
    DatasetFiles reg = new DatasetFiles(Map.of("shd", List.of(
        new RemoteFile("shd_train.h5.gz", List.of(), Checksum.md5(md5(gz)), -1, null, false),
        new RemoteFile("shd_test.h5.gz", List.of(), Checksum.md5(md5(gz)), -1, null, false))))
        .withBaseUrls(Map.of("shd", List.of(base())));
    List<Fetcher.FileResult> r = fetcher(reg).fetch("shd", tmp.resolve("data"));
    assertEquals(Fetcher.Outcome.DOWNLOADED, r.get(0).outcome());
    SpikeDataset d = ShdReader.load(tmp.resolve("data"));
    assertEquals(2, d.train().size());
    assertEquals(12, d.test().get(0).label());
  }

  @Test void enwik8ZipIsAcceptedByItsMemberChecksumAndTheRawFileToo() throws Exception {
    byte[] content = "<mediawiki> a small stand-in for enwik8 </mediawiki>".getBytes();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bos)) {
      z.putNextEntry(new ZipEntry("enwik8"));
      z.write(content);
      z.closeEntry();
    }
    served.put("/d/enwik8.zip", bos.toByteArray());
    // As in the standard registry: a zip digest that another zip tool would not reproduce, plus the member's md5.
    RemoteFile f = new RemoteFile("enwik8.zip", List.of(), Checksum.sha256("0".repeat(64)), bos.size(),
        Checksum.md5(md5(content)), false);
    DatasetFiles reg = new DatasetFiles(Map.of("enwik8", List.of(f))).withBaseUrls(Map.of("enwik8", List.of(base())));
    Fetcher.FileResult r = fetcher(reg).fetch("enwik8", tmp.resolve("data")).get(0);
    assertEquals(RemoteFile.Match.CONTENT, r.match());
    assertTrue(Files.isRegularFile(tmp.resolve("data/enwik8/enwik8.zip")));
    Path other = Files.createDirectories(tmp.resolve("other/enwik8"));
    Files.write(other.resolve("enwik8"), content);
    DatasetStatus s = DatasetStatus.check("enwik8", tmp.resolve("other"), reg, true);
    assertEquals(DatasetStatus.State.CONTENT_VERIFIED, s.files().get(0).state());
    assertEquals(DatasetStatus.Overall.COMPLETE, s.overall());
  }
}
