package org.taunet.numerics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A small pool of daemon worker threads for the numerical kernels: {@link Kernels#threads()} minus one workers, the
 * calling thread being the last one (grown if a call asks for more).
 *
 * <p>{@link #forEach} runs tasks {@code 0..tasks-1} on the calling thread plus up to {@code threads - 1} pool
 * workers, handing out task indices from a shared counter. Results are deterministic as long as each task writes its
 * own disjoint output: which thread runs a task never changes what the task computes. Calls made from inside a task,
 * on a pool worker or on the calling thread, run serially (no nested fan-out), as do calls made while another thread
 * is using the pool.
 *
 * <p>Hand-off: a worker that finished a job spins for {@link #SPIN_NANOS} waiting for the next one before it parks,
 * because the kernels call in bursts (every relaxation or time step of a minibatch) and waking a parked thread took
 * about 33 us a call on the 2-core VM of the issue-16 measurements, longer than many of the calls' own work. A helper
 * that has not picked its job up by the time the caller has run every task is withdrawn, so the caller never waits for
 * a thread to wake up only to find nothing to do.
 */
public final class Parallel {
  /** How long an idle worker waits, spinning, for the next job before it parks. */
  static final long SPIN_NANOS = 200_000;

  private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> false);
  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static Worker[] workers = new Worker[0];

  private Parallel() {}

  /** One call's tasks: a shared task counter, the helpers still running, the first failure. */
  private static final class Job {
    final int tasks;
    final IntConsumer body;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger running;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(int tasks, IntConsumer body, int helpers) {
      this.tasks = tasks;
      this.body = body;
      this.running = new AtomicInteger(helpers);
    }

    void drain() {
      int t;
      while (failure.get() == null && (t = next.getAndIncrement()) < tasks) {
        try {
          body.accept(t);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }
    }
  }

  /** A pool thread: takes the job put in its slot, runs tasks until none is left, waits for the next. */
  private static final class Worker extends Thread {
    final AtomicReference<Job> slot = new AtomicReference<>();
    volatile boolean parked;

    Worker(int id) {
      super("taunet-kernel-" + id);
      setDaemon(true);
    }

    @Override
    public void run() {
      IN_WORKER.set(true);
      while (true) {
        Job j = await();
        if (slot.compareAndSet(j, null)) {   // else the caller withdrew it: it ran every task itself
          j.drain();
          j.running.decrementAndGet();
        }
      }
    }

    private Job await() {
      long start = System.nanoTime();
      Job j;
      while ((j = slot.get()) == null) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        parked = true;           // then re-check: a job put before this write is seen here, one put after unparks us
        if ((j = slot.get()) == null) LockSupport.park(this);
        parked = false;
      }
      return j;
    }

    void give(Job j) {
      slot.set(j);
      if (parked) LockSupport.unpark(this);
    }
  }

  /** Runs {@code body.accept(t)} for every t in [0, tasks), using at most {@code threads} threads. */
  public static void forEach(int tasks, int threads, IntConsumer body) {
    int helpers = Math.min(threads, tasks) - 1;
    if (helpers <= 0 || IN_WORKER.get() || !BUSY.compareAndSet(false, true)) {
      for (int t = 0; t < tasks; t++) body.accept(t);
      return;
    }
    try {
      Worker[] pool = workers(helpers);
      Job job = new Job(tasks, body, helpers);
      for (int h = 0; h < helpers; h++) pool[h].give(job);
      // The caller counts as a worker while it runs tasks: a nested call (e.g. a GEMM inside a task) runs serially.
      IN_WORKER.set(true);
      try {
        job.drain();
      } finally {
        IN_WORKER.set(false);
      }
      for (int h = 0; h < helpers; h++) if (pool[h].slot.compareAndSet(job, null)) job.running.decrementAndGet();
      while (job.running.get() > 0) Thread.onSpinWait();   // helpers finishing the tasks they took
      Throwable t = job.failure.get();
      if (t instanceof RuntimeException r) throw r;
      if (t instanceof Error e) throw e;
      if (t != null) throw new IllegalStateException(t);
    } finally {
      BUSY.set(false);
    }
  }

  /** The pool, with at least {@code n} workers: it only grows; idle workers park after {@link #SPIN_NANOS}. */
  private static synchronized Worker[] workers(int n) {
    if (workers.length < n) {
      Worker[] grown = java.util.Arrays.copyOf(workers, n);
      for (int i = workers.length; i < n; i++) {
        grown[i] = new Worker(i + 1);
        grown[i].start();
      }
      workers = grown;
    }
    return workers;
  }
}
