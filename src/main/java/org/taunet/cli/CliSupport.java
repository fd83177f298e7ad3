package org.taunet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.taunet.numerics.BlasInfo;
import org.taunet.run.Provenance;
import org.taunet.run.DataRecord;
import org.taunet.run.RunLock;
import org.taunet.run.RunSession;
import org.taunet.run.RunDir;
import org.taunet.run.UserError;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
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

  /** A config flag's value if the user gave it (non-null), else the preset's or default's value. */
  static <T> T or(T flag, T fallback) {
    return flag != null ? flag : fallback;
  }

  /**
   * A train command's run folder and configuration; {@code resuming} when it came from {@code --resume};
   * {@code created} when this command made the folder (it did not exist).
   */
  record RunSetup<C>(RunDir run, C config, boolean resuming, boolean created) {
    /**
     * Runs a step that comes before training (loading data, building the model): when it throws, a folder this
     * command created and left empty is removed, so a failed start leaves nothing behind.
     */
    <T> T beforeTraining(Callable<T> step) throws Exception {
      try {
        return step.call();
      } catch (Exception | Error e) {
        if (created) {
          try (var entries = Files.list(run.path())) {
            if (entries.findAny().isEmpty()) Files.deleteIfExists(run.path());
          } catch (IOException cleanup) {
            e.addSuppressed(cleanup);
          }
        }
        throw e;
      }
    }
  }

  /**
   * The run folder of a train command: with {@code --resume DIR} the folder's config.json (and no config flags or
   * {@code --out}); otherwise {@code resolve}'s config (which may validate and throw before any folder exists) in
   * {@code --out}, or in runs/NAME-TIMESTAMP with NAME from {@code defaultName}. The config mixin must be named "flags".
   */
  static <C> RunSetup<C> runFolder(CommandSpec spec, Path out, Path resume, Class<C> type, Supplier<C> resolve,
      Function<C, String> defaultName) throws IOException {
    if (resume != null) {
      if (out != null || anyMixinOptionMatched(spec, "flags")) {
        throw new ParameterException(spec.commandLine(),
            "--resume takes the configuration from the run folder; drop --out and the config flags");
      }
      RunDir run = RunDir.open(resume);
      RunLock.checkFree(run.path()); // refuse before loading data; RunSession takes the lock
      return new RunSetup<>(run, run.readJson(RunDir.CONFIG, type), true, false);
    }
    C cfg;
    try {
      cfg = resolve.get();
    } catch (UserError e) {
      throw e;
    } catch (IllegalArgumentException e) { // a flag value the config refused: a usage error
      throw new UserError(null, e.getMessage(), null, true, e);
    }
    Path dir = out != null ? out : Path.of("runs", defaultName.apply(cfg) + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    boolean exists = Files.isDirectory(dir);
    if (exists) RunLock.checkFree(dir);
    return new RunSetup<>(RunDir.create(dir), cfg, false, !exists);
  }

  /** A training that may throw. */
  @FunctionalInterface
  interface Training<R> {
    R run() throws Exception;
  }

  /**
   * Runs {@code training} in a {@link RunSession}: the run folder is locked for the life of the run (a second run or
   * resume is refused naming the holder), a new run's folder is checked again under the lock, stale temporary files
   * are removed, provenance.json (and provenance.resumeN.json when resuming) says running, then {@code status(result)}
   * (finished, diverged, ...), failed if it throws, or interrupted on Ctrl-C/SIGTERM (with a line saying how to
   * resume). {@code data} (may be null) is written for a new run once the folder is locked.
   */
  static <R> R withProvenance(RunDir run, boolean resuming, long seed, List<String> commandLine, DataRecord data,
      Training<R> training, Function<R, String> status) throws Exception {
    Provenance prov = Provenance.start(seed, BlasInfo.describe(), commandLine);
    try (RunSession session = RunSession.begin(run, resuming, prov, resumeHint(commandLine, run), System.err)) {
      if (!resuming && data != null) data.write(run);
      R result;
      try {
        result = training.run();
      } catch (Exception | Error e) {
        session.end(Provenance.Status.FAILED);
        throw e;
      }
      session.end(Provenance.Status.of(status.apply(result)));
      return result;
    }
  }

  /** As {@link #withProvenance(RunDir, boolean, long, List, DataRecord, Training, Function)} without a data record. */
  static <R> R withProvenance(RunDir run, boolean resuming, long seed, List<String> commandLine, Training<R> training,
      Function<R, String> status) throws Exception {
    return withProvenance(run, resuming, seed, commandLine, null, training, status);
  }

  /** The command that resumes {@code run}: {@code ./taunet FAMILY train --resume DIR}, else the same command. */
  static String resumeHint(List<String> commandLine, RunDir run) {
    if (commandLine.size() >= 3 && commandLine.get(2).equals("train")) {
      return "./taunet " + commandLine.get(1) + " train --resume " + run.path();
    }
    return "./" + String.join(" ", commandLine) + " (the same command again)";
  }

  /**
   * The data folder of a train or eval command: for a resume or an evaluation, {@code --data-dir} if given, else the
   * folder recorded in the run ({@link DataRecord}; a warning if its files changed), else the default; for a new run the
   * flag, {@code $TAUNET_DATA} or {@code ~/.taunet/data}.
   */
  static Path dataDir(RunDir run, boolean existing, DataDirOption opt) throws IOException {
    if (!existing) return opt.resolve();
    return DataRecord.resolve(run, opt.dataDir, opt.resolve(), System.err);
  }
}
