package org.taunet.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.MetricsCsv;
import org.taunet.run.RunDir;

/** What the {@link TrainLoop} wrote into a run folder, in a form resume tests compare. */
public final class LoopFiles {
  private LoopFiles() {}

  /** metrics.csv rows and summary.json fields without timing values ({@link TrainLoop#isTiming}). */
  public static List<Object> withoutTiming(Path run) throws IOException {
    List<Object> out = new ArrayList<>();
    for (Map<String, String> r : MetricsCsv.read(run.resolve(TrainLoop.METRICS))) {
      Map<String, String> kept = new LinkedHashMap<>(r);
      kept.keySet().removeIf(TrainLoop::isTiming);
      out.add(kept);
    }
    Map<String, Object> summary = new LinkedHashMap<>(RunDir.open(run).readJson(TrainLoop.SUMMARY, Map.class));
    summary.keySet().removeIf(TrainLoop::isTiming);
    out.add(summary);
    return out;
  }
}
