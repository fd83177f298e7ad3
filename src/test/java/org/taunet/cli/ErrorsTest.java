package org.taunet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.taunet.data.DataFormatException;
import org.taunet.run.UserError;

/** How {@link Errors} reports the faults that cannot be provoked cheaply through the command line. */
class ErrorsTest {
  private static Errors.Report report(Throwable e) {
    return Errors.classify(e);
  }

  @Test void diskFullNamesTheFileAndSaysWhatToDo() {
    Errors.Report r = report(new FileSystemException("/runs/a/checkpoint.bin", null, "No space left on device"));
    assertEquals(1, r.status());
    assertTrue(r.message().startsWith("/runs/a/checkpoint.bin: No space left on device; free some disk space"),
        r.message());
    Errors.Report plain = report(new IOException("No space left on device"));
    assertTrue(plain.message().contains("free some disk space"), plain.message());
  }

  @Test void readOnlyAndPermissionDenied() {
    assertTrue(report(new FileSystemException("/ro/run", null, "Read-only file system")).message()
        .equals("/ro/run: Read-only file system; choose a writable folder (--out)"));
    assertTrue(report(new ReadOnlyFileSystemException()).message().contains("choose a writable folder"));
    Errors.Report denied = report(new AccessDeniedException("/root/x"));
    assertEquals("/root/x: permission denied; check its permissions or choose another folder (--out)", denied.message());
  }

  @Test void wrappersAreRemovedAndDataErrorsGetAHint() {
    Errors.Report r = report(new ExecutionException(new UncheckedIOException(new DataFormatException("/d/x.npz: bad"))));
    assertEquals(1, r.status());
    assertTrue(r.message().startsWith("/d/x.npz: bad; the file is damaged") && r.message().contains("taunet data fetch"),
        r.message());
  }

  @Test void userErrorsKeepTheirStatus() {
    assertEquals(2, report(UserError.flag("--ke", "too big", "smaller")).status());
    assertEquals("--ke: too big; smaller", report(UserError.flag("--ke", "too big", "smaller")).message());
    assertEquals(1, report(UserError.file(java.nio.file.Path.of("/x"), "bad", null, null)).status());
  }

  @Test void outOfMemoryNamesTheHeapAndTheFlag() {
    Errors.Report r = report(new OutOfMemoryError("Java heap space"));
    assertEquals(1, r.status());
    assertTrue(r.message().contains("MiB") && r.message().contains("TAUNET_JAVA_OPTS=-Xmx"), r.message());
    Errors.Report elm = Errors.classify(new OutOfMemoryError("Java heap space"), "taunet elm train");
    assertTrue(elm.message().startsWith("out of memory: taunet elm train needs more than the Java heap of ")
        && elm.message().contains("--ke") && elm.message().contains("TAUNET_JAVA_OPTS=-Xmx"), elm.message());
  }

  @Test void anythingElseIsAnInternalErrorWithoutTraceUnlessVerbose() {
    StringWriter quiet = new StringWriter();
    assertEquals(1, Errors.print(new NullPointerException("x is null"), false, new PrintWriter(quiet)));
    assertTrue(quiet.toString().startsWith("taunet: internal error: java.lang.NullPointerException: x is null; run with"
        + " --verbose for the trace and report it"), quiet.toString());
    assertTrue(!quiet.toString().contains("\tat "), quiet.toString());
    StringWriter verbose = new StringWriter();
    Errors.print(new NullPointerException("x is null"), true, new PrintWriter(verbose));
    assertTrue(verbose.toString().contains("\tat org.taunet.cli.ErrorsTest"), verbose.toString());
  }
}
