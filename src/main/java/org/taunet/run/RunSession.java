package org.taunet.run;

import java.io.IOException;
import java.io.PrintStream;

/**
 * One start or resume of a run, from taking the folder's {@link RunLock} to recording how it ended. {@link #begin}
 * locks the folder (refusing a second run or resume naming the holder), checks again under the lock that a new
 * run's folder is fresh ({@link RunDir#checkFresh}), removes temporary files an interrupted write left behind, and
 * writes the provenance with status running: {@code provenance.json} for a start; for a resume
 * {@code provenance.resumeN.json} plus the new attempt in {@code provenance.json}. Until {@link #end} a shutdown
 * hook records "interrupted" (Ctrl-C, SIGTERM, a sweep worker whose driver died) and prints how to resume.
 * {@link #end} records the final status and end time in both files; {@link #close} releases the lock.
 */
public final class RunSession implements AutoCloseable {
  private final RunDir run;
  private final RunLock lock;
  private final String file;
  private final Object statusLock = new Object();
  private final Thread hook;
  private final PrintStream err;
  private Provenance prov;
  private boolean ended;

  private RunSession(RunDir run, RunLock lock, String file, Provenance prov, String resumeHint, PrintStream err) {
    this.run = run;
    this.lock = lock;
    this.file = file;
    this.prov = prov;
    this.err = err;
    this.hook = new Thread(() -> interrupted(resumeHint), "taunet-interrupted");
  }

  /**
   * Starts ({@code resuming} false) or resumes a run in {@code run} with provenance {@code prov} (status running).
   * {@code resumeHint} is the command that resumes it, printed when the run is interrupted; {@code err} gets that
   * line and notes (a lock taken over, temporary files removed).
   */
  public static RunSession begin(RunDir run, boolean resuming, Provenance prov, String resumeHint, PrintStream err)
      throws IOException {
    RunLock lock = RunLock.acquire(run.path(), String.join(" ", prov.commandLine()));
    try {
      if (lock.previous() != null) {
        err.println("taunet: note: took over the lock of " + lock.previous().describe() + ", which has ended");
      }
      if (!resuming) RunDir.checkFresh(run.path());
      int removed = run.removeTemporaryFiles();
      if (removed > 0) err.println("taunet: removed " + removed + " temporary file(s) of an interrupted write in " + run.path());
      String file = resuming ? nextFree(run) : RunDir.PROVENANCE;
      RunSession s = new RunSession(run, lock, file, prov, resumeHint, err);
      s.record(prov);
      Runtime.getRuntime().addShutdownHook(s.hook);
      return s;
    } catch (IOException | RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** The provenance file of this start or resume ({@code provenance.json} or {@code provenance.resumeN.json}). */
  public String provenanceFile() {
    return file;
  }

  /** Records the final {@code status} and end time (once; later calls and the interrupt hook are ignored). */
  public void end(Provenance.Status status) throws IOException {
    synchronized (statusLock) {
      if (ended) return;
      ended = true;
      record(prov.finish(status));
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting; the hook sees ended and does nothing
    }
  }

  /** Releases the folder's lock (after {@link #end}, or on a failure before training). */
  @Override
  public void close() throws IOException {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrRemoved) {
      // nothing to remove
    }
    lock.close();
  }

  private void interrupted(String resumeHint) {
    synchronized (statusLock) {
      if (ended) return;
      ended = true;
      try {
        record(prov.finish(Provenance.Status.INTERRUPTED));
      } catch (IOException | RuntimeException e) {
        err.println("taunet: could not record the interruption in " + run.file(file) + ": " + e.getMessage());
      }
    }
    err.println("taunet: interrupted; resume with: " + resumeHint);
    err.flush();
  }

  /** Writes {@code p} to this attempt's file and as the latest attempt in provenance.json. */
  private void record(Provenance p) throws IOException {
    prov = p;
    if (file.equals(RunDir.PROVENANCE)) {
      run.writeJson(file, p.withLatest(p.attempt(file)));
      return;
    }
    run.writeJson(file, p);
    Provenance main = readMain();
    if (main != null) run.writeJson(RunDir.PROVENANCE, main.withLatest(p.attempt(file)));
  }

  private Provenance readMain() {
    try {
      if (!run.exists(RunDir.PROVENANCE)) return null;
      Provenance main = run.readJson(RunDir.PROVENANCE, Provenance.class);
      return main.attempts().isEmpty() ? main.withLatest(main.attempt(RunDir.PROVENANCE)) : main;
    } catch (IOException unreadable) {
      return null; // an old or damaged provenance.json: the resume's own file still records everything
    }
  }

  private static String nextFree(RunDir run) {
    for (int i = 1; ; i++) {
      String name = "provenance.resume" + i + ".json";
      if (!run.exists(name)) return name;
    }
  }
}
