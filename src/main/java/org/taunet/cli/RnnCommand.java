package org.taunet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code taunet rnn}: placeholder until the rnn subcommands land. */
@Command(name = "rnn", mixinStandardHelpOptions = true, description = "Multi-tau rate RNNs: train, study.")
public final class RnnCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(System.out); }
}
