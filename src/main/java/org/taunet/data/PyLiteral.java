package org.taunet.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the small subset of Python literal syntax used in .npy headers: dicts, tuples, lists, single- or
 * double-quoted strings (no escapes beyond backslash-quote), integers (with an optional Python 2 {@code L} suffix),
 * {@code True}, {@code False} and {@code None}. Dicts become {@link Map}s, tuples and lists {@link List}s, integers
 * {@link Long}s, {@code None} the {@link #NONE} marker.
 */
final class PyLiteral {
  /** Stands for Python's None. */
  static final Object NONE = new Object() {
    @Override public String toString() { return "None"; }
  };

  private final String s;
  private int pos;

  private PyLiteral(String s) { this.s = s; }

  /** Parses {@code text} (surrounding whitespace allowed); throws IllegalArgumentException with the position. */
  static Object parse(String text) {
    PyLiteral p = new PyLiteral(text);
    Object v = p.value();
    p.skipSpace();
    if (p.pos != text.length()) throw p.error("unexpected text after the literal");
    return v;
  }

  private Object value() {
    skipSpace();
    if (pos >= s.length()) throw error("unexpected end");
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> dict();
      case '(' -> sequence(')');
      case '[' -> sequence(']');
      case '\'', '"' -> string(c);
      default -> c == '-' || Character.isDigit(c) ? integer() : word();
    };
  }

  private Map<String, Object> dict() {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (peek() == '}') { pos++; return map; }
      Object key = value();
      if (!(key instanceof String k)) throw error("dict key is not a string");
      skipSpace();
      expect(':');
      map.put(k, value());
      skipSpace();
      if (peek() == ',') pos++;
      else if (peek() != '}') throw error("expected ',' or '}'");
    }
  }

  private List<Object> sequence(char close) {
    pos++;
    List<Object> list = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek() == close) { pos++; return list; }
      list.add(value());
      skipSpace();
      if (peek() == ',') pos++;
      else if (peek() != close) throw error("expected ',' or '" + close + "'");
    }
  }

  private String string(char quote) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < s.length() && s.charAt(pos) != quote) {
      char c = s.charAt(pos++);
      if (c == '\\' && pos < s.length()) c = s.charAt(pos++);
      sb.append(c);
    }
    if (pos >= s.length()) throw error("unterminated string");
    pos++;
    return sb.toString();
  }

  private Long integer() {
    int start = pos;
    if (peek() == '-') pos++;
    while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
    String digits = s.substring(start, pos);
    if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) pos++;
    if (digits.isEmpty() || digits.equals("-")) throw error("bad number");
    if (digits.length() > 18) throw error("integer " + digits + " is too large");
    return Long.parseLong(digits);
  }

  private Object word() {
    int start = pos;
    while (pos < s.length() && Character.isLetter(s.charAt(pos))) pos++;
    String w = s.substring(start, pos);
    return switch (w) {
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      case "None" -> NONE;
      default -> throw error("unexpected token '" + (w.isEmpty() ? String.valueOf(s.charAt(start)) : w) + "'");
    };
  }

  private void expect(char c) {
    if (peek() != c) throw error("expected '" + c + "'");
    pos++;
  }

  private char peek() {
    if (pos >= s.length()) throw error("unexpected end");
    return s.charAt(pos);
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at position " + pos + " of " + abbreviate(s));
  }

  private static String abbreviate(String text) {
    String t = text.strip();
    return "'" + (t.length() > 120 ? t.substring(0, 120) + "..." : t) + "'";
  }
}
