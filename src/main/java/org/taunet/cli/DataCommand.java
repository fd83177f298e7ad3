package org.taunet.cli;

import picocli.CommandLine.Command;

/** taunet data: placeholder. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "(to be written)")
public final class DataCommand implements Runnable {
  @Override public void run() { System.out.println("taunet data: not yet implemented"); }
}
