package org.taunet.tau;

import static org.taunet.tau.TauDistribution.SUPPORT_MAX;
import static org.taunet.tau.TauDistribution.SUPPORT_MIN;

/** Parameter validation and number formatting shared by the distribution records. */
final class Params {
  private Params() {}

  /** A finite value. */
  static double finite(String dist, String param, double v) {
    if (!Double.isFinite(v)) throw bad(dist, param, v, "must be finite");
    return v;
  }

  /** A finite value &gt; 0. */
  static double positive(String dist, String param, double v) {
    if (!(v > 0) || Double.isInfinite(v)) throw bad(dist, param, v, "must be finite and > 0");
    return v;
  }

  /** A value a distribution may produce: inside [SUPPORT_MIN, SUPPORT_MAX]. */
  static double inSupport(String dist, String param, double v) {
    if (!(v >= SUPPORT_MIN && v <= SUPPORT_MAX)) {
      throw bad(dist, param, v, "must be a time constant in [" + SUPPORT_MIN + ", " + SUPPORT_MAX + "]");
    }
    return v;
  }

  /** An optional lower truncation bound: 0 (none) or a value in the support. */
  static double lowerBound(String dist, double min) {
    if (min == 0) return min;
    return inSupport(dist, "min", min);
  }

  /** An upper truncation bound &gt; min: +Infinity (none) or a value in the support. */
  static double upperBound(String dist, double min, double max) {
    if (max != Double.POSITIVE_INFINITY) inSupport(dist, "max", max);
    if (!(max > min)) throw bad(dist, "max", max, "must be > min = " + fmt(min));
    return max;
  }

  /** The lower end of the interval actually sampled. */
  static double effectiveLo(double min) {
    return Math.max(min, SUPPORT_MIN);
  }

  /** The upper end of the interval actually sampled. */
  static double effectiveHi(double max) {
    return Math.min(max, SUPPORT_MAX);
  }

  static IllegalArgumentException bad(String dist, String param, double v, String rule) {
    return new IllegalArgumentException(dist + ": " + param + " " + rule + ", got " + fmt(v));
  }

  /** Shortest text that parses back to exactly {@code v}: Double.toString without a trailing ".0". */
  static String fmt(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** ",min=..." and ",max=..." for the bounds that are set (min != 0, max finite). */
  static String bounds(double min, double max) {
    StringBuilder sb = new StringBuilder();
    if (min != 0) sb.append(",min=").append(fmt(min));
    if (max != Double.POSITIVE_INFINITY) sb.append(",max=").append(fmt(max));
    return sb.toString();
  }
}
