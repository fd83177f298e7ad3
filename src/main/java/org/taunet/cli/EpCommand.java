package org.taunet.cli;

import picocli.CommandLine.Command;

/** taunet ep: placeholder. */
@Command(name = "ep", mixinStandardHelpOptions = true, description = "(to be written)")
public final class EpCommand implements Runnable {
  @Override public void run() { System.out.println("taunet ep: not yet implemented"); }
}
