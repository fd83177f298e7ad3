package org.taunet.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.run.Json;

/**
 * A sweep folder: {@code sweep.json} (the resolved spec, the data directory and every point with its id and
 * flags) and {@code points/ID/}, one run folder per point. Writing the same spec again keeps every point folder
 * (ids are stable), so a sweep is resumed by running it again.
 */
public final class Sweep {
  /** The manifest file marking a sweep folder. */
  public static final String FILE = "sweep.json";
  /** Where the point folders live. */
  public static final String POINTS = "points";

  /**
   * The content of sweep.json.
   *
   * @param spec the spec with its size applied
   * @param dataDir the data directory given to every point ($TAUNET_DATA), or null to inherit
   * @param points every point, in order
   */
  public record Manifest(SweepSpec spec, String dataDir, List<SweepPoint> points) {
    public Manifest {
      points = List.copyOf(points);
    }
  }

  private final Path dir;
  private final Manifest manifest;

  private Sweep(Path dir, Manifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /** Expands {@code spec} and writes (or rewrites) the sweep folder {@code dir}. */
  public static Sweep create(Path dir, SweepSpec spec, Path dataDir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Manifest m = new Manifest(spec, dataDir == null ? null : dataDir.toAbsolutePath().normalize().toString(),
        Expansion.points(spec));
    Files.createDirectories(abs.resolve(POINTS));
    Json.write(abs.resolve(FILE), m);
    return new Sweep(abs, m);
  }

  /** Opens an existing sweep folder. */
  public static Sweep open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs.resolve(FILE))) throw new NoSuchFileException(abs.toString(), null,
        "not a sweep folder: it has no " + FILE);
    return new Sweep(abs, Json.read(abs.resolve(FILE), Manifest.class));
  }

  /** Whether {@code dir} holds a sweep. */
  public static boolean isSweep(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  public Path dir() {
    return dir;
  }

  public SweepSpec spec() {
    return manifest.spec();
  }

  public Manifest manifest() {
    return manifest;
  }

  public List<SweepPoint> points() {
    return manifest.points();
  }

  /** The point with array index {@code index}. */
  public SweepPoint point(int index) {
    if (index < 0 || index >= points().size()) throw new IllegalArgumentException("point index " + index
        + " outside 0.." + (points().size() - 1));
    return points().get(index);
  }

  /** The run folder of {@code p}. */
  public Path pointDir(SweepPoint p) {
    return dir.resolve(POINTS).resolve(p.id());
  }

  /** Every point's state, in point order. */
  public Map<SweepPoint, PointState> states() throws IOException {
    Map<SweepPoint, PointState> out = new LinkedHashMap<>();
    for (SweepPoint p : points()) out.put(p, PointState.read(pointDir(p)));
    return out;
  }

  /** Counts by state (every state listed, in enum order). */
  public Map<PointState.State, Integer> counts() throws IOException {
    Map<PointState.State, Integer> c = new LinkedHashMap<>();
    for (PointState.State s : PointState.State.values()) c.put(s, 0);
    for (PointState st : states().values()) c.merge(st.state(), 1, Integer::sum);
    return c;
  }
}
