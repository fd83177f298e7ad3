package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
  @TempDir Path tmp;
  private HttpServer server;
  /** What each path serves; absent paths get a 404. */
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final List<String> rangeHeaders = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final byte[] a = randomBytes(200_000, 1);
  private final byte[] b = randomBytes(3_000, 2);

  @BeforeEach void start() throws IOException {
    server = TestFiles.serve(served, ex -> {
      requests.computeIfAbsent(ex.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null) synchronized (rangeHeaders) { rangeHeaders.add(range); }
    });
  }

  @AfterEach void stop() { server.stop(0); }

  private static byte[] randomBytes(int n, long seed) {
    byte[] x = new byte[n];
    new Random(seed).nextBytes(x);
    return x;
  }

  private static String md5(byte[] data) throws Exception {
    return Checksum.toHex(MessageDigest.getInstance("MD5").digest(data));
  }

  private URI base(String mirror) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + mirror + "/");
  }

  private DatasetFiles registry(List<URI> bases) throws Exception {
    RemoteFile fa = new RemoteFile("a.bin", List.of(), Checksum.md5(md5(a)), a.length, null, false);
    RemoteFile fb = new RemoteFile("b.bin", List.of(), Checksum.sha256(Checksum.toHex(
        MessageDigest.getInstance("SHA-256").digest(b))), -1, null, false);
    return new DatasetFiles(Map.of("toy", List.of(fa, fb))).withBaseUrls(Map.of("toy", bases));
  }

  private Fetcher fetcher(DatasetFiles reg) {
    return new Fetcher(reg, Fetcher.defaultClient(), false, log::add);
  }

  private int count(String path) { return requests.getOrDefault(path, new AtomicInteger()).get(); }

  private Path data(String file) { return tmp.resolve("data/toy").resolve(file); }

  @Test void downloadsAndVerifies() throws Exception {
    served.put("/m1/a.bin", a);
    served.put("/m1/b.bin", b);
    List<Fetcher.FileResult> r = fetcher(registry(List.of(base("m1")))).fetch("toy", tmp.resolve("data"));
    assertEquals(2, r.size());
    assertEquals(Fetcher.Outcome.DOWNLOADED, r.get(0).outcome());
    assertEquals(base("m1").resolve("a.bin"), r.get(0).source());
    assertArrayEquals(a, Files.readAllBytes(data("a.bin")));
    assertArrayEquals(b, Files.readAllBytes(data("b.bin")));
    try (var files = Files.list(data("a.bin").getParent())) {
      assertEquals(List.of("a.bin", "b.bin"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test void checksumMismatchLeavesNothing() throws Exception {
    byte[] corrupt = a.clone();
    corrupt[1234] ^= 1;
    served.put("/m1/a.bin", corrupt);
    DatasetFiles reg = registry(List.of(base("m1")));
    RemoteFile fa = reg.file("toy", "a.bin").orElseThrow();
    IOException e = assertThrows(IOException.class, () -> fetcher(reg).fetchFile("toy", fa, tmp.resolve("data")));
    String m = e.getMessage();
    assertTrue(m.contains("checksum mismatch for " + base("m1").resolve("a.bin")) && m.contains("expected md5 "
        + md5(a)) && m.contains("got " + md5(corrupt)), m);
    assertFalse(Files.exists(data("a.bin")));
    assertFalse(Files.exists(data("a.bin.part")));
  }

  @Test void fallsBackToTheNextMirror() throws Exception {
    served.put("/m2/a.bin", a);
    served.put("/m2/b.bin", b);
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { deadPort = s.getLocalPort(); }
    URI dead = URI.create("http://127.0.0.1:" + deadPort + "/x/");
    List<Fetcher.FileResult> r = fetcher(registry(List.of(dead, base("m1"), base("m2"))))
        .fetch("toy", tmp.resolve("data"));
    assertEquals(base("m2").resolve("a.bin"), r.get(0).source());
    assertEquals(1, count("/m1/a.bin"));  // the 404
    assertEquals(1, count("/m2/a.bin"));
    assertArrayEquals(a, Files.readAllBytes(data("a.bin")));
    assertTrue(log.stream().anyMatch(l -> l.contains(base("m1").resolve("a.bin") + ": HTTP 404")), log.toString());
  }

  @Test void allMirrorsFailingIsOneErrorListingEach() throws Exception {
    IOException e = assertThrows(IOException.class,
        () -> fetcher(registry(List.of(base("m1"), base("m2")))).fetch("toy", tmp.resolve("data")));
    String m = e.getMessage();
    assertTrue(m.contains("2 of 2 files of toy could not be fetched") && m.contains("/m1/a.bin: HTTP 404")
        && m.contains("/m2/b.bin: HTTP 404") && m.contains("taunet data import toy DIR"), m);
  }

  @Test void verifiedFileIsNotDownloadedAgain() throws Exception {
    served.put("/m1/a.bin", a);
    served.put("/m1/b.bin", b);
    Fetcher f = fetcher(registry(List.of(base("m1"))));
    f.fetch("toy", tmp.resolve("data"));
    List<Fetcher.FileResult> again = f.fetch("toy", tmp.resolve("data"));
    assertEquals(Fetcher.Outcome.ALREADY_PRESENT, again.get(0).outcome());
    assertNull(again.get(0).source());
    assertEquals(1, count("/m1/a.bin"));
    assertEquals(1, count("/m1/b.bin"));
  }

  @Test void corruptLocalFileIsReplaced() throws Exception {
    served.put("/m1/a.bin", a);
    TestFiles.write(data("a.bin"), new byte[] {1, 2, 3});
    DatasetFiles reg = registry(List.of(base("m1")));
    Fetcher.FileResult r = fetcher(reg).fetchFile("toy", reg.file("toy", "a.bin").orElseThrow(), tmp.resolve("data"));
    assertEquals(Fetcher.Outcome.REPLACED, r.outcome());
    assertArrayEquals(a, Files.readAllBytes(data("a.bin")));
  }

  @Test void stalePartIsDiscardedNotResumed() throws Exception {
    served.put("/m1/a.bin", a);
    byte[] stale = java.util.Arrays.copyOf(a, 50_000);
    stale[10] ^= 1;  // a resumed download would keep this bad byte
    TestFiles.write(data("a.bin.part"), stale);
    DatasetFiles reg = registry(List.of(base("m1")));
    Fetcher.FileResult r = fetcher(reg).fetchFile("toy", reg.file("toy", "a.bin").orElseThrow(), tmp.resolve("data"));
    assertEquals(Fetcher.Outcome.DOWNLOADED, r.outcome());
    assertArrayEquals(a, Files.readAllBytes(data("a.bin")));
    assertFalse(Files.exists(data("a.bin.part")));
    assertTrue(rangeHeaders.isEmpty(), "no ranged request: " + rangeHeaders);
    assertTrue(log.stream().anyMatch(l -> l.contains("discarded a partial download")), log.toString());
  }

  @Test void recompressedGzipIsAcceptedByContent() throws Exception {
    byte[] content = randomBytes(5000, 3);
    byte[] published = TestFiles.gzip(content);
    byte[] recompressed = TestFiles.gzip(content);
    recompressed[4] = 1;  // different gzip header (mtime): other bytes, same content
    RemoteFile f = new RemoteFile("c.gz", List.of(base("m1").resolve("c.gz")), Checksum.md5(md5(published)), -1,
        Checksum.md5(md5(content)), false);
    served.put("/m1/c.gz", recompressed);
    DatasetFiles reg = new DatasetFiles(Map.of("toy", List.of(f)));
    Fetcher.FileResult r = fetcher(reg).fetchFile("toy", f, tmp.resolve("data"));
    assertEquals(RemoteFile.Match.CONTENT, r.match());
    assertArrayEquals(recompressed, Files.readAllBytes(data("c.gz")));
  }

  @Test void standardRegistryHasTheCanonicalSources() {
    DatasetFiles s = DatasetFiles.standard();
    assertEquals(List.of("mnist", "fashion-mnist", "kmnist", "enwik8", "shd"), List.copyOf(s.names()));
    RemoteFile f = s.file("mnist", "train-images-idx3-ubyte.gz").orElseThrow();
    assertEquals(List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"),
        URI.create("http://yann.lecun.com/exdb/mnist/train-images-idx3-ubyte.gz")), f.urls());
    assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", f.checksum().hex());
    assertTrue(s.file("kmnist", "kmnist-train-imgs.npz").orElseThrow().optional());
    assertEquals(4, s.files("kmnist").size());
    assertThrows(IllegalArgumentException.class, () -> s.files("cifar"));
  }
}
