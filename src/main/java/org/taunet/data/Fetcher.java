package org.taunet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Downloads a dataset's files into {@code <dataDir>/<dataset>/}. Each file is streamed to {@code NAME.part} in the
 * same directory while its checksum is computed; only a verified file is renamed (atomically) to its final name, so
 * a partial or corrupt download never appears under the final name. A file already present with the right checksum
 * is not downloaded again; a leftover {@code NAME.part} is discarded, never resumed. Mirrors are tried in order.
 */
public final class Fetcher {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** Time to wait for the response headers (the body may take longer). */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final DatasetFiles registry;
  private final HttpClient client;
  private final boolean progress;
  private final Consumer<String> log;

  /** How a file ended up in place. */
  public enum Outcome {
    /** Already present with the right checksum; nothing downloaded. */
    ALREADY_PRESENT,
    /** Downloaded. */
    DOWNLOADED,
    /** A present file failed verification and was replaced by a verified download. */
    REPLACED
  }

  /**
   * Result for one file.
   *
   * @param fileName the file
   * @param outcome what happened
   * @param source the URL it came from, or null if nothing was downloaded
   * @param match how it matched the registry's checksums
   */
  public record FileResult(String fileName, Outcome outcome, URI source, RemoteFile.Match match) {}

  /** A fetcher over {@code registry} with a default HTTP client, a progress bar when interactive, and no log. */
  public Fetcher(DatasetFiles registry) { this(registry, defaultClient(), interactive(), msg -> {}); }

  /**
   * A fetcher with explicit collaborators.
   *
   * @param registry files and mirrors
   * @param client HTTP client (redirects should be followed)
   * @param progress show a progress bar on stderr
   * @param log receives one-line messages (skips, mirror failures, discarded partial files)
   */
  public Fetcher(DatasetFiles registry, HttpClient client, boolean progress, Consumer<String> log) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.client = Objects.requireNonNull(client, "client");
    this.progress = progress;
    this.log = Objects.requireNonNull(log, "log");
  }

  /** An HTTP client with connect timeout that follows redirects (but not from HTTPS to HTTP). */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** True when a console is attached and the {@code taunet.quiet} system property is not set. */
  public static boolean interactive() { return System.console() != null && !Boolean.getBoolean("taunet.quiet"); }

  /**
   * Fetches every file of {@code dataset}. All files are attempted even if one fails; then, if any failed, an
   * IOException lists every failure.
   */
  public List<FileResult> fetch(String dataset, Path dataDir) throws IOException {
    List<FileResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (RemoteFile f : registry.files(dataset)) {
      try {
        results.add(fetchFile(dataset, f, dataDir));
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        failures.add(describe(e));
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException(failures.size() + " of " + registry.files(dataset).size() + " files of " + dataset
          + " could not be fetched: " + String.join("; ", failures) + " (without internet access, copy the files"
          + " from elsewhere with 'taunet data import " + dataset + " DIR')");
    }
    return results;
  }

  /**
   * Fetches one file into {@code <dataDir>/<dataset>/}.
   *
   * @throws IOException if every mirror failed; the message names each URL and its problem (HTTP status,
   *     network error, or checksum mismatch with the expected and actual digests)
   */
  public FileResult fetchFile(String dataset, RemoteFile f, Path dataDir) throws IOException {
    Path dir = dataDir.resolve(dataset);
    Files.createDirectories(dir);
    Path target = dir.resolve(f.fileName());
    Path part = PartFiles.partFor(target);
    if (Files.deleteIfExists(part)) log.accept("discarded a partial download left over from before: " + part);
    boolean replacing = false;
    if (Files.isRegularFile(target)) {
      RemoteFile.Verification v = f.verify(target);
      if (v.ok()) return new FileResult(f.fileName(), Outcome.ALREADY_PRESENT, null, v.match());
      log.accept(target + " is present but fails verification (" + f.mismatchDetail(v.actual())
          + "); downloading it again");
      replacing = true;
    }
    if (f.urls().isEmpty()) throw new IOException(dataset + "/" + f.fileName() + ": no download URL is known");
    List<String> failures = new ArrayList<>();
    for (URI url : f.urls()) {
      try {
        RemoteFile.Verification v = download(url, f, part);
        if (v.ok()) {
          PartFiles.commit(part, target);
          return new FileResult(f.fileName(), replacing ? Outcome.REPLACED : Outcome.DOWNLOADED, url, v.match());
        }
        failures.add("checksum mismatch for " + url + ": " + f.mismatchDetail(v.actual()));
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        failures.add(url + ": " + describe(e));
      } finally {
        Files.deleteIfExists(part);
      }
      log.accept(failures.get(failures.size() - 1));
    }
    throw new IOException(dataset + "/" + f.fileName() + ": " + String.join("; ", failures));
  }

  /** Streams {@code url} into {@code part} and verifies it; throws for HTTP errors and network failures. */
  private RemoteFile.Verification download(URI url, RemoteFile f, Path part) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + url);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      // A server sending far more than the published size is misbehaving: stop before filling the disk.
      long limit = f.size() > 0 ? 2 * f.size() + (1 << 20) : Long.MAX_VALUE;
      if (length > limit) throw new IOException("server announces " + length + " bytes, expected about " + f.size());
      MessageDigest md = f.checksum().newDigest();
      long total = 0;
      try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          ProgressBar bar = progressBar(f.fileName(), length > 0 ? length : f.size())) {
        byte[] buf = new byte[1 << 16];
        for (int r; (r = body.read(buf)) > 0; ) {
          md.update(buf, 0, r);
          out.write(buf, 0, r);
          total += r;
          if (total > limit) throw new IOException("more than " + limit + " bytes received, expected " + f.size());
          if (bar != null) bar.stepBy(r);
        }
      }
      if (length >= 0 && total != length) {
        throw new IOException("connection ended after " + total + " of " + length + " bytes");
      }
      return f.verify(part, Checksum.toHex(md.digest()));
    }
  }

  /** The exception's message, or its class name (and cause) when it has none, as for a refused connection. */
  static String describe(Throwable e) {
    String m = e.getMessage();
    if (m != null && !m.isBlank()) return m;
    String name = e.getClass().getSimpleName();
    return e.getCause() == null ? name : name + " (" + describe(e.getCause()) + ")";
  }

  private ProgressBar progressBar(String name, long max) {
    if (!progress) return null;
    return new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(max, 0)).setUnit("MiB", 1 << 20)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
  }
}
