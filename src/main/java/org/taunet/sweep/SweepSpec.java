package org.taunet.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sweep: one taunet subcommand ({@code command}, e.g. {@code [ep, train]}) run once per point, where a point is
 * the base {@code flags} overridden by one value of every {@code grid} axis (Cartesian product), one
 * {@code allocation} (rows of flags listed by a named {@link Allocations} function, e.g. (N, k_e, k_c) under a
 * budget) and one draw of the {@code random} axes. Every point runs as
 * {@code taunet COMMAND --FLAG VALUE ... ARGS --out POINT_DIR}. Read from YAML or JSON; the format is
 * documented in docs/sweeps.md.
 *
 * @param name the sweep's name (default folder name); letters, digits, '.', '_' and '-'
 * @param study the study this sweep belongs to (free text; reports show it)
 * @param description one line for people
 * @param command the taunet subcommand words, e.g. [ep, train]
 * @param flags base flags, name without "--" to value; the empty string is a bare switch
 * @param args raw arguments appended to every point's command line (e.g. --quiet); also used on resume
 * @param grid axes of the Cartesian product, flag name to values, in order (the first axis varies slowest)
 * @param allocation an allocation axis, or null
 * @param random random axes, or null
 * @param seedAxis the replicate axis: points differing only in it form one condition in reports
 * @param resources what one point needs (Slurm requests, worker JVM heap)
 * @param sizes named overrides ("paper") applied by {@link #withSize}
 */
public record SweepSpec(String name, String study, String description, List<String> command,
                        Map<String, String> flags, List<String> args, Map<String, List<String>> grid,
                        Allocation allocation, RandomAxes random, String seedAxis, Resources resources,
                        Map<String, Size> sizes) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern FLAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
  /** Flags a point may not set: the sweep owns the run folder. */
  private static final List<String> RESERVED = List.of("out", "resume");

  /** Fills defaults (empty maps, seed axis "seed", default resources) and validates. */
  public SweepSpec {
    if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("sweep name '" + name
        + "': use letters, digits, '.', '_' and '-'");
    study = study == null ? name : study;
    description = description == null ? "" : description;
    if (command == null || command.isEmpty()) throw new IllegalArgumentException("sweep " + name
        + ": 'command' (the taunet subcommand, e.g. [ep, train]) is missing");
    command = List.copyOf(command);
    flags = copy(flags);
    args = args == null ? List.of() : List.copyOf(args);
    grid = copyGrid(grid);
    seedAxis = seedAxis == null ? "seed" : seedAxis;   // replicates are called seeds in every taunet command
    resources = resources == null ? Resources.DEFAULT : resources;
    sizes = sizes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    for (String f : flags.keySet()) checkFlag(f);
    for (String f : grid.keySet()) checkFlag(f);
    if (random != null) random.axes().keySet().forEach(SweepSpec::checkFlag);
    for (var e : grid.entrySet()) {
      if (e.getValue().isEmpty()) throw new IllegalArgumentException("sweep " + name + ": grid axis '" + e.getKey()
          + "' has no values");
    }
  }

  /** Resources of one point. {@code mem} and {@code time} use Slurm's syntax (e.g. 2G, 00:30:00). */
  public record Resources(int cpus, String mem, String time, String partition) {
    /** One core, 2 GB, one hour: enough for the small EP/RNN points; studies set their own. */
    public static final Resources DEFAULT = new Resources(1, "2G", "01:00:00", null);

    /** Validates; a missing mem/time takes the default's. */
    public Resources {
      if (cpus < 1) cpus = 1;   // an omitted cpus reads as 0
      mem = mem == null ? "2G" : mem.strip();
      time = time == null ? "01:00:00" : time.strip();
      if (!mem.matches("\\d+[KMGT]?")) throw new IllegalArgumentException("resources.mem '" + mem
          + "': a number with an optional K/M/G/T suffix (Slurm's --mem)");
    }

    /** {@link #mem} in megabytes (no suffix means megabytes, as in Slurm). */
    public long memMb() {
      char u = mem.charAt(mem.length() - 1);
      long v = Long.parseLong(Character.isDigit(u) ? mem : mem.substring(0, mem.length() - 1));
      return switch (u) {
        case 'K' -> Math.max(1, v / 1024);
        case 'G' -> v * 1024;
        case 'T' -> v * 1024 * 1024;
        default -> v;
      };
    }
  }

  /**
   * An allocation axis: {@code function} names an {@link Allocations} entry that turns {@code args} into rows of
   * flags (e.g. every (units, ke, kc) that fits each budget).
   */
  public record Allocation(String function, Map<String, List<String>> args) {
    public Allocation {
      if (function == null || function.isBlank()) throw new IllegalArgumentException("allocation.function is missing");
      args = copyGrid(args);
    }
  }

  /**
   * Random axes: {@code samples} draws per grid point and allocation, draw i the same for every grid point (a
   * paired design), from a stream derived from {@code seed} and i.
   */
  public record RandomAxes(int samples, long seed, Map<String, RandomAxis> axes) {
    public RandomAxes {
      if (samples < 1) throw new IllegalArgumentException("random.samples must be >= 1, got " + samples);
      axes = axes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    }
  }

  /**
   * One random axis: {@code dist} is uniform or loguniform over [min, max], int (uniform integer in [min, max])
   * or choice (one of {@code values}).
   */
  public record RandomAxis(String dist, Double min, Double max, List<String> values) {
    public RandomAxis {
      switch (dist == null ? "" : dist) {
        case "uniform", "int" -> requireRange(min, max, dist);
        case "loguniform" -> {
          requireRange(min, max, dist);
          if (min <= 0) throw new IllegalArgumentException("loguniform needs min > 0");
        }
        case "choice" -> {
          if (values == null || values.isEmpty()) throw new IllegalArgumentException("choice needs values");
        }
        default -> throw new IllegalArgumentException("random axis dist '" + dist
            + "': uniform, loguniform, int or choice");
      }
      values = values == null ? List.of() : List.copyOf(values);
    }

    private static void requireRange(Double min, Double max, String dist) {
      if (min == null || max == null || !(min <= max)) {
        throw new IllegalArgumentException(dist + " needs min <= max, got " + min + ", " + max);
      }
    }
  }

  /**
   * A named override: flags, grid axes and allocation args ({@code allocation}, e.g. other budgets) replace the
   * base ones key by key; non-null fields replace. On a spec without an allocation, a size's allocation args are the
   * columns of an {@code explicit} allocation (rows of several flags, e.g. a task with its own arguments), and each
   * column replaces the grid axis of the same name. A size's allocation with a {@code function} key replaces the
   * base allocation altogether: that function with the size's other allocation args.
   */
  public record Size(Map<String, String> flags, Map<String, List<String>> grid, Integer samples, Resources resources,
                     Map<String, List<String>> allocation) {
    public Size {
      flags = copy(flags);
      grid = copyGrid(grid);
      allocation = copyGrid(allocation);
    }
  }

  /** The key of a size's allocation args that names another allocation function. */
  static final String FUNCTION = "function";

  /** This spec with the named size applied ({@code null} or "small" = as is); the result has no sizes left. */
  public SweepSpec withSize(String size) {
    if (size == null || (size.equals("small") && !sizes.containsKey("small"))) return this;
    Size s = sizes.get(size);
    if (s == null) throw new IllegalArgumentException("sweep " + name + " has no size '" + size + "' (sizes: "
        + (sizes.isEmpty() ? "none" : String.join(", ", sizes.keySet())) + ")");
    Map<String, String> f = new LinkedHashMap<>(flags);
    f.putAll(s.flags());
    Map<String, List<String>> g = new LinkedHashMap<>(grid);
    g.putAll(s.grid());
    RandomAxes r = random == null || s.samples() == null ? random : new RandomAxes(s.samples(), random.seed(), random.axes());
    Allocation a = allocation;
    if (s.allocation().containsKey(FUNCTION)) { // the size brings its own allocation function and all its args
      List<String> fn = s.allocation().get(FUNCTION);
      if (fn.size() != 1) throw new IllegalArgumentException("size " + size + ": allocation.function takes one value, got " + fn);
      Map<String, List<String>> allocArgs = new LinkedHashMap<>(s.allocation());
      allocArgs.remove(FUNCTION);
      a = new Allocation(fn.get(0), allocArgs);
    } else if (!s.allocation().isEmpty() && a == null) {
      a = new Allocation("explicit", s.allocation());
      g.keySet().removeAll(s.allocation().keySet());
    } else if (!s.allocation().isEmpty()) {
      Map<String, List<String>> allocArgs = new LinkedHashMap<>(a.args());
      allocArgs.putAll(s.allocation());
      a = new Allocation(a.function(), allocArgs);
    }
    return new SweepSpec(name + "-" + size, study, description, command, f, args, g, a, r, seedAxis,
        s.resources() != null ? s.resources() : resources, Map.of());
  }

  /** Reads a spec from a .yaml/.yml or .json file (YAML is a superset of JSON, so either parses). */
  public static SweepSpec read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** Reads a spec from YAML or JSON text; {@code source} names it in errors. */
  public static SweepSpec read(InputStream in, String source) throws IOException {
    try {
      return YAML.readValue(in, SweepSpec.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new IOException(source + ": not a valid sweep spec (" + (cause == e ? e.getOriginalMessage()
          : cause.getMessage()) + "); fix it (docs/sweeps.md describes the format)", e);
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** This spec as YAML that {@link #read} reads back to an equal spec. */
  public String toYaml() throws IOException {
    return YAML.writeValueAsString(this);
  }

  private static void checkFlag(String f) {
    if (!FLAG.matcher(f).matches()) throw new IllegalArgumentException("flag '" + f
        + "': write it without the leading --, e.g. train-limit");
    if (RESERVED.contains(f)) throw new IllegalArgumentException("flag --" + f + " is set by the sweep itself");
  }

  private static Map<String, String> copy(Map<String, String> m) {
    return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  private static Map<String, List<String>> copyGrid(Map<String, List<String>> m) {
    if (m == null) return Map.of();
    Map<String, List<String>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v == null ? List.of() : List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(out);
  }
}
