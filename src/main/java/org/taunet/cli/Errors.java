package org.taunet.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.taunet.data.DataFormatException;
import org.taunet.run.UserError;
import picocli.CommandLine.ParameterException;

/**
 * The one error path of the command line: turns any exception into {@code taunet: error: WHAT; WHAT TO DO} (the file or
 * flag named in WHAT) or, for a bug, {@code taunet: internal error: ...}, with an exit status: 2 for a usage (flag)
 * error, 1 for anything else. Stack traces only with {@code --verbose}.
 */
final class Errors {
  private Errors() {}

  /** How an exception is reported: exit status, prefix ("error" or "internal error") and message. */
  record Report(int status, String prefix, String message) {}

  /** Exit status of a usage error (bad flag, unknown option, bad flag value). */
  static final int USAGE = 2;
  /** Exit status of any other error. */
  static final int FAILURE = 1;

  static final String DATA_HINT = "the file is damaged or not the expected format: fetch or import the dataset again"
      + " ('taunet data fetch NAME' or 'taunet data import NAME DIR')";
  static final String DISK_HINT = "free some disk space or choose a folder on another disk (--out)";

  /** Prints the report of {@code e} (and its stack trace if {@code verbose}); returns the exit status. */
  static int print(Throwable e, boolean verbose, PrintWriter err) {
    return print(e, verbose, err, "");
  }

  /** As {@link #print(Throwable, boolean, PrintWriter)} for an error of {@code command} (e.g. "taunet elm train"). */
  static int print(Throwable e, boolean verbose, PrintWriter err, String command) {
    Report r = classify(e, command);
    err.println("taunet: " + r.prefix() + ": " + r.message().strip().replaceAll("\\R", "\n  ").replaceAll("\n  \\s+", "\n  "));
    if (verbose) e.printStackTrace(err);
    err.flush();
    return r.status();
  }

  /** The report of an exception thrown by a command. */
  static Report classify(Throwable thrown) {
    return classify(thrown, "");
  }

  /** The report of an exception thrown by {@code command} (its name picks the size flags an out-of-memory names). */
  static Report classify(Throwable thrown, String command) {
    Throwable e = unwrap(thrown);
    if (e instanceof ParameterException p) return error(USAGE, p.getMessage());
    if (e instanceof UserError u) return error(u.usage() ? USAGE : FAILURE, u.getMessage());
    if (e instanceof DataFormatException d) return error(FAILURE, d.getMessage() + "; " + DATA_HINT);
    if (e instanceof IOException io) return error(FAILURE, io(io));
    if (e instanceof ReadOnlyFileSystemException) {
      return error(FAILURE, "read-only file system; choose a writable folder (--out)");
    }
    if (e instanceof IllegalArgumentException) return error(FAILURE, e.getMessage());
    if (e instanceof OutOfMemoryError) return error(FAILURE, outOfMemory(command));
    return new Report(FAILURE, "internal error", e + "; run with --verbose for the trace and report it");
  }

  private static Report error(int status, String message) {
    return new Report(status, "error", message == null || message.isBlank() ? "(no message)" : message);
  }

  /** Removes wrappers that add nothing (execution, completion, unchecked I/O, reflection). */
  static Throwable unwrap(Throwable e) {
    while (e.getCause() != null && (e instanceof ExecutionException || e instanceof CompletionException
        || e instanceof UncheckedIOException || e instanceof InvocationTargetException
        || (e.getClass() == RuntimeException.class && e.getCause() instanceof IOException))) {
      e = e.getCause();
    }
    return e;
  }

  /** An I/O error with the file named and what to do. */
  static String io(IOException e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof FileSystemException f) {
      String file = f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
      String reason = f.getReason();
      if (f instanceof NoSuchFileException) return file + ": no such file or directory; check the path";
      if (f instanceof AccessDeniedException) {
        return file + ": permission denied; check its permissions or choose another folder (--out)";
      }
      if (f instanceof FileAlreadyExistsException) return file + ": already exists; choose another --out or remove it";
      if (f instanceof NotDirectoryException) return file + ": not a directory; give a folder";
      msg = file + ": " + (reason == null ? e.getClass().getSimpleName() : reason);
    }
    String lower = msg.toLowerCase(Locale.ROOT);
    if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")) return msg + "; " + DISK_HINT;
    if (lower.contains("read-only file system")) return msg + "; choose a writable folder (--out)";
    if (lower.contains("permission denied")) return msg + "; check the file's permissions";
    if (e instanceof FileNotFoundException && !lower.contains("taunet data")) return msg + "; check the path";
    return msg;
  }

  /** The message for an OutOfMemoryError in {@code command}: the heap size, the flags that set sizes, -Xmx. */
  static String outOfMemory(String command) {
    long mib = Runtime.getRuntime().maxMemory() >> 20;
    String flags = command.contains(" elm") ? "--units, --ke, --kc, --batch-size (text: --segment)"
        : command.contains(" rnn") ? "--units, --batch-size, --dt-ms (steps per trial)"
        : command.contains(" ep") ? "--hidden, --batch-size, --train-limit (persistent particles)"
        : "--units, --ke, --hidden, --batch-size, ...";
    return "out of memory: " + (command.isEmpty() ? "the command" : command) + " needs more than the Java heap of "
        + mib + " MiB; make it smaller (" + flags + ") or give Java more memory, e.g. TAUNET_JAVA_OPTS=-Xmx16g ./taunet ...";
  }
}
