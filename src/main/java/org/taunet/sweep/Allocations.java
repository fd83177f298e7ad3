package org.taunet.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named allocation functions: each turns a spec's {@code allocation.args} into rows of flags, one sweep point
 * per row (e.g. every (units, ke, kc) that fits each parameter budget). Built in:
 * <ul>
 *   <li>{@code explicit}: the args are parallel columns (equal lengths), row i takes element i of each.
 * </ul>
 * Model families add theirs through {@link AllocationProvider} (a {@code META-INF/services} line), e.g. ELM's
 * {@code elm-budget}; so sweep never imports a family.
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
    for (AllocationProvider p : ServiceLoader.load(AllocationProvider.class, Allocations.class.getClassLoader())) {
      BUILT_IN.putAll(p.allocations());
    }
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

  /** At most {@code k} elements of {@code all} at evenly spaced indices, first and last included (k &lt;= 0: all). */
  public static <T> List<T> spread(List<T> all, int k) {
    if (k <= 0 || k >= all.size()) return all;
    if (k == 1) return List.of(all.get(all.size() / 2));
    List<T> out = new ArrayList<>();
    for (int j = 0; j < k; j++) out.add(all.get((int) Math.round(j * (all.size() - 1) / (double) (k - 1))));
    return out;
  }

}
