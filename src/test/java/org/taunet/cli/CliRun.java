package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line through {@link Main#run}: exit status, stdout and stderr. */
record CliRun(int status, String out, String err) {
  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
        StandardCharsets.UTF_8));
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The error line of stderr: the last line starting with "taunet: error:" and what follows it. */
  String error() {
    int at = err.lastIndexOf("taunet: error:");
    return at < 0 ? err : err.substring(at);
  }

  /**
   * Asserts a user error: exit {@code status}, stderr ends with one {@code taunet: error: ...} message mentioning every
   * {@code part}, and no stack trace.
   */
  CliRun assertUserError(int status, String... parts) {
    assertEquals(status, this.status, err);
    assertTrue(err.contains("taunet: error: "), err);
    for (String p : parts) assertTrue(error().contains(p), "missing '" + p + "' in: " + err);
    assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), err);
    assertTrue(error().strip().lines().count() <= 12, err);
    return this;
  }
}
