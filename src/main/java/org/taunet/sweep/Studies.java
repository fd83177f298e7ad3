package org.taunet.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The study presets shipped with taunet, as sweep specs in {@code src/main/resources/org/taunet/sweep/studies}.
 * Each runs at a small default size in minutes and at paper size with {@code --size paper}.
 */
public final class Studies {
  private Studies() {}

  /** Preset names, in the order of the issue. */
  public static final List<String> NAMES = List.of("hts-ep-stability", "hts-ep-mechanism", "multitau-rnn", "elm-scaling");

  /** The preset spec called {@code name}. */
  public static SweepSpec load(String name) throws IOException {
    String res = "studies/" + name + ".yaml";
    try (InputStream in = Studies.class.getResourceAsStream(res)) {
      if (in == null) throw new IllegalArgumentException("unknown study '" + name + "' (known: "
          + String.join(", ", NAMES) + ")");
      return SweepSpec.read(in, "study " + name);
    }
  }
}
