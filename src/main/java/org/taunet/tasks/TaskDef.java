package org.taunet.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declaration of a registered task (neurogym style): its named periods with their default timing, its named
 * arguments with defaults and units, and how to build it. {@link Tasks} holds the registry; a new task is one class
 * and one {@link Tasks#register} call.
 *
 * @param name registry name, as given to {@code --task}
 * @param summary one line saying what the task asks of the network
 * @param timing the periods in trial order with their default durations (ms)
 * @param args the arguments in order, with defaults
 * @param factory builds the task from a complete timing and argument map
 */
public record TaskDef(String name, String summary, Map<String, Duration> timing, List<Arg> args, Factory factory) {
  /**
   * One task argument.
   *
   * @param name its key in {@code --task-arg NAME=VALUE}
   * @param value the default
   * @param doc what it is, with its unit
   */
  public record Arg(String name, double value, String doc) {}

  /** Builds the task at time step {@code dtMs} (ms) from every period's duration and every argument's value. */
  @FunctionalInterface
  public interface Factory {
    Task create(double dtMs, Map<String, Duration> timing, Map<String, Double> args);
  }

  public TaskDef {
    timing = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timing));
    args = List.copyOf(args);
  }

  /**
   * The task at time step {@code dtMs} with the given periods' durations and arguments replaced.
   *
   * @throws IllegalArgumentException naming the task and its known periods or arguments for an unknown name
   */
  public Task create(double dtMs, Map<String, Duration> timingOverrides, Map<String, Double> argOverrides) {
    Map<String, Duration> t = new LinkedHashMap<>(timing);
    timingOverrides.forEach((k, v) -> {
      if (!t.containsKey(k)) {
        throw new IllegalArgumentException("task " + name + " has no period '" + k + "' (periods: " + String.join(", ", timing.keySet()) + ")");
      }
      t.put(k, v);
    });
    Map<String, Double> a = new LinkedHashMap<>();
    for (Arg arg : args) a.put(arg.name(), arg.value());
    argOverrides.forEach((k, v) -> {
      if (!a.containsKey(k)) {
        throw new IllegalArgumentException("task " + name + " has no argument '" + k + "' (arguments: "
            + (args.isEmpty() ? "none" : String.join(", ", a.keySet())) + ")");
      }
      a.put(k, v);
    });
    return factory.create(dtMs, t, a);
  }

  /** What {@code taunet rnn task show} prints: summary, periods with default timing, arguments, channels at dtMs. */
  public String describe(double dtMs) {
    Task task = create(dtMs, Map.of(), Map.of());
    StringBuilder b = new StringBuilder(name).append(": ").append(summary).append('\n');
    b.append("periods (--timing PERIOD=MS|choice:MS/MS/...|uniform:LO/HI|truncexp:MEAN/LO/HI):\n");
    timing.forEach((k, v) -> b.append(String.format("  %-12s %s%n", k, v.spec())));
    b.append("arguments (--task-arg NAME=VALUE):").append(args.isEmpty() ? " none" : "").append('\n');
    for (Arg a : args) b.append(String.format("  %-12s %-10s %s%n", a.name(), Duration.fmt(a.value()), a.doc()));
    b.append("inputs:  ").append(String.join(", ", task.inputNames())).append('\n');
    b.append("outputs: ").append(String.join(", ", task.outputNames())).append('\n');
    b.append(String.format("trial length at dt = %s ms: up to %d steps%n", Duration.fmt(dtMs), task.maxSteps()));
    return b.toString();
  }
}
