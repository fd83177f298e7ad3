package org.taunet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code taunet report}: placeholder until the report subcommands land. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Write an HTML report with plots for a run or a sweep.")
public final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(System.out); }
}
