package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-folder lock: refused with the holder named, taken over from dead processes, pid-file fallback. */
class RunLockTest {
  @TempDir Path tmp;

  @AfterEach
  void osMode() {
    System.clearProperty("taunet.lock");
  }

  /** Another process holds the folder: refused naming its pid and host; once it is kill -9'd the lock is taken over. */
  @Test
  void heldByAnotherProcessIsRefusedUntilItDiesThenTakenOver() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Path log = tmp.resolve("holder.log");
    Process holder = ChildJvm.start(log, List.of(), ChildJvm.LockHolder.class.getName(), dir.toString());
    try {
      assertTrue(ChildJvm.await(30, () -> ChildJvm.read(log).contains("locked")), () -> ChildJvm.read(log));
      RunLock.HeldException e = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(dir, "second"));
      assertTrue(e.getMessage().contains("pid " + holder.pid() + " on host " + RunLock.hostName()), e.getMessage());
      assertTrue(e.getMessage().contains("test lock holder"), e.getMessage());
      assertEquals(holder.pid(), RunLock.holder(dir).orElseThrow().pid());
    } finally {
      ChildJvm.kill9(holder);
    }
    assertTrue(RunLock.holder(dir).isEmpty(), "the OS released the dead holder's lock");
    try (RunLock lock = RunLock.acquire(dir, "taker")) {
      assertNotNull(lock.previous(), "the dead holder's record is reported");
      assertEquals(holder.pid(), lock.previous().pid());
      assertEquals(ProcessHandle.current().pid(), RunLock.holder(dir).orElseThrow().pid());
    }
    assertTrue(RunLock.holder(dir).isEmpty());
  }

  @Test
  void secondAcquireInTheSameProcessIsRefusedAndCloseReleases() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    try (RunLock lock = RunLock.acquire(dir, "first")) {
      RunLock.HeldException e = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(dir, "second"));
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(Files.readString(dir.resolve(RunLock.FILE)).contains("\"first\""));
    }
    RunLock.acquire(dir, "again").close();
    assertEquals("", Files.readString(dir.resolve(RunLock.FILE)), "a released lock file names no holder");
  }

  /** Pid-file fallback (no OS locks): a live holder on this host is refused, a dead one taken over, another host refused. */
  @Test
  void pidFileFallback() throws Exception {
    System.setProperty("taunet.lock", "pidfile");
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Path file = dir.resolve(RunLock.FILE);
    ProcessHandle self = ProcessHandle.current();
    String start = self.info().startInstant().map(Object::toString).orElse("");
    Files.writeString(file, Json.toString(new RunLock.Holder(self.pid(), RunLock.hostName(), start, "t0", "alive")));
    RunLock.HeldException live = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(dir, "x"));
    assertTrue(live.getMessage().contains("pid " + self.pid()), live.getMessage());

    // the same pid with another process start time is a reused pid: its holder is dead
    Files.writeString(file, Json.toString(new RunLock.Holder(self.pid(), RunLock.hostName(), "1970-01-01T00:00:00Z", "t0", "gone")));
    try (RunLock lock = RunLock.acquire(dir, "taker")) {
      assertEquals("gone", lock.previous().command());
      assertTrue(Files.readString(file).contains("\"taker\""));
    }
    assertTrue(Files.notExists(file), "the pid file is removed on release");

    Files.writeString(file, Json.toString(new RunLock.Holder(42, "some-other-node", "", "t0", "remote")));
    RunLock.HeldException remote = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(dir, "x"));
    assertTrue(remote.getMessage().contains("on host some-other-node"), remote.getMessage());
    assertTrue(remote.getMessage().contains("delete " + file), remote.getMessage());
  }
}
