package org.taunet.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A sweep point's command line read as a family's {@code train} command, for the estimates made before it runs. */
final class TrainCommand {
  private TrainCommand() {}

  /**
   * Parses {@code args} (the words after "taunet") and applies {@code estimate} to the family of the train command
   * and its parsed flags; {@code otherwise} gets the reason when the words are not a valid train command.
   */
  static <R> R apply(List<String> args, BiFunction<Family<?>, CommandSpec, R> estimate, Function<String, R> otherwise) {
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    CommandLine.ParseResult pr;
    try {
      pr = cl.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      return otherwise.apply("unknown: " + e.getMessage());
    }
    while (pr.hasSubcommand()) pr = pr.subcommand();
    Object cmd = pr.commandSpec().userObject();
    try {
      Optional<Family<?>> family = Families.ofTrainCommand(cmd.getClass());
      if (family.isPresent()) return estimate.apply(family.get(), pr.commandSpec());
    } catch (RuntimeException badConfig) {
      return otherwise.apply("invalid config: " + badConfig.getMessage());
    }
    return otherwise.apply("no estimate for '" + String.join(" ", args.subList(0, Math.min(2, args.size()))) + "'");
  }
}
