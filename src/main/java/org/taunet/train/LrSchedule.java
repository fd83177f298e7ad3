package org.taunet.train;

import java.util.Set;

/**
 * A learning-rate schedule: a multiplier of the base learning rate as a function of the update index k (0 for the
 * first update; skipped updates do not count). Specs, for the CLI:
 * <pre>
 *   constant                               f(k) = 1
 *   step:every=N,gamma=G                   f(k) = G^floor(k / N)
 *   cosine:total=T[,min=M]                 f(k) = M + (1 - M) (1 + cos(pi min(k, T) / T)) / 2   (M in [0, 1], default 0)
 *   any of them [,warmup=W]                f(k) = min(1, (k + 1) / W) * inner(k)                (linear warm-up)
 * </pre>
 * The warm-up multiplies the inner schedule rather than shifting it, so {@code total} and {@code every} count every
 * update of the run, warm-up included: {@code cosine:warmup=100,total=10000,min=0.1} ramps up over the first 100
 * updates and reaches 0.1 of the base rate at update 10000. A schedule is a pure function of k: it has no state
 * of its own, so a resumed run recovers it from the optimizer's step count.
 */
public sealed interface LrSchedule permits LrSchedule.Constant, LrSchedule.StepDecay, LrSchedule.Cosine,
    LrSchedule.Warmup {
  /** The multiplier for update {@code k} (k &gt;= 0). */
  double factor(long k);

  /** The canonical spec, which {@link #parse} turns back into an equal schedule. */
  String spec();

  /** f(k) = 1. */
  record Constant() implements LrSchedule {
    @Override
    public double factor(long k) {
      return 1;
    }

    @Override
    public String spec() {
      return "constant";
    }
  }

  /** f(k) = gamma^floor(k / every). */
  record StepDecay(long every, double gamma) implements LrSchedule {
    /** Validates every &gt;= 1 and gamma finite and &gt; 0. */
    public StepDecay {
      if (every < 1) throw new IllegalArgumentException("step schedule: every must be >= 1, got " + every);
      if (!(gamma > 0 && gamma < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("step schedule: gamma must be finite and > 0, got " + gamma);
      }
    }

    @Override
    public double factor(long k) {
      return Math.pow(gamma, (double) (k / every));
    }

    @Override
    public String spec() {
      return "step:every=" + every + ",gamma=" + SpecParser.fmt(gamma);
    }
  }

  /** Cosine annealing from 1 to {@code min} over {@code total} updates, then {@code min}. */
  record Cosine(long total, double min) implements LrSchedule {
    /** Validates total &gt;= 1 and min in [0, 1]. */
    public Cosine {
      if (total < 1) throw new IllegalArgumentException("cosine schedule: total must be >= 1, got " + total);
      if (!(min >= 0 && min <= 1)) throw new IllegalArgumentException("cosine schedule: min must be in [0, 1], got " + min);
    }

    @Override
    public double factor(long k) {
      double progress = (double) Math.min(k, total) / total;
      return min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public String spec() {
      return "cosine:total=" + total + ",min=" + SpecParser.fmt(min);
    }
  }

  /** Linear warm-up over {@code steps} updates, multiplying {@code inner}. */
  record Warmup(long steps, LrSchedule inner) implements LrSchedule {
    /** Validates steps &gt;= 1 and an inner schedule that is not itself a warm-up. */
    public Warmup {
      if (steps < 1) throw new IllegalArgumentException("warm-up must be >= 1 update, got " + steps);
      if (inner == null || inner instanceof Warmup) throw new IllegalArgumentException("warm-up needs a non-warm-up inner schedule");
    }

    @Override
    public double factor(long k) {
      double w = k + 1 >= steps ? 1 : (double) (k + 1) / steps;
      return w * inner.factor(k);
    }

    @Override
    public String spec() {
      String s = inner.spec();
      return s + (s.indexOf(':') < 0 ? ":" : ",") + "warmup=" + steps;
    }
  }

  /** The constant schedule. */
  static LrSchedule constant() {
    return new Constant();
  }

  /**
   * Parses a schedule spec (see the class comment).
   *
   * @throws IllegalArgumentException naming the spec and the offending parameter
   */
  static LrSchedule parse(String spec) {
    SpecParser p = new SpecParser("lr schedule", spec);
    LrSchedule inner;
    try {
      inner = switch (p.name()) {
        case "constant" -> {
          p.allowOnly(Set.of("warmup"), "warmup");
          yield new Constant();
        }
        case "step" -> {
          p.allowOnly(Set.of("every", "gamma", "warmup"), "every, gamma, warmup");
          if (!p.has("every")) throw p.fail("step needs every=N (updates)");
          yield new StepDecay(p.whole("every", 0, 1), p.number("gamma", 0.1));
        }
        case "cosine" -> {
          p.allowOnly(Set.of("total", "min", "warmup"), "total, min, warmup");
          if (!p.has("total")) throw p.fail("cosine needs total=T (updates)");
          yield new Cosine(p.whole("total", 0, 1), p.number("min", 0));
        }
        default -> throw p.fail("unknown schedule '" + p.name() + "' (expected constant, step or cosine)");
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("lr schedule spec")) throw e;
      throw p.fail(e.getMessage());
    }
    long warmup = p.whole("warmup", 0, 0);
    return warmup == 0 ? inner : new Warmup(warmup, inner);
  }
}
