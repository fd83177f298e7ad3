package org.taunet.report.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Pareto frontier of a scaling sweep: for each parameter budget, the allocation selected on validation. */
public final class ParetoFrontier {
  private ParetoFrontier() {}

  /**
   * One allocation's result (mean over its seeds).
   *
   * @param model the network: elm, or a baseline sized for the budget (lstm, leaky-rnn)
   * @param budget the parameter budget P it was sized for
   * @param units N
   * @param ke k_e
   * @param kc k_c
   * @param params exact parameter count (NaN if unknown)
   * @param loss loss, mean over the runs (NaN if the runs have none)
   * @param lossSd standard deviation of the runs' losses (NaN for one run)
   * @param error error, 1 - accuracy, mean over the runs (NaN if unknown)
   * @param runs runs averaged
   * @param select the validation loss that ranks allocations, mean over the runs of each run's lowest (NaN if none)
   */
  public record Point(String model, double budget, int units, int ke, int kc, double params, double loss, double lossSd,
                      double error, int runs, double select) {
    /** A point without a validation loss: ranked by its loss. */
    public Point(String model, double budget, int units, int ke, int kc, double params, double loss, double lossSd,
                 double error, int runs) {
      this(model, budget, units, ke, kc, params, loss, lossSd, error, runs, Double.NaN);
    }

    /** What ranks this point among a budget's allocations: its validation loss, else its loss. */
    public double rank() {
      return Double.isFinite(select) ? select : loss;
    }

    /** Whether this is an ELM allocation (not a baseline). */
    public boolean elm() {
      return "elm".equals(model);
    }
  }

  /**
   * The order in which a budget's allocations are chosen: those with more than one run first (the re-measured),
   * then the smaller {@link Point#rank}. A budget sweep is a two-stage design (every cell at one seed, then the best
   * cells by validation at more seeds, {@link FrontierSeeds}), so the best cell is picked among the finalists that
   * were re-measured: a one-seed cell that beats their means on validation is more often a lucky seed than a better
   * cell (the finalists' own first seeds were picked for luck too, and their fresh seeds regress toward their true
   * loss).
   */
  public static final Comparator<Point> SELECTION = Comparator.comparing((Point p) -> p.runs() < 2)
      .thenComparingDouble(Point::rank);

  /**
   * For each budget (ascending), the first ELM point in {@link #SELECTION} order (selected on validation, so the
   * test loss it reports is not itself the selection) among those with a finite loss; budgets whose points all lack
   * a loss are left out, and baselines are not candidates. Ties keep the first point.
   */
  public static List<Point> frontier(List<Point> points) {
    return elmByBudget(points).values().stream().map(cells -> cells.stream().min(SELECTION).get()).toList();
  }

  /** The ELM points with a finite loss, by budget (ascending), each budget's in their given order. */
  static Map<Double, List<Point>> elmByBudget(List<Point> points) {
    Map<Double, List<Point>> byBudget = new TreeMap<>();
    for (Point p : points) {
      if (p.elm() && Double.isFinite(p.loss())) byBudget.computeIfAbsent(p.budget(), k -> new ArrayList<>()).add(p);
    }
    return byBudget;
  }

  /** The points sorted by budget, then N, then k_e. */
  public static List<Point> sorted(List<Point> points) {
    return points.stream().sorted(Comparator.comparingDouble(Point::budget).thenComparingInt(Point::units)
        .thenComparingInt(Point::ke)).toList();
  }
}
