package org.taunet.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One point of a sweep: the axis values that make it ({@code params}, in axis order) and the full flag set it
 * runs with ({@code flags}: base flags overridden by params). Its {@code id} (also its folder name) is a
 * readable slug of the params plus 8 hex digits of a SHA-256 over the command and all flags, so the same point
 * gets the same folder in every expansion, and a point whose flags change gets a new one.
 *
 * @param index position in the sweep (Slurm array index)
 * @param id stable identifier and folder name
 * @param params axis values, flag name to value, in axis order
 * @param flags every flag of the point's command line, flag name to value
 */
public record SweepPoint(int index, String id, Map<String, String> params, Map<String, String> flags) {
  /** Longest slug part of an id, so folder names stay readable. */
  static final int SLUG_MAX = 60;

  public SweepPoint {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    flags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flags));
  }

  /** The point at {@code index} with the given params over the base flags; computes the id. */
  static SweepPoint of(int index, List<String> command, Map<String, String> base, Map<String, String> params) {
    Map<String, String> flags = new LinkedHashMap<>(base);
    flags.putAll(params);
    return new SweepPoint(index, id(command, flags, params), params, flags);
  }

  /** The point's arguments after the command words: --flag value ... (a "" value is a bare switch). */
  public List<String> flagArgs() {
    List<String> out = new ArrayList<>();
    flags.forEach((k, v) -> {
      out.add("--" + k);
      if (!v.isEmpty()) out.add(v);
    });
    return out;
  }

  /** The params without the replicate axis, as "k=v k=v": the condition this point replicates. */
  public String condition(String seedAxis) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> {
      if (k.equals(seedAxis)) return;
      if (!sb.isEmpty()) sb.append(' ');
      sb.append(k).append('=').append(v);
    });
    return sb.isEmpty() ? "all" : sb.toString();
  }

  static String id(List<String> command, Map<String, String> flags, Map<String, String> params) {
    StringBuilder slug = new StringBuilder();
    for (String v : params.values()) {
      String s = v.replaceAll("[^A-Za-z0-9.]+", "_").replaceAll("^_+|_+$", "");
      if (s.isEmpty()) continue;
      if (!slug.isEmpty()) slug.append('_');
      slug.append(s);
    }
    String head = slug.length() > SLUG_MAX ? slug.substring(0, SLUG_MAX) : slug.toString();
    StringBuilder canonical = new StringBuilder(String.join(" ", command));
    new TreeMap<>(flags).forEach((k, v) -> canonical.append('\n').append(k).append('=').append(v));
    return (head.isEmpty() ? "point" : head) + "-" + sha256(canonical.toString()).substring(0, 8);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
