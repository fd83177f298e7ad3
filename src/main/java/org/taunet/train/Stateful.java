package org.taunet.train;

/**
 * Anything whose state goes into a checkpoint: a network (parameters, time constants, carried recurrent state), an
 * optimizer (moments, step count), a random stream (its 64-bit state) or the training loop's position (epoch, step,
 * running sums).
 *
 * <p>State is a flat set of <b>named entries</b>: float tensors (a {@code float[]} with a row-major shape) and scalars
 * ({@code long} or {@code double}). Names are segments of {@code [A-Za-z0-9_.-]} joined by {@code '/'}; an owner
 * writes its own names (e.g. {@code W1}, {@code W1/m}, {@code t}) and whoever composes several owners gives each a
 * prefix with {@link StateWriter#writeScope} / {@link StateReader#readScope} (e.g. {@code net/W1}, {@code opt/W1/m},
 * {@code opt/t}).
 *
 * <p>The object is built from its configuration first (which fixes every shape); {@link #importState} then overwrites
 * its values in place and fails with a {@link StateException} naming the entry when one is missing, has another kind
 * or another shape. Export followed by import into a freshly configured object must give an object that behaves
 * bit-identically from then on.
 */
public interface Stateful {
  /**
   * Writes every entry needed to continue exactly from the current point. The writer may keep references to the
   * arrays passed to it until the state has been consumed (written to disk or copied), so the caller must not change
   * them before.
   */
  void exportState(StateWriter out);

  /**
   * Overwrites this object's state with the entries of {@code in} (the names written by {@link #exportState}).
   *
   * @throws StateException if an entry is missing, is of another kind, or a tensor has another shape; the message
   *     names the entry (with its full scoped name)
   */
  void importState(StateReader in);
}
