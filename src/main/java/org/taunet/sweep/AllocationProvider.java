package org.taunet.sweep;

import java.util.Map;

/**
 * A package's allocation functions, found by {@link java.util.ServiceLoader}: a family lists its implementation in
 * {@code META-INF/services/org.taunet.sweep.AllocationProvider}, and sweep specs can then name them under
 * {@code allocation.function}.
 */
public interface AllocationProvider {
  /** The functions by name (names must not clash with another provider's or the built-in {@code explicit}). */
  Map<String, Allocations.AllocationFunction> allocations();
}
