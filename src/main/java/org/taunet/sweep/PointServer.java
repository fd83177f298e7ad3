package org.taunet.sweep;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.taunet.run.Json;

/**
 * One worker JVM that runs points one after another ({@code taunet sweep serve}): the local executor's way to pay
 * the JVM start and the JIT's warm-up once per worker instead of once per point. Each request is one JSON line on
 * the worker's standard input ({@code {"args": [...], "stdout": FILE, "stderr": FILE}}); the worker runs the command
 * line as {@code taunet ARGS} would, its output appended to the two files, and answers {@link #REPLY} and the exit
 * status on its standard output. After a point that did not exit 0, or when the worker died, the next point starts
 * a fresh JVM. Used by one thread at a time.
 */
public final class PointServer implements AutoCloseable {
  /** The worker's answer line: this prefix, then the point's exit status. */
  public static final String REPLY = "taunet-serve exit ";
  private static final String EOF = "\u0000eof";

  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process proc;
  private BufferedWriter requests;
  private BlockingQueue<String> replies;

  /**
   * A server started by {@code command} (the JVM part, then {@code sweep serve}) with {@code env} added to its
   * environment; its own standard error (JVM warnings) is appended to {@code log}. Nothing starts before {@link #run}.
   */
  public PointServer(List<String> command, Map<String, String> env, Path log) {
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.log = log;
  }

  /**
   * Runs {@code taunet ARGS} in the worker (starting one if none is alive), output appended to {@code stdout} and
   * {@code stderr}; returns its exit status (the worker's own, or 1, if the worker died during the point).
   * Interrupting the caller kills the worker.
   */
  public int run(List<String> args, Path stdout, Path stderr) throws IOException, InterruptedException {
    if (proc == null || !proc.isAlive()) start();
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("args", args);
    req.put("stdout", stdout.toAbsolutePath().toString());
    req.put("stderr", stderr.toAbsolutePath().toString());
    try {
      requests.write(Json.line(req));
      requests.newLine();
      requests.flush();
    } catch (IOException dead) { // it died between points: the read below sees its end
    }
    int code;
    try {
      code = reply();
    } catch (InterruptedException e) {
      kill();
      throw e;
    }
    if (code != 0) close(); // a failed point may leave the JVM in any state: the next one gets a fresh JVM
    return code;
  }

  private int reply() throws InterruptedException {
    while (true) {
      String line = replies.take();
      if (line.startsWith(REPLY)) return Integer.parseInt(line.substring(REPLY.length()).trim());
      if (line.equals(EOF)) {
        int code = proc.waitFor();
        proc = null;
        return code == 0 ? 1 : code;
      }
    }
  }

  private void start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    proc = pb.start();
    requests = new BufferedWriter(new OutputStreamWriter(proc.getOutputStream(), StandardCharsets.UTF_8));
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    replies = q;
    BufferedReader out = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(() -> {
      try (out) {
        for (String line; (line = out.readLine()) != null; ) q.add(line);
      } catch (IOException closed) {
        // the worker is gone
      }
      q.add(EOF);
    }, "taunet-point-server-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void kill() {
    if (proc == null) return;
    PointRunner.destroyTree(proc);
    proc = null;
  }

  /** Ends the worker: its input is closed (it exits after the point it runs, if any); killed if still alive 10 s on. */
  @Override
  public void close() {
    if (proc == null) return;
    Process p = proc;
    proc = null;
    try {
      requests.close();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
    } catch (IOException | InterruptedException e) {
      p.destroyForcibly();
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
    }
  }
}
