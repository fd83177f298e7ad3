package org.taunet.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file exists but its content is malformed (wrong magic, truncated, inconsistent with its header, ...).
 * The message always names the file and the problem.
 */
public final class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message.
   *
   * @param message what is wrong, including the file name
   */
  public DataFormatException(String message) { super(message); }

  /**
   * An error with a message and a cause.
   *
   * @param message what is wrong, including the file name
   * @param cause the underlying error
   */
  public DataFormatException(String message, Throwable cause) { super(message, cause); }

  /** Builds "FILE: PROBLEM". */
  static DataFormatException of(Path file, String problem) { return new DataFormatException(file + ": " + problem); }

  /** Builds "SOURCE: PROBLEM" for a source that is not a plain file (e.g. an npz member). */
  static DataFormatException of(String source, String problem) { return new DataFormatException(source + ": " + problem); }
}
