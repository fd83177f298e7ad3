package org.taunet.data;

import java.nio.file.Path;
import java.util.Map;

/** Where datasets live: the {@code --data-dir} flag, else {@code $TAUNET_DATA}, else {@code ~/.taunet/data}. */
public final class DataDir {
  /** Environment variable naming the data directory. */
  public static final String ENV = "TAUNET_DATA";

  private DataDir() {}

  /** Resolves the data directory from the flag value (may be null), the environment and the home directory. */
  public static Path resolve(Path flagValueOrNull) {
    return resolve(flagValueOrNull, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** As {@link #resolve(Path)} with an explicit environment and home directory (for tests). */
  public static Path resolve(Path flagValueOrNull, Map<String, String> env, Path home) {
    if (flagValueOrNull != null) return flagValueOrNull;
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) return Path.of(fromEnv.strip());
    return home.resolve(".taunet").resolve("data");
  }
}
