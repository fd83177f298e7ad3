package org.taunet.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where a run's numbers came from: collected at run start ({@link #start}), written to
 * {@code provenance.json} and written again at the end with the final status ({@link #finish}).
 * Times are ISO-8601 UTC ({@link Instant#toString()}, millisecond precision).
 *
 * @param taunetVersion the jar manifest's Implementation-Version, or "dev"
 * @param gitCommit HEAD of the git work tree the run was started in; null if none or no git
 * @param gitDirty whether {@code git status --porcelain} reported changes (untracked files count);
 *     null if not a repository
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param vmName {@code java.vm.name}
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param osVersion {@code os.version}
 * @param cpuModel the first "model name" (or "Hardware"/"Processor") of /proc/cpuinfo; null if unknown
 * @param availableProcessors what the JVM may use
 * @param maxHeapBytes {@link Runtime#maxMemory()}
 * @param jvmArguments the JVM's input arguments (e.g. -Xmx, --add-modules)
 * @param blas the BLAS in use, as reported by the numerics package
 * @param seed the master seed ({@link Seeds})
 * @param commandLine the command line as given
 * @param startTime when the run started
 * @param endTime when the latest start or resume ended; null while running
 * @param status how the latest start or resume ended (running while it runs, or if it was killed with no
 *     chance to record it)
 * @param attempts in {@code provenance.json}: the first start and every resume, each with the file holding its
 *     own provenance ({@code provenance.json}, {@code provenance.resumeN.json}), times and final status; the
 *     top-level {@code endTime} and {@code status} are the last attempt's
 */
public record Provenance(
    String taunetVersion, String gitCommit, Boolean gitDirty,
    String javaVersion, String javaVendor, String vmName,
    String osName, String osArch, String osVersion,
    String cpuModel, int availableProcessors, long maxHeapBytes, List<String> jvmArguments,
    String blas, long seed, List<String> commandLine,
    String startTime, String endTime, Status status, List<Attempt> attempts) {

  /**
   * One start or resume of a run.
   *
   * @param file the provenance file of that process, relative to the run folder
   * @param startTime when it started (ISO-8601 UTC)
   * @param endTime when it ended; null while running (or if killed without a chance to record it)
   * @param status how it ended
   */
  public record Attempt(String file, String startTime, String endTime, Status status) {}

  /** Run states, written in lower case. */
  public enum Status {
    /** Started, not ended (or killed without a chance to record it). */
    @JsonProperty("running") RUNNING,
    /** Ran all its epochs. */
    @JsonProperty("finished") FINISHED,
    /** Stopped because the loss or the state became non-finite. */
    @JsonProperty("diverged") DIVERGED,
    /** Stopped by an error. */
    @JsonProperty("failed") FAILED,
    /** Stopped by the user (e.g. Ctrl-C). */
    @JsonProperty("interrupted") INTERRUPTED;

    /** The status named {@code name} (case-insensitive). */
    public static Status of(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown run status '" + name
            + "' (running, finished, diverged, failed, interrupted)", e);
      }
    }
  }

  private static final long GIT_TIMEOUT_MS = 3000;

  /** Copies the lists (null becomes empty). */
  public Provenance {
    jvmArguments = jvmArguments == null ? List.of() : List.copyOf(jvmArguments);
    commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /**
   * Collects everything about the current process, status running, git from the working directory as it was at this
   * JVM's first run: the classes a JVM runs do not change after it starts (the launcher runs a frozen copy of the
   * jar), and a JVM that runs many sweep points ({@code sweep serve}) would otherwise spend two git processes, about
   * 0.2 s, on each.
   */
  public static Provenance start(long seed, String blas, List<String> commandLine) {
    GitState g = JVM_GIT.updateAndGet(old -> old != null ? old : GitState.of(Path.of(System.getProperty("user.dir"))));
    return start(seed, blas, commandLine, g);
  }

  /** As {@link #start(long, String, List)}, with git queried in {@code workTree} now. */
  public static Provenance start(long seed, String blas, List<String> commandLine, Path workTree) {
    return start(seed, blas, commandLine, GitState.of(workTree));
  }

  /** A work tree's commit and dirty flag (null, null outside a repository or without git). */
  private record GitState(String commit, Boolean dirty) {
    static GitState of(Path workTree) {
      String commit = git(workTree, "rev-parse", "HEAD");
      String porcelain = commit == null ? null : git(workTree, "status", "--porcelain");
      return new GitState(commit, porcelain == null ? null : !porcelain.isEmpty());
    }
  }

  private static final java.util.concurrent.atomic.AtomicReference<GitState> JVM_GIT =
      new java.util.concurrent.atomic.AtomicReference<>();

  private static Provenance start(long seed, String blas, List<String> commandLine, GitState git) {
    Runtime rt = Runtime.getRuntime();
    return new Provenance(buildVersion(), git.commit(), git.dirty(),
        System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("java.vm.name"),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("os.version"),
        cpuModel(Path.of("/proc/cpuinfo")), rt.availableProcessors(), rt.maxMemory(), currentJvmArguments(),
        blas, seed, commandLine, now(), null, Status.RUNNING, List.of());
  }

  /** This record with the end time set to now and the given final status. */
  public Provenance finish(Status status) {
    return new Provenance(taunetVersion, gitCommit, gitDirty, javaVersion, javaVendor, vmName, osName, osArch,
        osVersion, cpuModel, availableProcessors, maxHeapBytes, jvmArguments, blas, seed, commandLine,
        startTime, now(), status, attempts);
  }

  /** This attempt as recorded in the file {@code file}. */
  public Attempt attempt(String file) {
    return new Attempt(file, startTime, endTime, status);
  }

  /**
   * This record with {@code a} recorded as the latest attempt (replacing the attempt of the same file, else
   * appended) and the top-level end time and status set to {@code a}'s.
   */
  public Provenance withLatest(Attempt a) {
    List<Attempt> list = new java.util.ArrayList<>(attempts);
    list.removeIf(x -> x.file().equals(a.file()));
    list.add(a);
    return new Provenance(taunetVersion, gitCommit, gitDirty, javaVersion, javaVendor, vmName, osName, osArch,
        osVersion, cpuModel, availableProcessors, maxHeapBytes, jvmArguments, blas, seed, commandLine,
        startTime, a.endTime(), a.status(), list);
  }

  /** As {@link #finish(Status)} with the status by name (finished, diverged, failed, interrupted). */
  public Provenance finish(String status) {
    return finish(Status.of(status));
  }

  /** Atomically writes this record as JSON. */
  public void write(Path file) throws IOException {
    Json.write(file, this);
  }

  /** Reads a provenance.json. */
  public static Provenance read(Path file) throws IOException {
    return Json.read(file, Provenance.class);
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** The jar manifest's Implementation-Version (the POM's version), or "dev" when run from classes. */
  public static String buildVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }

  private static List<String> currentJvmArguments() {
    try {
      return ManagementFactory.getRuntimeMXBean().getInputArguments();
    } catch (RuntimeException | LinkageError unavailable) {
      return List.of();
    }
  }

  /** The CPU model from a /proc/cpuinfo-style file, or null. */
  static String cpuModel(Path cpuinfo) {
    try {
      List<String> lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
      for (String key : List.of("model name", "Hardware", "Processor", "cpu model", "uarch")) {
        for (String line : lines) {
          int colon = line.indexOf(':');
          if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
            String v = line.substring(colon + 1).strip();
            if (!v.isEmpty()) return v;
          }
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      // not Linux, or not readable
    }
    return null;
  }

  /**
   * Runs {@code git args} in {@code dir} and returns its trimmed stdout, or null if git is missing,
   * fails (not a repository) or takes longer than 3 s.
   */
  static String git(Path dir, String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Path out = null;
    Process p = null;
    try {
      out = Files.createTempFile("taunet-git", ".out");
      p = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) return null;
      return Files.readString(out, StandardCharsets.UTF_8).strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (IOException | RuntimeException noGitOrNoRepo) {
      return null;
    } finally {
      if (p != null) p.destroyForcibly();
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a stray temp file is harmless
        }
      }
    }
  }

  private static String nullDevice() {
    return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
  }
}
