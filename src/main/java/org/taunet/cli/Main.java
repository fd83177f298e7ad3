package org.taunet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** taunet command line: a thin layer of picocli commands over the library packages. */
@Command(name = "taunet", mixinStandardHelpOptions = true, version = "taunet 0.1.0",
    description = "Neural networks whose neurons each keep their own time constant.",
    subcommands = {EpCommand.class, RnnCommand.class, ElmCommand.class, DataCommand.class, SweepCommand.class,
        ReportCommand.class, BenchCommand.class})
public final class Main implements Runnable {
  @Override public void run() { new CommandLine(this).usage(System.out); }

  public static void main(String[] args) {
    org.taunet.sweep.ParentWatchdog.startFromProperty(); // a sweep worker: exit when the driver is gone
    System.exit(new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }
}
