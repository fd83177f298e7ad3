package org.taunet.cli;

import java.nio.file.Path;
import org.taunet.data.DataDir;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option, for use as a picocli {@code @Mixin} by every command that reads datasets.
 * Without the flag the directory is {@code $TAUNET_DATA}, else {@code ~/.taunet/data}.
 */
public final class DataDirOption {
  /** The flag's value, or null if not given. */
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (default: $TAUNET_DATA, else ~/.taunet/data); datasets live in DIR/NAME/.")
  public Path dataDir;

  /** The data directory to use: the flag, else {@code $TAUNET_DATA}, else {@code ~/.taunet/data}. */
  public Path resolve() { return DataDir.resolve(dataDir); }
}
