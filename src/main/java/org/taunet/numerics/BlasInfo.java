package org.taunet.numerics;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which BLAS netlib loaded, found once at first use: the class of {@code BLAS.getInstance()} and,
 * for the native JNIBLAS, the BLAS shared library mapped into this process ({@code /proc/self/maps}).
 *
 * <p>The reference (netlib Fortran) BLAS is about 40x slower than OpenBLAS, and netlib's pure-Java
 * fallbacks are slower still at large sizes; for those, one warning goes to stderr (unless
 * {@code -Dtaunet.quiet=true}) and {@link Kernels.Backend#AUTO} keeps to the Java kernels. On Debian
 * OpenBLAS is often the {@code libblas.so.3} alternative in an {@code openblas-pthread} directory,
 * so the whole path is classified, not only the file name.
 */
public final class BlasInfo {
  /** System property that silences the slow-BLAS warning. */
  public static final String QUIET_PROPERTY = "taunet.quiet";

  /** Implementations told apart; all but REFERENCE and JAVA count as fast. */
  enum Kind {
    OPENBLAS("OpenBLAS"), MKL("Intel MKL"), BLIS("BLIS"), ATLAS("ATLAS"),
    REFERENCE("reference BLAS, slow"), UNKNOWN_NATIVE("unknown native BLAS"),
    JAVA("pure-Java fallback, no native BLAS loaded");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** What was detected: netlib's class name, the library path (null for Java) and its kind. */
  record Info(String className, String library, String implementation, Kind kind) {
    boolean fast() {
      return kind != Kind.REFERENCE && kind != Kind.JAVA;
    }

    String describe() {
      StringBuilder s = new StringBuilder("netlib ").append(className);
      if (library != null) s.append(" -> ").append(library);
      s.append(" (").append(kind.label);
      if (implementation != null && !implementation.equals(library)) {
        s.append(": ").append(Path.of(implementation).getFileName());
      }
      return s.append(')').toString();
    }
  }

  private static final class Holder {  // lazy, thread-safe, runs once
    static final Info INFO = detect();
  }

  private BlasInfo() {}

  /** A one-line description for provenance, e.g. "netlib JNIBLAS -> .../libblas.so.3 (OpenBLAS...)". */
  public static String describe() {
    return Holder.INFO.describe();
  }

  /** Whether netlib's BLAS is an optimised native one (not the reference BLAS, not pure Java). */
  public static boolean isFast() {
    return Holder.INFO.fast();
  }

  private static Info detect() {
    String className = BLAS.getInstance().getClass().getSimpleName();
    List<String> maps;
    try {
      maps = Files.readAllLines(Path.of("/proc/self/maps"));
    } catch (IOException | RuntimeException e) {
      maps = List.of();  // not Linux: the library cannot be named
    }
    Info info = classify(className, maps);
    if (!info.fast() && !Boolean.getBoolean(QUIET_PROPERTY)) {
      System.err.println("taunet: warning: BLAS is " + info.describe()
          + "; GEMM uses taunet's Java kernels instead (install OpenBLAS, e.g. libopenblas0-pthread,"
          + " for speed; -D" + QUIET_PROPERTY + "=true hides this)");
    }
    return info;
  }

  /** Classifies from netlib's class name and the lines of /proc/self/maps. */
  static Info classify(String className, List<String> mapsLines) {
    if (!className.equals("JNIBLAS")) return new Info(className, null, null, Kind.JAVA);
    Set<String> paths = new LinkedHashSet<>();
    for (String line : mapsLines) {
      int slash = line.indexOf('/');
      if (slash >= 0) paths.add(line.substring(slash).trim());
    }
    // The library netlib dlopen'ed (libblas.so.3 unless overridden) and the implementation behind it.
    // Candidates list named implementation libraries (libopenblasp-r0.3.21.so) before libblas.so*.
    String blasLib = null;
    List<String> candidates = new ArrayList<>();
    for (String p : paths) {
      String name = Path.of(p).getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.startsWith("libblas.so")) {
        if (blasLib == null) blasLib = p;
      } else if (kindOf(p) != null) {
        candidates.add(p);
      }
    }
    if (blasLib != null) candidates.add(blasLib);
    for (Kind k : new Kind[] {Kind.MKL, Kind.OPENBLAS, Kind.BLIS, Kind.ATLAS}) {
      for (String p : candidates) {
        if (kindOf(p) == k) return new Info(className, blasLib != null ? blasLib : p, p, k);
      }
    }
    if (blasLib != null) return new Info(className, blasLib, blasLib, Kind.REFERENCE);
    return new Info(className, null, null, Kind.UNKNOWN_NATIVE);
  }

  /** The optimised implementation a path belongs to, or null. */
  private static Kind kindOf(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.contains("libmkl")) return Kind.MKL;
    if (p.contains("openblas")) return Kind.OPENBLAS;
    if (p.contains("libblis") || p.contains("/blis")) return Kind.BLIS;
    if (p.contains("atlas")) return Kind.ATLAS;
    return null;
  }
}
