package org.taunet.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * taunet command line: a thin layer of picocli commands over the library packages.
 *
 * <p>Every error ends here ({@link Errors}): {@code taunet: error: WHAT; WHAT TO DO} on stderr, exit status 2 for a
 * usage error (unknown option, bad flag value) and 1 for any other failure, no stack trace unless {@code --verbose}.
 * Commands return their exit status and never call {@link System#exit}.
 */
@Command(name = "taunet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Neural networks whose neurons each keep their own time constant.",
    modelTransformer = Families.class) // adds the model families' commands (ep, rnn, elm), then TOOLS
public final class Main implements Runnable {
  /** The commands that are not a model family, listed after the families in {@code taunet --help}. */
  static final java.util.List<Class<?>> TOOLS = java.util.List.of(DataCommand.class, SweepCommand.class,
      ReportCommand.class, BenchCommand.class, ExportCommand.class);

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace with an error.")
  boolean verbose;

  @Override public void run() { new CommandLine(this).usage(System.out); }

  /** {@code taunet --version}: the version the build stamped into the jar (the POM's), as provenance.json records it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      return new String[] {"taunet " + org.taunet.run.Provenance.buildVersion()};
    }
  }

  public static void main(String[] args) {
    org.taunet.sweep.ParentWatchdog.startFromProperty(); // a sweep worker: exit when the driver is gone
    int status = run(args, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs the command line {@code args} in this JVM with {@code out} and {@code err} as standard output and error (the
   * process-wide {@link System#out} and {@link System#err} are redirected for the call and restored after it).
   *
   * @return the exit status: 0 success, 1 failure, 2 usage error, 3 a run that diverged or stopped early
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    // Redirect first: picocli's default execution strategy remembers System.out/err when the CommandLine is built
    // and, if they differ at execution, replaces the writers set here with writers on the remembered streams.
    System.setOut(out);
    System.setErr(err);
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    Main main = new Main();
    CommandLine cl = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true).setOut(outWriter).setErr(errWriter);
    cl.setParameterExceptionHandler((ex, a) -> usageError(ex, errWriter, verbose(main, ex.getCommandLine())));
    cl.setExecutionExceptionHandler((ex, c, pr) -> Errors.print(ex, verbose(main, c), errWriter,
        c.getCommandSpec().qualifiedName()));
    try {
      return cl.execute(args);
    } catch (Throwable e) { // errors picocli lets through, e.g. OutOfMemoryError
      return Errors.print(e, main.verbose || hasVerbose(cl.getParseResult()), errWriter, command(cl.getParseResult()));
    } finally {
      outWriter.flush();
      errWriter.flush();
      out.flush();
      err.flush();
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** {@code taunet: error: MESSAGE}, suggestions for a mistyped option, and where to find the options; returns 2. */
  private static int usageError(ParameterException ex, PrintWriter err, boolean verbose) {
    int status = Errors.print(ex, verbose, err);
    if (ex instanceof UnmatchedArgumentException u) UnmatchedArgumentException.printSuggestions(u, err);
    err.println("  (options: '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return status;
  }

  private static boolean verbose(Main main, CommandLine cl) {
    return main.verbose || hasVerbose(cl.getParseResult()) || hasVerbose(cl.getCommandSpec().root().commandLine().getParseResult());
  }

  /** The qualified name of the innermost command parsed, e.g. "taunet elm train" ("" if parsing failed). */
  private static String command(ParseResult pr) {
    if (pr == null) return "";
    while (pr.hasSubcommand()) pr = pr.subcommand();
    return pr.commandSpec().qualifiedName();
  }

  private static boolean hasVerbose(ParseResult pr) {
    for (ParseResult p = pr; p != null; p = p.subcommand()) if (p.hasMatchedOption("--verbose")) return true;
    return false;
  }
}
