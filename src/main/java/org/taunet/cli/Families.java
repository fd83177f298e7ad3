package org.taunet.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The registered model families. {@link Main} declares this class as its model transformer, so every family's
 * command ({@code taunet NAME ...}) is added to the command line here, before the tools (data, sweep, report, bench),
 * in the order of {@link #ALL}.
 */
final class Families implements CommandLine.IModelTransformer {
  /** Every family; a new family is one line here (and its package and command class). */
  static final List<Family<?>> ALL = List.of(EpCommand.FAMILY, RnnCommand.FAMILY, ElmCommand.FAMILY);

  /** The family whose {@code train} command class is {@code trainClass}, if any. */
  static Optional<Family<?>> ofTrainCommand(Class<?> trainClass) {
    return ALL.stream().filter(f -> f.train() == trainClass).findFirst();
  }

  /** The family called {@code name} (case-insensitive), if any. */
  static Optional<Family<?>> named(String name) {
    return ALL.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Adds the families' commands to {@code taunet}, then the tool commands ({@link Main#TOOLS}). */
  @Override
  public CommandSpec transform(CommandSpec main) {
    for (Family<?> f : ALL) main.addSubcommand(f.name(), new CommandLine(f.command()));
    for (Class<?> tool : Main.TOOLS) main.addSubcommand(null, new CommandLine(tool));
    return main;
  }
}
