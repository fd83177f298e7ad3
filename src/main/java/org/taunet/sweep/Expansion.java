package org.taunet.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.taunet.run.Seeds;

/**
 * Expands a {@link SweepSpec} into its points: grid (Cartesian product, first axis slowest) x allocation rows x
 * random draws. Deterministic: the same spec gives the same points, ids and order.
 */
public final class Expansion {
  private Expansion() {}

  /** Significant digits of drawn real values (keeps folder names and command lines short). */
  static final int DRAW_DIGITS = 4;

  /** All points of {@code spec}. */
  public static List<SweepPoint> points(SweepSpec spec) {
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(new LinkedHashMap<>());
    for (var axis : spec.grid().entrySet()) rows = cross(rows, axis.getValue().stream()
        .map(v -> Map.of(axis.getKey(), v)).toList());
    if (spec.allocation() != null) {
      rows = cross(rows, Allocations.get(spec.allocation().function()).allocate(spec.allocation().args()));
    }
    if (spec.random() != null) rows = cross(rows, draws(spec.random()));
    List<SweepPoint> points = new ArrayList<>(rows.size());
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Map<String, String> params : rows) {
      SweepPoint p = SweepPoint.of(points.size(), spec.command(), spec.flags(), params);
      if (!ids.add(p.id())) throw new IllegalArgumentException("sweep " + spec.name() + ": two points with the same "
          + "flags (" + p.params() + "); an axis repeats a value");
      points.add(p);
    }
    return points;
  }

  /** Every row of {@code left} extended by every row of {@code right} (right's keys win). */
  private static List<Map<String, String>> cross(List<Map<String, String>> left, List<Map<String, String>> right) {
    List<Map<String, String>> out = new ArrayList<>(left.size() * right.size());
    for (Map<String, String> l : left) {
      for (Map<String, String> r : right) {
        Map<String, String> m = new LinkedHashMap<>(l);
        m.putAll(r);
        out.add(m);
      }
    }
    return out;
  }

  /** The random draws; draw i uses its own stream, so adding samples keeps the earlier draws. */
  static List<Map<String, String>> draws(SweepSpec.RandomAxes random) {
    Seeds seeds = new Seeds(random.seed());
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < random.samples(); i++) {
      SplittableRandom rng = seeds.stream("sweep-random-" + i);
      Map<String, String> row = new LinkedHashMap<>();
      random.axes().forEach((flag, axis) -> row.put(flag, draw(axis, rng)));
      out.add(row);
    }
    return out;
  }

  static String draw(SweepSpec.RandomAxis a, SplittableRandom rng) {
    return switch (a.dist()) {
      case "uniform" -> round(a.min() + (a.max() - a.min()) * rng.nextDouble());
      case "loguniform" -> round(Math.exp(Math.log(a.min()) + Math.log(a.max() / a.min()) * rng.nextDouble()));
      case "int" -> Long.toString((long) Math.ceil(a.min()) + rng.nextLong((long) Math.floor(a.max())
          - (long) Math.ceil(a.min()) + 1));
      case "choice" -> a.values().get(rng.nextInt(a.values().size()));
      default -> throw new IllegalStateException(a.dist());
    };
  }

  private static String round(double v) {
    return new BigDecimal(v).round(new MathContext(DRAW_DIGITS)).stripTrailingZeros().toPlainString();
  }
}
