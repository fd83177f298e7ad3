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

  /** The spec that {@link #parse} turns back into an equal duration, e.g. {@code choice:250/500/1000}. */
  String spec();

  /**
   * A duration from its spec, as given to {@code --timing PERIOD=SPEC}: {@code MS} (constant),
   * {@code choice:MS/MS/...}, {@code uniform:LO/HI} or {@code truncexp:MEAN/LO/HI} (neurogym's constant, choice, uniform
   * and truncated_exponential), all in ms.
   *
   * @throws IllegalArgumentException quoting the spec and the accepted forms
   */
  static Duration parse(String spec) {
    String s = spec.strip();
    int colon = s.indexOf(':');
    try {
      if (colon < 0) return new Constant(Double.parseDouble(s));
      String kind = s.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
      List<Double> v = java.util.Arrays.stream(s.substring(colon + 1).split("/")).map(x -> Double.parseDouble(x.strip())).toList();
      switch (kind) {
        case "choice": return new Choice(v);
        case "uniform": if (v.size() == 2) return new Uniform(v.get(0), v.get(1)); break;
        case "truncexp": if (v.size() == 3) return new TruncatedExponential(v.get(0), v.get(1), v.get(2)); break;
        default: break;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("bad duration '" + spec + "': use MS, choice:MS/MS/..., uniform:LO/HI or "
        + "truncexp:MEAN/LO/HI (all in ms)");
  }

  /** {@code v} without a trailing ".0". */
  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

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
    @Override public String spec() { return fmt(ms); }
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
    @Override public String spec() { return "choice:" + String.join("/", values.stream().map(Duration::fmt).toList()); }
  }

  /** Uniform on [lo, hi] ms. */
  record Uniform(double lo, double hi) implements Duration {
    public Uniform {
      if (!(lo >= 0 && hi >= lo) || !Double.isFinite(hi)) throw new IllegalArgumentException("need 0 <= lo <= hi: " + lo + ", " + hi);
    }
    @Override public double sample(SplittableRandom rng) { return lo + (hi - lo) * rng.nextDouble(); }
    @Override public double maxMs() { return hi; }
    @Override public String spec() { return "uniform:" + fmt(lo) + "/" + fmt(hi); }
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
    @Override public String spec() { return "truncexp:" + fmt(mean) + "/" + fmt(lo) + "/" + fmt(hi); }
  }
}
