package org.taunet.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code name:key=value,key=value} form shared by the optimizer and schedule specs, with messages that quote
 * the whole spec and name the offending key.
 */
final class SpecParser {
  private final String what;
  private final String spec;
  private final String name;
  private final Map<String, String> values = new LinkedHashMap<>();

  /** Splits {@code spec} (a bare name is allowed); {@code what} names the flag in messages ("optimizer"). */
  SpecParser(String what, String spec) {
    this.what = what;
    this.spec = spec;
    if (spec == null || spec.isBlank()) throw new IllegalArgumentException(what + " spec is empty");
    String s = spec.strip();
    int colon = s.indexOf(':');
    name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) throw fail("no name before ':'");
    if (colon < 0 || colon == s.length() - 1) return;
    for (String part : s.substring(colon + 1).split(",", -1)) {
      int eq = part.indexOf('=');
      if (part.isBlank()) throw fail("empty parameter (stray ',')");
      if (eq <= 0) throw fail("'" + part.strip() + "' is not key=value");
      String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = part.substring(eq + 1).strip();
      if (value.isEmpty()) throw fail(key + " has no value");
      if (values.put(key, value) != null) throw fail(key + " is given twice");
    }
  }

  /** The lower-cased name before ':'. */
  String name() {
    return name;
  }

  /** Fails naming every key that is not in {@code allowed}. */
  void allowOnly(Set<String> allowed, String allowedText) {
    for (String k : values.keySet()) {
      if (!allowed.contains(k)) throw fail("unknown parameter '" + k + "' for " + name + " (allowed: " + allowedText + ")");
    }
  }

  /** Whether key {@code key} was given. */
  boolean has(String key) {
    return values.containsKey(key);
  }

  /** Key {@code key} as a double, or {@code dflt} if absent. */
  double number(String key, double dflt) {
    String v = values.get(key);
    if (v == null) return dflt;
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw fail(key + " is not a number: '" + v + "'");
    }
  }

  /** Key {@code key} as a whole number &gt;= {@code min}, or {@code dflt} if absent. */
  long whole(String key, long dflt, long min) {
    String v = values.get(key);
    if (v == null) return dflt;
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      double d = number(key, Double.NaN);
      if (d != Math.rint(d) || Math.abs(d) > 1e18) throw fail(key + " must be a whole number, got '" + v + "'");
      n = (long) d;
    }
    if (n < min) throw fail(key + " must be >= " + min + ", got " + v);
    return n;
  }

  /** Key {@code key} as true/false, or {@code dflt} if absent. */
  boolean bool(String key, boolean dflt) {
    String v = values.get(key);
    if (v == null) return dflt;
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw fail(key + " must be true or false, got '" + v + "'");
    };
  }

  /** Key {@code key} (lower-cased), or {@code dflt} if absent. */
  String text(String key, String dflt) {
    String v = values.get(key);
    return v == null ? dflt : v.toLowerCase(Locale.ROOT);
  }

  /** An exception whose message quotes the spec: "optimizer spec 'adam:lr=x': lr is not a number: 'x'". */
  IllegalArgumentException fail(String problem) {
    return new IllegalArgumentException(what + " spec '" + spec + "': " + problem);
  }

  /** Shortest text that parses back to exactly {@code v}: Double.toString without a trailing ".0". */
  static String fmt(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
