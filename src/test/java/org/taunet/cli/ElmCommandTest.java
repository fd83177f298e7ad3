package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code taunet elm params}: exact counts and budget allocations; flag validation. */
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

  @Test void paramsListsBudgetAllocations() {
    String out = run(0, "elm", "params", "--budget", "50000", "--inputs", "700", "--outputs", "19");
    assertTrue(out.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+")).count() >= 5, out);
  }

  @Test void badFlagValueIsRejected() {
    assertNotEquals(0, new CommandLine(new Main()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("elm", "train", "--task", "mnist", "--out", "/nonexistent/x"));
  }
}
