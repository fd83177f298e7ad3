package org.taunet.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock of a run folder, held for the life of a run so that a second run or resume of the same folder is
 * refused. The lock is an OS file lock ({@link FileChannel#tryLock()}, POSIX {@code fcntl} locks on Linux, which
 * NFSv4 and NFSv3 with lockd support) on {@link #FILE} in the run folder; the holder writes its pid, host, process
 * start and command into that file so a refusal can name it. The OS releases the lock when the holder dies
 * (kill -9 included), so a lock left by a dead process is simply taken over; the file itself is never deleted.
 *
 * <p>Fallback where file locks are unavailable (the file system answers ENOLCK, e.g. NFS without lockd) or
 * unreliable (set {@code TAUNET_LOCK=pidfile} or {@code -Dtaunet.lock=pidfile}): the holder file alone decides.
 * A holder on this host is alive if its pid exists with the recorded process start time (so a reused pid does not
 * count); a dead one is taken over. A holder on another host cannot be checked: the run is refused with the
 * holder named and the instruction to delete {@link #FILE} once that process is known to be gone.
 *
 * <p>Within one JVM a folder is locked at most once at a time (a second attempt is refused naming this process);
 * this also keeps the JVM from opening the lock file twice, which would drop a POSIX lock on close.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file in the run folder (its content names the holder). */
  public static final String FILE = "run.lock";
  /** Environment variable / system property (taunet.lock) choosing the mechanism: "os" (default) or "pidfile". */
  public static final String MODE_ENV = "TAUNET_LOCK";

  private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();
  /** Retries (and their spacing, ms) when the lock is held but names no holder yet. */
  private static final int PROBE_RETRIES = 20;
  private static final long PROBE_RETRY_MS = 25;

  /**
   * Who holds a lock.
   *
   * @param pid process id
   * @param host host name
   * @param processStart the holder process's start time (ISO-8601), or "" if unknown
   * @param since when it took the lock (ISO-8601 UTC)
   * @param command what it runs (the command line, possibly shortened)
   */
  public record Holder(long pid, String host, String processStart, String since, String command) {
    /** "pid 123 on host h since 2026-...: taunet ep train ...". */
    public String describe() {
      return "pid " + pid + " on host " + host + " since " + since + (command.isEmpty() ? "" : " (" + command + ")");
    }

    static Holder current(String command) {
      ProcessHandle self = ProcessHandle.current();
      return new Holder(self.pid(), hostName(), self.info().startInstant().map(Instant::toString).orElse(""),
          Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), command == null ? "" : command);
    }
  }

  /** The run folder is locked by someone else. */
  public static final class HeldException extends IOException {
    private final transient Holder holder;

    HeldException(Path dir, Holder holder, String detail) {
      super("run folder " + dir + " is in use by " + (holder == null ? "another process" : holder.describe())
          + "; " + detail);
      this.holder = holder;
    }

    /** The holder, or null if its file could not be read. */
    public Holder holder() {
      return holder;
    }
  }

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;
  private final Holder previous;

  private RunLock(Path dir, FileChannel channel, FileLock lock, Holder previous) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
    this.previous = previous;
  }

  /**
   * Locks the folder {@code dir} (which must exist) for this process, writing the holder file; {@code command}
   * describes the run for refusal messages. Fails with {@link HeldException} naming the holder when the folder is
   * locked by a live process.
   */
  public static RunLock acquire(Path dir, String command) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Holder here = HELD_HERE.get(abs);
    if (here != null) throw new HeldException(abs, here, "wait for it to end");
    Holder me = Holder.current(command);
    if (HELD_HERE.putIfAbsent(abs, me) != null) throw new HeldException(abs, HELD_HERE.get(abs), "wait for it to end");
    try {
      return pidfileMode() ? acquirePidfile(abs, me) : acquireOs(abs, me);
    } catch (IOException | RuntimeException | Error e) {
      HELD_HERE.remove(abs, me);
      throw e;
    }
  }

  private static RunLock acquireOs(Path abs, Holder me) throws IOException {
    Path file = abs.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
      // an empty holder file under a held lock is a brief probe (holder()) or a holder still writing: retry a little
      for (int i = 0; lock == null && i < PROBE_RETRIES && parse(readAll(ch)) == null; i++) {
        Thread.sleep(PROBE_RETRY_MS);
        lock = ch.tryLock();
      }
    } catch (InterruptedException e) {
      ch.close();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while locking " + file);
    } catch (IOException | UnsupportedOperationException noLocks) {
      ch.close();
      System.err.println("taunet: warning: file locks are not available in " + abs + " (" + noLocks.getMessage()
          + "); using the pid file " + FILE + " instead (set " + MODE_ENV + "=pidfile to skip this check)");
      return acquirePidfile(abs, me);
    } catch (OverlappingFileLockException sameJvm) {
      ch.close();
      throw new HeldException(abs, me, "this process holds it already");
    }
    if (lock == null) {
      Holder h = parse(readAll(ch));
      ch.close();
      throw new HeldException(abs, h, "wait for it to end (or stop it) before running or resuming this folder");
    }
    try {
      Holder previous = parse(readAll(ch));
      writeHolder(ch, me);
      return new RunLock(abs, ch, lock, previous);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static RunLock acquirePidfile(Path abs, Holder me) throws IOException {
    Path file = abs.resolve(FILE);
    Holder h = Files.exists(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : null;
    if (h != null) {
      if (!h.host().equals(me.host())) {
        throw new HeldException(abs, h, "file locks are not in use (" + MODE_ENV + "=pidfile or no lock support) and "
            + "a process on another host cannot be checked; if it is no longer running, delete " + file + " and retry");
      }
      if (alive(h)) throw new HeldException(abs, h, "wait for it to end (or stop it) before running or resuming this folder");
    }
    AtomicFiles.writeString(file, Json.toString(me));
    return new RunLock(abs, null, null, h);
  }

  /**
   * The live holder of {@code dir}'s lock, or empty when the folder is free (or has no lock file). Briefly takes
   * and releases the lock to find out; never creates the folder or the file.
   */
  public static Optional<Holder> holder(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Holder here = HELD_HERE.get(abs);
    if (here != null) return Optional.of(here);
    Path file = abs.resolve(FILE);
    if (!Files.isRegularFile(file)) return Optional.empty();
    if (!pidfileMode()) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock probe = ch.tryLock();
        if (probe != null) {
          probe.release();
          return Optional.empty();
        }
        Holder h = parse(readAll(ch));
        return Optional.of(h != null ? h : new Holder(-1, "?", "", "?", ""));
      } catch (NoSuchFileException gone) {
        return Optional.empty();
      } catch (IOException | UnsupportedOperationException noLocks) {
        // fall through to the pid file
      }
    }
    Holder h = parse(Files.readString(file, StandardCharsets.UTF_8));
    if (h == null) return Optional.empty();
    return !h.host().equals(hostName()) || alive(h) ? Optional.of(h) : Optional.empty();
  }

  /**
   * Fails with {@link HeldException} naming the holder if {@code dir} is locked by a live process: an early check
   * before a command loads its data ({@link #acquire} stays the authoritative one).
   */
  public static void checkFree(Path dir) throws IOException {
    Optional<Holder> h = holder(dir);
    if (h.isPresent()) {
      throw new HeldException(dir.toAbsolutePath().normalize(), h.get(),
          "wait for it to end (or stop it) before running or resuming this folder");
    }
  }

  /** The folder this lock holds. */
  public Path dir() {
    return dir;
  }

  /** The holder recorded before this process took the lock over (a dead or finished process), or null. */
  public Holder previous() {
    return previous;
  }

  /** Releases the lock: the holder file is emptied (OS lock) or deleted (pid file). Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    Holder mine = HELD_HERE.get(dir);
    if (mine == null) return;
    try {
      if (channel != null) {
        try {
          if (channel.isOpen()) channel.truncate(0);
        } finally {
          channel.close(); // releases the lock
        }
      } else {
        Holder h = parse(Files.exists(dir.resolve(FILE)) ? Files.readString(dir.resolve(FILE)) : "");
        if (h != null && h.pid() == mine.pid() && h.host().equals(mine.host())) Files.deleteIfExists(dir.resolve(FILE));
      }
    } finally {
      HELD_HERE.remove(dir);
    }
  }

  /** Whether the holder process (on this host) is alive: its pid exists with the recorded start time. */
  static boolean alive(Holder h) {
    Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
    if (p.isEmpty() || !p.get().isAlive()) return false;
    if (h.processStart().isEmpty()) return true;
    return p.get().info().startInstant().map(s -> s.toString().equals(h.processStart())).orElse(true);
  }

  static boolean pidfileMode() {
    String mode = System.getProperty("taunet.lock", System.getenv(MODE_ENV));
    return mode != null && mode.strip().toLowerCase(Locale.ROOT).equals("pidfile");
  }

  static String hostName() {
    String env = System.getenv("HOSTNAME");
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException unknown) {
      return env != null && !env.isBlank() ? env : "localhost";
    }
  }

  private static void writeHolder(FileChannel ch, Holder me) throws IOException {
    byte[] bytes = Json.toString(me).getBytes(StandardCharsets.UTF_8);
    ch.truncate(0);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = 0;
    while (buf.hasRemaining()) pos += ch.write(buf, pos);
    ch.force(true);
  }

  private static String readAll(FileChannel ch) throws IOException {
    long size = Math.min(ch.size(), 1 << 16);
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    long pos = 0;
    while (buf.hasRemaining() && ch.read(buf, pos) > 0) pos = buf.position();
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  /** The holder in a lock file's text, or null if it is empty or unreadable (e.g. caught mid-write). */
  static Holder parse(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return Json.mapper().readValue(text, Holder.class);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
