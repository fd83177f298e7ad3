package org.taunet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code taunet sweep}: placeholder until the sweep subcommands land. */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Sweeps over run configurations: run, status, collect.")
public final class SweepCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(System.out); }
}
