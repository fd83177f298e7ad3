package org.taunet.train;

import java.util.regex.Pattern;

/** The rule for state entry names: segments of [A-Za-z0-9_.-] joined by '/'. */
final class StateNames {
  private StateNames() {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

  /** Returns {@code name}, or throws a StateException saying why it is not a valid entry name. */
  static String check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new StateException("invalid state name " + (name == null ? "null" : "'" + name + "'")
          + ": use segments of letters, digits, '_', '.', '-' joined by '/' (e.g. opt/W1/m)");
    }
    return name;
  }
}
