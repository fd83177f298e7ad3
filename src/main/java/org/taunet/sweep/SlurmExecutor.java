package org.taunet.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.taunet.run.AtomicFiles;
import org.taunet.run.Json;

/**
 * Runs a sweep as Slurm job arrays: one array task per pending point ({@code sbatch --array=I,J-K}), each task
 * running {@code taunet sweep point SWEEP_DIR $SLURM_ARRAY_TASK_ID} with the same java and class path as this
 * JVM, so the sweep folder and the class path must be on a filesystem the nodes share. Resources per task come
 * from the spec. Submitting again submits only the points that are neither terminal nor still queued.
 * Submissions are recorded in {@code slurm/jobs.json}; task output goes to {@code slurm/JOB_TASK.out}.
 */
public final class SlurmExecutor {
  /** Folder of scripts, job records and task output inside the sweep folder. */
  public static final String DIR = "slurm";
  static final String JOBS = "jobs.json";
  /** Heap of the small JVM that only starts the point's worker JVM. */
  static final String LAUNCHER_HEAP = "-Xmx128m";
  /** How long one squeue/sbatch call may take. */
  static final long COMMAND_TIMEOUT_S = 60;

  /** One sbatch call: the array job id and the point indices it covers. */
  public record Submission(String jobId, List<Integer> indices, String submitted) {
    public Submission {
      indices = List.copyOf(indices);
    }
  }

  private SlurmExecutor() {}

  /** Whether Slurm answers here ({@code sinfo} runs and exits 0). */
  public static boolean available() {
    try {
      run(List.of("sinfo", "-h", "-o", "%T"));
      return true;
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Submits every point that is not terminal and not queued; {@code maxParallel} > 0 caps concurrently running
   * tasks ({@code %N}). Returns the submission, or null when there was nothing to submit.
   */
  public static Submission submit(Sweep sweep, int maxParallel) throws IOException, InterruptedException {
    Set<Integer> queued = queued(sweep);
    List<Integer> todo = new ArrayList<>();
    var states = sweep.states();
    for (SweepPoint p : sweep.points()) {
      if (!states.get(p).state().terminal() && states.get(p).state() != PointState.State.RUNNING
          && !queued.contains(p.index())) todo.add(p.index());
    }
    if (todo.isEmpty()) return null;
    Path dir = sweep.dir().resolve(DIR);
    List<Submission> jobs = jobs(sweep);
    Path script = dir.resolve("job-" + (jobs.size() + 1) + ".sbatch");
    AtomicFiles.writeString(script, script(sweep));
    String array = ranges(todo) + (maxParallel > 0 ? "%" + maxParallel : "");
    String out = run(List.of("sbatch", "--parsable", "--array=" + array, script.toString())).strip();
    String jobId = out.contains(";") ? out.substring(0, out.indexOf(';')) : out;   // "ID;CLUSTER" on multi-cluster
    Submission s = new Submission(jobId, todo, Instant.now().toString());
    jobs.add(s);
    Json.write(dir.resolve(JOBS), jobs);
    return s;
  }

  /** The batch script: resources from the spec, one point per array task. */
  static String script(Sweep sweep) {
    SweepSpec.Resources r = sweep.spec().resources();
    StringBuilder sb = new StringBuilder("#!/bin/bash\n");
    sb.append("#SBATCH --job-name=taunet-").append(sweep.spec().name()).append('\n');
    sb.append("#SBATCH --cpus-per-task=").append(r.cpus()).append('\n');
    sb.append("#SBATCH --mem=").append(r.mem()).append('\n');
    sb.append("#SBATCH --time=").append(r.time()).append('\n');
    if (r.partition() != null) sb.append("#SBATCH --partition=").append(r.partition()).append('\n');
    sb.append("#SBATCH --output=").append(sweep.dir().resolve(DIR)).append("/%A_%a.out\n");
    sb.append("#SBATCH --chdir=").append(sweep.dir()).append('\n');
    sb.append("# one sweep point per array task; the point's own JVM gets the resources above\n");
    List<String> cmd = new ArrayList<>(List.of(PointRunner.javaBinary(), LAUNCHER_HEAP, "-cp",
        System.getProperty("java.class.path"), PointRunner.MAIN, "sweep", "point", sweep.dir().toString()));
    sb.append("exec");
    for (String c : cmd) sb.append(' ').append(quote(c));
    sb.append(" \"$SLURM_ARRAY_TASK_ID\"\n");
    return sb.toString();
  }

  /** The sweep's submissions so far. */
  public static List<Submission> jobs(Sweep sweep) throws IOException {
    Path f = sweep.dir().resolve(DIR).resolve(JOBS);
    if (!Files.isRegularFile(f)) return new ArrayList<>();
    return new ArrayList<>(Json.mapper().readValue(f.toFile(), new TypeReference<List<Submission>>() {}));
  }

  /** Point indices of this sweep's array tasks still in the queue (pending or running), from squeue. */
  public static Set<Integer> queued(Sweep sweep) throws IOException, InterruptedException {
    Set<String> ids = new java.util.HashSet<>();
    for (Submission s : jobs(sweep)) ids.add(s.jobId());
    Set<Integer> out = new TreeSet<>();
    if (ids.isEmpty()) return out;
    // %F array job id, %K array task index; -r lists every task of an array on its own line
    for (String line : run(List.of("squeue", "-h", "-r", "-o", "%F %K %T")).split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2 && ids.contains(f[0]) && f[1].matches("\\d+")) out.add(Integer.parseInt(f[1]));
    }
    return out;
  }

  /** Waits until none of the sweep's tasks is queued; false if {@code timeout} passed first. */
  public static boolean await(Sweep sweep, Duration timeout, Duration poll) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!queued(sweep).isEmpty()) {
      if (System.nanoTime() > end) return false;
      Thread.sleep(poll.toMillis());
    }
    return true;
  }

  /** sacct's view of the sweep's jobs (JobID|State|ExitCode lines), or a note when accounting is off. */
  public static String accounting(Sweep sweep) throws IOException, InterruptedException {
    List<Submission> jobs = jobs(sweep);
    if (jobs.isEmpty()) return "";
    String ids = String.join(",", jobs.stream().map(Submission::jobId).toList());
    try {
      return run(List.of("sacct", "-n", "-P", "-j", ids, "-o", "JobID,State,ExitCode"));
    } catch (IOException e) {
      return "sacct unavailable (" + e.getMessage().lines().findFirst().orElse("") + ")";
    }
  }

  /** "0-3,5,7-9" for sorted indices. */
  static String ranges(List<Integer> sorted) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
      if (!sb.isEmpty()) sb.append(',');
      sb.append(sorted.get(i));
      if (j > i) sb.append('-').append(sorted.get(j));
      i = j + 1;
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** Runs a Slurm command; returns stdout, throws with its stderr when it fails. */
  static String run(List<String> cmd) throws IOException, InterruptedException {
    Path err = Files.createTempFile("taunet-slurm", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(cmd.get(0) + " did not answer within " + COMMAND_TIMEOUT_S + " s");
      }
      if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
          + Files.readString(err, StandardCharsets.UTF_8).strip());
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
