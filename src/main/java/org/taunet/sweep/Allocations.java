package org.taunet.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named allocation functions: each turns a spec's {@code allocation.args} into rows of flags, one sweep point
 * per row (e.g. every (units, ke, kc) that fits each parameter budget). Built in:
 * <ul>
 *   <li>{@code explicit}: the args are parallel columns (equal lengths), row i takes element i of each.
 *   <li>{@code elm-budget}: the hook for the ELM package's budget listing (issue 4: "given a parameter budget P,
 *       a helper lists the (N, k_e, k_c) points that fit it"); until it is registered it fails with a message
 *       saying so. To connect it, add {@code register("elm-budget", ...)} for that listing to {@link #BUILT_IN}'s
 *       initialisation below, or call {@link #register} before expanding.
 * </ul>
 */
public final class Allocations {
  private Allocations() {}

  /** Flag rows from allocation args (each arg a list of values). */
  @FunctionalInterface
  public interface AllocationFunction {
    /** The rows of flags (flag name without "--" to value), in a stable order. */
    List<Map<String, String>> allocate(Map<String, List<String>> args);
  }

  private static final Map<String, AllocationFunction> BUILT_IN = new ConcurrentHashMap<>();

  static {
    BUILT_IN.put("explicit", Allocations::explicit);
    BUILT_IN.put("elm-budget", args -> {
      throw new IllegalStateException("allocation 'elm-budget' is provided by the ELM package (org.taunet.elm) and "
          + "is not registered in this build; see org.taunet.sweep.Allocations");
    });
  }

  /** Registers (or replaces) the function called {@code name}. */
  public static void register(String name, AllocationFunction f) {
    BUILT_IN.put(name, f);
  }

  /** The function called {@code name}. */
  public static AllocationFunction get(String name) {
    AllocationFunction f = BUILT_IN.get(name);
    if (f == null) throw new IllegalArgumentException("unknown allocation function '" + name + "' (known: "
        + String.join(", ", new java.util.TreeSet<>(BUILT_IN.keySet())) + ")");
    return f;
  }

  /** Zips parallel columns into rows. */
  static List<Map<String, String>> explicit(Map<String, List<String>> args) {
    int n = -1;
    for (var e : args.entrySet()) {
      if (n >= 0 && e.getValue().size() != n) throw new IllegalArgumentException("explicit allocation: column '"
          + e.getKey() + "' has " + e.getValue().size() + " values, the others " + n);
      n = e.getValue().size();
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(n, 0); i++) {
      Map<String, String> row = new LinkedHashMap<>();
      for (var e : args.entrySet()) row.put(e.getKey(), e.getValue().get(i));
      rows.add(row);
    }
    return rows;
  }
}
