package org.taunet.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.taunet.run.RunDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** Small helpers shared by the commands. */
final class CliSupport {
  private CliSupport() {}

  /** The command line as typed: "taunet", the subcommand names and the original arguments. */
  static List<String> commandLine(CommandSpec spec) {
    List<String> out = new ArrayList<>();
    out.add("taunet");
    out.addAll(spec.root().commandLine().getParseResult().originalArgs());
    return out;
  }

  /** True if the user gave any option of the named mixin on the command line. */
  static boolean anyMixinOptionMatched(CommandSpec spec, String mixinName) {
    ParseResult pr = spec.commandLine().getParseResult();
    for (OptionSpec o : spec.mixins().get(mixinName).options()) if (pr.hasMatchedOption(o)) return true;
    return false;
  }

  /** The first of PREFIX1SUFFIX, PREFIX2SUFFIX, ... not yet present in the run folder. */
  static String nextFreeName(RunDir run, String prefix, String suffix) {
    for (int i = 1; ; i++) {
      String name = prefix + i + suffix;
      if (!Files.exists(run.file(name))) return name;
    }
  }
}
