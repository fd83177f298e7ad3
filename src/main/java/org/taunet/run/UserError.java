package org.taunet.run;

import java.nio.file.Path;

/**
 * An error the user can fix: a bad flag value, a bad or unwritable file, a run that does not fit in memory. The CLI
 * prints it as {@code taunet: error: SUBJECT: PROBLEM; HINT} without a stack trace and exits with 2 for a flag
 * (usage) error, 1 otherwise.
 *
 * <p>It extends {@link IllegalArgumentException} so that code and tests that expect argument checks to throw that
 * type keep working; any package may throw it (this package depends on no other taunet package).
 */
public class UserError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String problem;
  private final String hint;
  private final boolean usage;

  /**
   * @param subject the flag (e.g. {@code --ke}) or file the error is about, or null
   * @param problem what is wrong
   * @param hint what to do about it, or null
   * @param usage true for a flag (usage) error: exit status 2; false: exit status 1
   * @param cause the underlying exception, or null
   */
  public UserError(String subject, String problem, String hint, boolean usage, Throwable cause) {
    super(format(subject, problem, hint), cause);
    this.subject = subject;
    this.problem = problem;
    this.hint = hint;
    this.usage = usage;
  }

  /** A bad value of {@code flag} (exit status 2): "FLAG: PROBLEM; HINT". */
  public static UserError flag(String flag, String problem, String hint) {
    return new UserError(flag, problem, hint, true, null);
  }

  /** A problem with {@code file} (exit status 1): "FILE: PROBLEM; HINT". */
  public static UserError file(Path file, String problem, String hint, Throwable cause) {
    return new UserError(String.valueOf(file), problem, hint, false, cause);
  }

  /** The flag or file named, or null. */
  public String subject() { return subject; }

  /** What is wrong. */
  public String problem() { return problem; }

  /** What to do, or null. */
  public String hint() { return hint; }

  /** Whether this is a flag (usage) error, exit status 2. */
  public boolean usage() { return usage; }

  private static String format(String subject, String problem, String hint) {
    return (subject == null ? "" : subject + ": ") + problem + (hint == null || hint.isEmpty() ? "" : "; " + hint);
  }
}
