package org.taunet.tasks;

import java.util.List;
import java.util.Locale;

/** The task registry: names accepted by {@code --task}. */
public final class Tasks {
  private Tasks() {}

  /** Known task names. */
  public static final List<String> NAMES = List.of("multiscale-wm", "integration-wm", "perceptual-dm", "delay-match-sample");

  /** The task {@code name} at time step {@code dtMs}, with its default parameters. */
  public static Task create(String name, double dtMs) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "multiscale-wm" -> new MultiscaleWorkingMemory(dtMs);
      case "integration-wm" -> new IntegrationWorkingMemory(dtMs);
      case "perceptual-dm" -> new PerceptualDecisionMaking(dtMs);
      case "delay-match-sample" -> new DelayMatchSample(dtMs);
      default -> throw new IllegalArgumentException("unknown task '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }
}
