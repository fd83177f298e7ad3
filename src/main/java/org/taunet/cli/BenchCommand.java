package org.taunet.cli;

import picocli.CommandLine.Command;

/** taunet bench: placeholder. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "(to be written)")
public final class BenchCommand implements Runnable {
  @Override public void run() { System.out.println("taunet bench: not yet implemented"); }
}
