package org.taunet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.taunet.run.Json;
import org.taunet.sweep.PointServer;
import picocli.CommandLine.Command;

/**
 * {@code taunet sweep serve} (hidden): the worker side of {@link PointServer}. Reads one request per line on
 * standard input, {@code {"args": [...], "stdout": FILE, "stderr": FILE}}, runs {@code taunet ARGS} in this JVM
 * ({@link Main#run}) with its output appended to the two files, and answers {@code PointServer.REPLY} and the exit
 * status on standard output; ends at the end of its input. Its own standard error gets one line when it starts.
 */
@Command(name = "serve", hidden = true, mixinStandardHelpOptions = true,
    description = "Run sweep points sent on standard input, one after another (the local executor's worker JVM).")
final class SweepServe implements Callable<Integer> {
  @Override
  public Integer call() throws IOException {
    PrintStream control = System.out; // this JVM's standard output; Main.run redirects System.out per point
    System.err.println("taunet: point server pid " + ProcessHandle.current().pid() + " started");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isBlank()) continue;
      JsonNode req = Json.mapper().readTree(line);
      String[] args = new String[req.path("args").size()];
      for (int i = 0; i < args.length; i++) args[i] = req.path("args").get(i).asText();
      int code;
      try (PrintStream out = append(req.path("stdout").asText()); PrintStream err = append(req.path("stderr").asText())) {
        code = Main.run(args, out, err);
      }
      control.println(PointServer.REPLY + code);
      control.flush();
    }
    return 0;
  }

  private static PrintStream append(String file) throws IOException {
    return new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8);
  }
}
