package org.taunet.train;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.taunet.train.Optimizer.NonFinite;

/**
 * An optimizer's configuration, parsed from the CLI form and printed back canonically:
 * <pre>
 *   sgd[:lr=0.01]
 *   momentum[:lr=0.01,momentum=0.9,nesterov=false]
 *   adam[:lr=1e-3,beta1=0.9,beta2=0.999,eps=1e-8,wd=0]          (wd must be 0: use adamw for weight decay)
 *   adamw[:lr=1e-3,beta1=0.9,beta2=0.999,eps=1e-8,wd=0.01]
 *   every kind also takes clip=C (max global gradient norm, 0 = off) and nonfinite=skip|apply
 * </pre>
 * Values in brackets are the defaults. The learning-rate schedule is a separate spec ({@link LrSchedule#parse}).
 *
 * @param kind update rule
 * @param lr base learning rate, finite and &gt;= 0
 * @param momentum mu in [0, 1) (momentum only)
 * @param nesterov Nesterov's form (momentum only)
 * @param beta1 Adam's first-moment decay in [0, 1)
 * @param beta2 Adam's second-moment decay in [0, 1)
 * @param eps Adam's denominator offset, &gt; 0
 * @param weightDecay AdamW's decoupled weight decay, &gt;= 0 (0 for the other kinds)
 * @param clip maximum global gradient norm, 0 = off
 * @param nonFinite what a NaN or infinite gradient norm does
 */
