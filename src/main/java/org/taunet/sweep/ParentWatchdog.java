package org.taunet.sweep;

import java.util.Optional;

/**
 * Makes a sweep worker JVM die with its driver, also when the driver is killed with {@code kill -9} (which runs no
 * shutdown hook): {@link PointRunner} passes the driver's pid as {@code -D}{@value #PROPERTY}, and a daemon thread of
 * the worker checks every {@value #PERIOD_MS} ms that the driver is still alive; once it is gone (or its pid has been
 * reused by another process) the worker exits with status {@value #EXIT_CODE}, so its run records "interrupted" and
 * its folder lock is released for the next sweep run to resume it.
 */
public final class ParentWatchdog {
  /** System property carrying the driver's pid. */
  public static final String PROPERTY = "taunet.parentPid";
  /** How often the driver is checked, in milliseconds. */
  static final long PERIOD_MS = 500;
  /** Exit status of a worker whose driver died (as for SIGTERM). */
  static final int EXIT_CODE = 143;

  private ParentWatchdog() {}

  /** Starts the watchdog if {@value #PROPERTY} is set (a sweep worker); does nothing otherwise. */
  public static void startFromProperty() {
    String pid = System.getProperty(PROPERTY);
    if (pid == null || pid.isBlank()) return;
    long parent;
    try {
      parent = Long.parseLong(pid.strip());
    } catch (NumberFormatException e) {
      System.err.println("taunet: warning: ignoring -D" + PROPERTY + "=" + pid + " (not a pid)");
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(parent);
    if (handle.isEmpty()) {
      System.err.println("taunet: the sweep driver (pid " + parent + ") has ended; stopping");
      System.exit(EXIT_CODE);
    }
    Optional<java.time.Instant> started = handle.get().info().startInstant();
    Thread t = new Thread(() -> watch(parent, started), "taunet-parent-watchdog");
    t.setDaemon(true);
    t.start();
  }

  private static void watch(long parent, Optional<java.time.Instant> started) {
    while (true) {
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
      Optional<ProcessHandle> h = ProcessHandle.of(parent);
      boolean alive = h.isPresent() && h.get().isAlive()
          && (started.isEmpty() || h.get().info().startInstant().equals(started));
      if (!alive) {
        System.err.println("taunet: the sweep driver (pid " + parent + ") has ended; stopping this point");
        System.exit(EXIT_CODE);
      }
    }
  }
}
