package org.taunet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code taunet elm}: placeholder until the elm subcommands land. */
@Command(name = "elm", mixinStandardHelpOptions = true, description = "ELM networks of Expressive Leaky Memory neurons: train.")
public final class ElmCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(System.out); }
}
