package org.taunet.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The task registry: the names accepted by {@code --task}, each a {@link TaskDef}. The seed and neurogym tasks are
 * registered here; a user's task is one {@link PeriodTask} subclass and one {@link #register} call.
 */
public final class Tasks {
  private Tasks() {}

  private static final Map<String, TaskDef> REGISTRY = new LinkedHashMap<>();

  static {
    register(MultiscaleWorkingMemory.DEF);
    register(IntegrationWorkingMemory.DEF);
    register(PerceptualDecisionMaking.DEF);
    register(DelayMatchSample.DEF);
  }

  /** The built-in task names, in registration order. */
  public static final List<String> NAMES = List.copyOf(REGISTRY.keySet());

  /**
   * Adds a task to the registry.
   *
   * @throws IllegalArgumentException if the name is taken
   */
  public static synchronized void register(TaskDef def) {
    if (REGISTRY.putIfAbsent(def.name(), def) != null) throw new IllegalArgumentException("task " + def.name() + " is already registered");
  }

  /** Every registered task name, in registration order. */
  public static synchronized List<String> names() {
    return new ArrayList<>(REGISTRY.keySet());
  }

  /**
   * The declaration of task {@code name} (case-insensitive), or of {@code npz:FILE}, trials from a file
   * ({@link NpzTask}; the file is read when the task is created).
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  public static synchronized TaskDef def(String name) {
    if (name.strip().startsWith(NpzTask.PREFIX)) return NpzTask.def(name.strip());
    TaskDef d = REGISTRY.get(name.strip().toLowerCase(Locale.ROOT));
    if (d == null) throw new IllegalArgumentException("unknown task '" + name + "' (known: " + String.join(", ", REGISTRY.keySet()) + ", or npz:FILE)");
    return d;
  }

  /** The task {@code name} at time step {@code dtMs}, with its default timing and arguments. */
  public static Task create(String name, double dtMs) {
    return def(name).create(dtMs, Map.of(), Map.of());
  }

  /**
   * The task {@code name} at time step {@code dtMs} with overrides given as on the command line:
   * {@code timing} entries {@code PERIOD=DURATION} ({@link Duration#parse}) and {@code args} entries {@code NAME=VALUE}.
   *
   * @throws IllegalArgumentException for a malformed entry, an unknown period or argument, or a bad value
   */
  public static Task create(String name, double dtMs, List<String> timing, List<String> args) {
    Map<String, Duration> t = new LinkedHashMap<>();
    assignments(timing, "timing").forEach((k, v) -> t.put(k, Duration.parse(v)));
    Map<String, Double> a = new LinkedHashMap<>();
    assignments(args, "task argument").forEach((k, v) -> {
      try {
        a.put(k, Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("task argument " + k + "=" + v + ": not a number");
      }
    });
    return def(name).create(dtMs, t, a);
  }

  private static Map<String, String> assignments(List<String> entries, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("bad " + what + " '" + e + "': expected NAME=VALUE");
      if (out.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException(what + " '" + e.substring(0, eq).strip() + "' is given twice");
      }
    }
    return out;
  }
}
