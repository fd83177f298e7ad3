package org.taunet.numerics;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A small fixed pool of daemon worker threads for the numerical kernels: {@link Kernels#threads()}
 * minus one workers, the calling thread being the last one (grown if a call asks for more).
 *
 * <p>{@link #forEach} runs tasks {@code 0..tasks-1} on the calling thread plus up to
 * {@code threads - 1} pool workers, handing out task indices from a shared counter. Results are
 * deterministic as long as each task writes its own disjoint output: which thread runs a task never
 * changes what the task computes. Calls made from inside a task, on a pool worker or on the calling thread, run
 * serially (no nested fan-out).
 */
public final class Parallel {
  private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> false);
  private static ExecutorService pool;
  private static int poolWorkers;

  private Parallel() {}

  /** Runs {@code body.accept(t)} for every t in [0, tasks), using at most {@code threads} threads. */
  public static void forEach(int tasks, int threads, IntConsumer body) {
    int helpers = Math.min(threads, tasks) - 1;
    if (helpers <= 0 || IN_WORKER.get()) {
      for (int t = 0; t < tasks; t++) body.accept(t);
      return;
    }
    ExecutorService workers = pool(threads - 1);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(helpers);
    Runnable helper = () -> {
      try {
        drain(tasks, next, failure, body);
      } finally {
        done.countDown();
      }
    };
    for (int h = 0; h < helpers; h++) workers.execute(helper);
    // The caller counts as a worker while it runs tasks: a nested call (e.g. a GEMM inside a task) runs serially
    // instead of queueing behind the busy workers and waiting for them.
    IN_WORKER.set(true);
    try {
      drain(tasks, next, failure, body);
    } finally {
      IN_WORKER.set(false);
    }
    // Wait for the helpers: they may still be running the last tasks they took.
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    if (t != null) throw new IllegalStateException(t);
  }

  private static void drain(int tasks, AtomicInteger next, AtomicReference<Throwable> failure,
                            IntConsumer body) {
    int t;
    while (failure.get() == null && (t = next.getAndIncrement()) < tasks) {
      try {
        body.accept(t);
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  /**
   * The shared pool, with at least {@code workers} threads: it only grows (each call submits no
   * more helpers than it asked for, so spare idle workers cost nothing).
   */
  private static synchronized ExecutorService pool(int workers) {
    if (pool == null || poolWorkers < workers) {
      if (pool != null) pool.shutdown();
      AtomicInteger id = new AtomicInteger();
      pool = Executors.newFixedThreadPool(workers, r -> {
        Thread th = new Thread(() -> {
          IN_WORKER.set(true);
          r.run();
        }, "taunet-kernel-" + id.incrementAndGet());
        th.setDaemon(true);
        return th;
      });
      poolWorkers = workers;
    }
    return pool;
  }
}
