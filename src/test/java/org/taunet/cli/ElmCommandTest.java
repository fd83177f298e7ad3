package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code taunet elm params} and {@code budget}: exact counts and budget allocations; flag validation. */
class ElmCommandTest {
  private static String run(int expectedCode, String... args) {
    PrintStream old = System.out, oldErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true));
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
    try {
      int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
      assertEquals(expectedCode, code, buf.toString());
      return buf.toString();
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
  }

  @Test void paramsPrintsTheReferenceCount() {
    String out = run(0, "elm", "params", "--inputs", "1278", "--outputs", "2", "--ke", "20", "--kc", "4500",
        "--branches", "45", "--version", "v2");
    assertTrue(out.contains(": 8002 parameters"), out);
  }

  @Test void budgetListsTheAllocationsNearP() {
    String out = run(0, "elm", "budget", "--params", "1e4", "--tolerance", "0.1");
    long rows = out.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+[-+]\\d+\\.\\d%")).count();
    assertTrue(rows >= 10, out);
    assertTrue(out.contains(rows + " allocations"), out);
    for (String l : out.lines().filter(l -> l.endsWith("%") && !l.contains("P =")).toList()) {
      long p = Long.parseLong(l.trim().split("\\s+")[3]);
      assertTrue(Math.abs(p - 10_000) <= 1_000, l);
    }
    assertNotEquals(0, new CommandLine(new Main()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("elm", "budget", "--params", "10"));
  }

  @Test void paramsCountsTheBaselines() {
    String lstm = run(0, "elm", "params", "--model", "lstm", "--hidden", "10", "--inputs", "7", "--outputs", "3");
    assertTrue(lstm.contains(": " + (4 * 10 * (7 + 10 + 1) + 3 * 11) + " parameters"), lstm);
    String rnn = run(0, "elm", "params", "--model", "leaky-rnn", "--budget", "10000", "--inputs", "128", "--outputs", "19");
    // H (128 + H + 1) + 19 (H + 1): 9919 at H = 50, 10168 at H = 51
    assertTrue(rnn.startsWith("leaky-rnn H=50, 128 inputs, 19 outputs: 9919 parameters"), rnn);
  }

  @Test void badFlagValueIsRejected() {
    assertNotEquals(0, new CommandLine(new Main()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("elm", "train", "--task", "mnist", "--out", "/nonexistent/x"));
  }
}
