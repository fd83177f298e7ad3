package org.taunet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.AtomicFiles;
import org.taunet.run.Json;

/**
 * Predicts a run's training time in core-seconds from its {@link Work}: per family, the measured CPU seconds of
 * training steps of several sizes ({@code taunet bench --growth}, one thread: as sweep points run), as a rate curve (seconds per FLOP against FLOPs per step) interpolated
 * linearly on log-log axes between measured sizes and held constant beyond them. The model shipped with taunet
 * (resource {@code cost-model.json}) was measured on the machine named in it; {@code taunet bench --growth all
 * --save} measures this machine's into {@link #userFile()}, which is used instead when present.
 *
 * @param measured where and when the calibration was measured
 * @param families family name to its measured steps, [FLOPs per step, CPU seconds per step] pairs
 */
public record CostModel(String measured, Map<String, List<double[]>> families) {
  /** This machine's calibration, written by {@code taunet bench --growth all --save}: ~/.taunet/cost-model.json. */
  public static Path userFile() {
    return Path.of(System.getProperty("user.home"), ".taunet", "cost-model.json");
  }

  /** The user's calibration if there is one, else the one shipped with taunet. */
  public static CostModel load() throws IOException {
    if (Files.isRegularFile(userFile())) return Json.read(userFile(), CostModel.class);
    try (InputStream in = CostModel.class.getResourceAsStream("cost-model.json")) {
      if (in == null) throw new IOException("cost-model.json is missing from the taunet jar");
      return Json.mapper().readValue(in, CostModel.class);
    }
  }

  /** A model from growth measurements: each axis's points under the family its name starts with ("rnn-units"). */
  public static CostModel of(String measured, Map<Growth.Axis, List<Growth.Point>> points) {
    Map<String, List<double[]>> fam = new LinkedHashMap<>();
    points.forEach((axis, ps) -> {
      List<double[]> list = fam.computeIfAbsent(axis.name().substring(0, axis.name().indexOf('-')), k -> new ArrayList<>());
      for (Growth.Point p : ps) list.add(new double[] {p.flopsPerStep(), p.cpuSecondsPerStep()});
    });
    return new CostModel(measured, fam);
  }

  /** Writes the model to {@code file} atomically. */
  public void save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.writeString(file, Json.toString(this));
  }

  /** Predicted training core-seconds of {@code w} for {@code family}; NaN if either is unknown. */
  public double seconds(String family, Work w) {
    List<double[]> pts = families.get(family);
    if (pts == null || pts.isEmpty() || !w.known()) return Double.NaN;
    return w.flops() * secondsPerFlop(pts, w.flopsPerStep());
  }

  /**
   * Whether a step of {@code w} is smaller than every step measured for {@code family}: there the rate is held at the
   * smallest measured size's, while small steps run at a lower rate (per-step overheads outweigh their arithmetic), so
   * the estimate is too low.
   */
  public boolean belowCalibration(String family, Work w) {
    List<double[]> pts = families.get(family);
    if (pts == null || !w.known()) return false;
    return pts.stream().allMatch(p -> w.flopsPerStep() < p[0]);
  }

  /** The measured seconds per FLOP at a step of {@code f} FLOPs: log-log interpolation, constant outside. */
  static double secondsPerFlop(List<double[]> measured, double f) {
    List<double[]> pts = new ArrayList<>(measured);
    pts.sort(Comparator.comparingDouble(p -> p[0]));
    if (f <= pts.get(0)[0]) return pts.get(0)[1] / pts.get(0)[0];
    for (int i = 1; i < pts.size(); i++) {
      double[] a = pts.get(i - 1), b = pts.get(i);
      if (f <= b[0]) {
        double t = (Math.log(f) - Math.log(a[0])) / (Math.log(b[0]) - Math.log(a[0]));
        double ra = Math.log(a[1] / a[0]), rb = Math.log(b[1] / b[0]);
        return Math.exp(ra + t * (rb - ra));
      }
    }
    double[] last = pts.get(pts.size() - 1);
    return last[1] / last[0];
  }
}