public record OptimizerSpec(Kind kind, double lr, double momentum, boolean nesterov, double beta1, double beta2,
                            double eps, double weightDecay, double clip, NonFinite nonFinite) {
  /** The update rules. */
  public enum Kind {
    /** {@link Sgd}. */
    SGD,
    /** {@link Momentum}. */
    MOMENTUM,
    /** {@link Adam} without weight decay. */
    ADAM,
    /** {@link Adam} with decoupled weight decay. */
    ADAMW;

    /** The spec name, lower case. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates every field (a message naming it), including Adam's wd = 0. */
  public OptimizerSpec {
    if (kind == null || nonFinite == null) throw new IllegalArgumentException("optimizer: kind and nonfinite are required");
    check(lr >= 0 && lr < Double.POSITIVE_INFINITY, "lr must be finite and >= 0", lr);
    check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1)", momentum);
    check(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1)", beta2);
    check(eps > 0 && eps < Double.POSITIVE_INFINITY, "eps must be finite and > 0", eps);
    check(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY, "wd must be finite and >= 0", weightDecay);
    check(clip >= 0 && clip < Double.POSITIVE_INFINITY, "clip must be finite and >= 0 (0 = off)", clip);
    if (weightDecay != 0 && kind != Kind.ADAMW) {
      throw new IllegalArgumentException("optimizer " + kind.id() + ": wd must be 0 (decoupled weight decay is adamw, "
          + "Loshchilov & Hutter 2019), got " + SpecParser.fmt(weightDecay));
    }
    if (nesterov && (kind != Kind.MOMENTUM || momentum == 0)) {
      throw new IllegalArgumentException("optimizer " + kind.id() + ": nesterov needs momentum > 0 (kind momentum)");
    }
  }

  private static void check(boolean ok, String rule, double v) {
    if (!ok) throw new IllegalArgumentException("optimizer: " + rule + ", got " + SpecParser.fmt(v));
  }

  /** The defaults of {@code kind} (see the class comment). */
  public static OptimizerSpec defaults(Kind kind) {
    boolean adam = kind == Kind.ADAM || kind == Kind.ADAMW;
    return new OptimizerSpec(kind, adam ? 1e-3 : 0.01, kind == Kind.MOMENTUM ? 0.9 : 0, false, 0.9, 0.999, 1e-8,
        kind == Kind.ADAMW ? 0.01 : 0, 0, NonFinite.SKIP);
  }

  /**
   * Parses a spec such as {@code adam:lr=1e-3,beta1=0.9,beta2=0.999,eps=1e-8,wd=0}; keys not given keep the kind's
   * defaults.
   *
   * @throws IllegalArgumentException quoting the spec and naming the offending key or value
   */
  public static OptimizerSpec parse(String spec) {
    SpecParser p = new SpecParser("optimizer", spec);
    Kind kind = switch (p.name()) {
      case "sgd" -> Kind.SGD;
      case "momentum" -> Kind.MOMENTUM;
      case "adam" -> Kind.ADAM;
      case "adamw" -> Kind.ADAMW;
      default -> throw p.fail("unknown optimizer '" + p.name() + "' (expected sgd, momentum, adam or adamw)");
    };
    List<String> keys = keys(kind);
    p.allowOnly(Set.copyOf(keys), String.join(", ", keys));
    OptimizerSpec d = defaults(kind);
    String nf = p.text("nonfinite", "skip");
    if (!nf.equals("skip") && !nf.equals("apply")) throw p.fail("nonfinite must be skip or apply, got '" + nf + "'");
    try {
      return new OptimizerSpec(kind, p.number("lr", d.lr), p.number("momentum", d.momentum),
          p.bool("nesterov", d.nesterov), p.number("beta1", d.beta1), p.number("beta2", d.beta2),
          p.number("eps", d.eps), p.number("wd", d.weightDecay), p.number("clip", d.clip),
          nf.equals("skip") ? NonFinite.SKIP : NonFinite.APPLY);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("optimizer spec")) throw e;
      throw p.fail(e.getMessage().replaceFirst("^optimizer( \\w+)?: ", ""));
    }
  }

  /** The keys a kind accepts, in canonical order. */
  private static List<String> keys(Kind kind) {
    return switch (kind) {
      case SGD -> List.of("lr", "clip", "nonfinite");
      case MOMENTUM -> List.of("lr", "momentum", "nesterov", "clip", "nonfinite");
      case ADAM, ADAMW -> List.of("lr", "beta1", "beta2", "eps", "wd", "clip", "nonfinite");
    };
  }

  /**
   * The canonical spec: every key of the kind, in a fixed order. Fields the kind does not use (Adam's betas for
   * sgd, ...) are not printed, so {@link #parse} gives back an equal record when those hold the kind's defaults
   * (always so for a parsed spec).
   */
  public String spec() {
    StringBuilder sb = new StringBuilder(kind.id()).append(':');
    for (String k : keys(kind)) {
      String v = switch (k) {
        case "lr" -> SpecParser.fmt(lr);
        case "momentum" -> SpecParser.fmt(momentum);
        case "nesterov" -> Boolean.toString(nesterov);
        case "beta1" -> SpecParser.fmt(beta1);
        case "beta2" -> SpecParser.fmt(beta2);
        case "eps" -> SpecParser.fmt(eps);
        case "wd" -> SpecParser.fmt(weightDecay);
        case "clip" -> SpecParser.fmt(clip);
        default -> nonFinite.name().toLowerCase(Locale.ROOT);
      };
      sb.append(k).append('=').append(v).append(',');
    }
    return sb.substring(0, sb.length() - 1);
  }

  /** An optimizer of this kind over {@code params} with a constant learning rate. */
  public Optimizer create(List<Param> params) {
    return create(params, new LrSchedule.Constant());
  }

  /** An optimizer of this kind over {@code params} (distinct names, update order) with {@code schedule}. */
  public Optimizer create(List<Param> params, LrSchedule schedule) {
    return switch (kind) {
      case SGD -> new Sgd(params, lr, schedule, clip, nonFinite);
      case MOMENTUM -> new Momentum(params, lr, schedule, clip, nonFinite, momentum, nesterov);
      case ADAM, ADAMW -> new Adam(params, lr, schedule, clip, nonFinite, beta1, beta2, eps, weightDecay);
    };
  }
}
