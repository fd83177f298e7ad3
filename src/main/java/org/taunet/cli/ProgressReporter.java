package org.taunet.cli;

import java.io.Console;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr when it is a terminal; silent otherwise (logs then hold only the callers' summary
 * lines). The one bar set-up of taunet: training ({@link LoopProgress}) and sweeps use it.
 */
final class ProgressReporter implements AutoCloseable {
  private final ProgressBar bar;
  private final long startNanos = System.nanoTime();

  private ProgressReporter(ProgressBar bar) {
    this.bar = bar;
  }

  static ProgressReporter start(String task, long max) {
    if (!interactive()) return new ProgressReporter(null);
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    return new ProgressReporter(bar);
  }

  /** Sets progress to {@code done} with a message and the examples/s since start. */
  void step(long done, String message, long examples) {
    if (bar == null) return;
    double seconds = (System.nanoTime() - startNanos) * 1e-9;
    bar.stepTo(done);
    bar.setExtraMessage(String.format(" %s  %.0f samples/s", message, examples / Math.max(seconds, 1e-9)));
  }

  /** Sets progress to {@code done} of {@code max} (which may grow) with a message. */
  void stepTo(long done, long max, String message) {
    if (bar == null) return;
    bar.maxHint(max);
    bar.stepTo(done);
    bar.setExtraMessage(" " + message);
  }

  /** Whether a bar is shown (stderr is a terminal and -Dtaunet.quiet is not set). */
  boolean showing() {
    return bar != null;
  }

  @Override public void close() {
    if (bar != null) bar.close();
  }

  // System.console() is non-null for redirected streams since JDK 22; Console.isTerminal() (JDK 22+)
  // tells a real terminal apart. Looked up at run time because the code targets Java 21.
  private static boolean interactive() {
    Console c = System.console();
    if (c == null || Boolean.getBoolean("taunet.quiet")) return false;
    try {
      MethodHandle isTerminal = MethodHandles.publicLookup()
          .findVirtual(Console.class, "isTerminal", MethodType.methodType(boolean.class));
      return (boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return true; // JDK 21: a non-null console is a terminal
    } catch (Throwable t) {
      return false;
    }
  }
}
