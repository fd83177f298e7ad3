package org.taunet.tasks;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The duration of one trial period in milliseconds, neurogym style: a constant, a choice among values, a uniform
 * range or a truncated exponential. Durations are drawn per trial and turned into time steps by
 * {@link #steps(double, double)}, the one rounding rule of the tasks package.
 */
public sealed interface Duration {
  /** One draw, in ms. */
  double sample(SplittableRandom rng);

  /** The largest value a draw can take, in ms (sets the padded trial length). */
  double maxMs();

  /**
   * The rounding rule to time steps: {@code round(ms / dtMs)} with ties rounded up (Math.round), except that a
   * positive duration is never rounded to zero steps (at least 1). A zero duration is zero steps.
   */
  static int steps(double ms, double dtMs) {
    if (ms <= 0) return 0;
    return (int) Math.max(1, Math.round(ms / dtMs));
  }

  /** Always {@code ms}. */
  record Constant(double ms) implements Duration {
    public Constant {
      if (!(ms >= 0) || !Double.isFinite(ms)) throw new IllegalArgumentException("duration must be >= 0 ms: " + ms);
    }
    @Override public double sample(SplittableRandom rng) { return ms; }
    @Override public double maxMs() { return ms; }
  }

  /** One of {@code values}, each with equal probability. */
  record Choice(List<Double> values) implements Duration {
    public Choice {
      values = List.copyOf(values);
      if (values.isEmpty()) throw new IllegalArgumentException("choice needs at least one duration");
      for (double v : values) new Constant(v);
    }
    @Override public double sample(SplittableRandom rng) { return values.get(rng.nextInt(values.size())); }
    @Override public double maxMs() { return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(); }
  }

  /** Uniform on [lo, hi] ms. */
  record Uniform(double lo, double hi) implements Duration {
    public Uniform {
      if (!(lo >= 0 && hi >= lo) || !Double.isFinite(hi)) throw new IllegalArgumentException("need 0 <= lo <= hi: " + lo + ", " + hi);
    }
    @Override public double sample(SplittableRandom rng) { return lo + (hi - lo) * rng.nextDouble(); }
    @Override public double maxMs() { return hi; }
  }

  /** Exponential with the given mean, truncated to [lo, hi] ms by inverse-CDF sampling (neurogym's truncated_exponential). */
  record TruncatedExponential(double mean, double lo, double hi) implements Duration {
    public TruncatedExponential {
      if (!(mean > 0 && lo >= 0 && hi > lo) || !Double.isFinite(hi)) {
        throw new IllegalArgumentException("need mean > 0 and 0 <= lo < hi: " + mean + ", " + lo + ", " + hi);
      }
    }
    @Override public double sample(SplittableRandom rng) {
      // F(x) on [lo, hi]: x = lo - mean * log(1 - u (1 - exp(-(hi - lo) / mean)))
      double u = rng.nextDouble();
      return Math.min(hi, lo - mean * Math.log(1 - u * (1 - Math.exp(-(hi - lo) / mean))));
    }
    @Override public double maxMs() { return hi; }
  }
}
