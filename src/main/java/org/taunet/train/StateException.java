package org.taunet.train;

/**
 * A state does not fit the object it is restored into: an entry is missing, has another kind (tensor, long or
 * double) or another shape, or was never read. The message names the entry by its full name; a checkpoint codec
 * adds the file.
 */
public final class StateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that names the offending entry. */
  public StateException(String message) {
    super(message);
  }
}
