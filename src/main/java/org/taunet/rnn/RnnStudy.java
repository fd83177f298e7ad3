package org.taunet.rnn;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.taunet.numerics.Kernels;
import org.taunet.run.RunDir;
import org.taunet.train.TrainLoop;

/**
 * The multi-tau comparison: trains every (condition, seed) of a task into {@code OUT/CONDITION-sSEED} (a run folder
 * like any {@code taunet rnn train --out}), skipping runs whose summary.json says finished (or diverged) and resuming
 * the others, and lists the run folders by condition ({@link #runsByCondition}) for the table and plots
 * ({@code report.RnnStudyReport}).
 */
public final class RnnStudy {
  /** Trains one run folder (fresh or resumed). */
  @FunctionalInterface
  public interface Runner {
    TrainLoop.Result train(RunDir run, RnnConfig cfg, boolean resuming) throws Exception;
  }


  private final RnnConfig base;
  private final List<String> conditions;
  private final int seeds;
  private final Path out;

  public RnnStudy(RnnConfig base, List<String> conditions, int seeds, Path out) {
    if (seeds < 1) throw new IllegalArgumentException("seeds must be >= 1: " + seeds);
    if (conditions.isEmpty()) throw new IllegalArgumentException("no conditions");
    this.base = base;
    this.conditions = List.copyOf(conditions);
    this.seeds = seeds;
    this.out = out;
    for (String c : conditions) RnnConfig.parseTau(c); // a bad spec fails now
  }

  /** The run folder of a condition and seed. */
  public Path runDir(String condition, int seed) {
    return out.resolve(condition.replaceAll("[^A-Za-z0-9.=_-]+", "_") + "-s" + seed);
  }

  /** The config of a condition and seed: the base config with that tau and seed. */
  public RnnConfig config(String condition, int seed) {
    return base.withTauAndSeed(RnnConfig.parseTau(condition), seed);
  }

  /**
   * Whether a run folder holds a completed run: summary.json with status finished, or diverged (resuming a diverged
   * run would only repeat the divergence, bit for bit).
   */
  public static boolean finished(Path dir) {
    try {
      if (!Files.exists(dir.resolve(RnnSummary.FILE))) return false;
      String status = RunDir.open(dir).readJsonTree(RnnSummary.FILE).path("status").asText();
      return status.equals("finished") || status.equals("diverged");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Trains every unfinished run with {@code workers} parallel threads (each GEMM then single-threaded when workers
   * &gt; 1). Logs one line per run to {@code log}. A failing run is reported and the others go on; throws at the end
   * if any failed.
   */
  public void run(int workers, Runner runner, PrintStream log) throws Exception {
    if (workers < 1) throw new IllegalArgumentException("workers must be >= 1: " + workers);
    int oldThreads = Kernels.threads();
    if (workers > 1) Kernels.setThreads(1);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int seed = 1; seed <= seeds; seed++) {
        for (String c : conditions) {
          Path dir = runDir(c, seed);
          RnnConfig cfg = config(c, seed);
          jobs.add(pool.submit(() -> {
            if (finished(dir)) {
              log.println("study: " + dir.getFileName() + " already done");
              return;
            }
            try {
              boolean resume = Files.exists(dir.resolve(RunDir.CONFIG));
              RunDir run = resume ? RunDir.open(dir) : RunDir.create(dir);
              long t0 = System.nanoTime();
              TrainLoop.Result r = runner.train(run, cfg, resume);
              log.printf(Locale.ROOT, "study: %s %s: eval acc %.1f%%, to criterion %s, %.0f s%n", dir.getFileName(),
                  r.status(), 100 * (double) r.summary().get("final_eval_acc"), r.summary().get("steps_to_criterion"),
                  (System.nanoTime() - t0) * 1e-9);
            } catch (Exception e) {
              failed.add(dir.getFileName() + ": " + e);
              log.println("study: " + dir.getFileName() + " FAILED: " + e);
            }
          }));
        }
      }
      for (Future<?> f : jobs) f.get();
      if (!failed.isEmpty()) throw new IOException(failed.size() + " run(s) failed: " + failed);
    } finally {
      pool.shutdown();
      Kernels.setThreads(oldThreads);
    }
  }

  /** The run folders that exist, by condition (in the order given), seeds ascending; the report reads them. */
  public Map<String, List<Path>> runsByCondition() {
    Map<String, List<Path>> byCondition = new LinkedHashMap<>();
    for (String c : conditions) {
      List<Path> dirs = new ArrayList<>();
      for (int s = 1; s <= seeds; s++) if (Files.exists(runDir(c, s).resolve(RunDir.CONFIG))) dirs.add(runDir(c, s));
      byCondition.put(c, dirs);
    }
    return byCondition;
  }
}
