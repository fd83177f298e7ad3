package org.taunet.tau;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses compact command-line specs such as {@code normal:mean=0.5,sd=0.1,min=0.05,max=1}.
 *
 * <p>Grammar: {@code NAME:ARG,ARG,...} where each ARG is a positional number or {@code key=value};
 * positional values come first and fill the family's keys in order (e.g. {@code uniform:0.1,1.9} is
 * {@code uniform:min=0.1,max=1.9}). Names and keys are case-insensitive and whitespace around every
 * part is ignored. A bare number is {@code constant:NUMBER}. {@code file:PATH} takes the rest of the
 * spec, commas included, as the path. Numbers are decimal ({@code 0.5}, {@code 1e-3}, {@code .5});
 * {@code inf} / {@code Infinity} are accepted where a bound may be infinite; NaN is not.
 *
 * <p>Accepted forms ({@link #FORMS}):
 * <pre>
 *   0.5 | constant:0.5
 *   normal:mean=M,sd=S[,min=LO][,max=HI]       (min defaults to 0.001)
 *   lognormal:mean=M,sd=S[,min=LO][,max=HI]    or lognormal:mu=MU,sigma=SIG[,min=LO][,max=HI]
 *   gamma:mean=M,k=K[,min=LO][,max=HI]
 *   uniform:LO,HI | uniform:min=LO,max=HI
 *   bimodal:A,B[,p=P][,exact=true]             (p = weight of A, default 0.5)
 *   logspaced:LO,HI                            (log-uniform; ELM's log-spaced tau_m)
 *   file:PATH                                  (one value per line, # comments)
 * </pre>
 * Every error is an {@link IllegalArgumentException} whose message quotes the spec, names the
 * problem and lists the accepted forms.
 */
public final class TauSpec {
  private TauSpec() {}

  private record Family(String name, List<String> positional, Set<String> keys, String usage,
                        Function<Args, TauDistribution> build) {}

  private static final Map<String, Family> FAMILIES = new LinkedHashMap<>();

  private static void add(Family f) {
    FAMILIES.put(f.name(), f);
  }

  static {
    add(new Family("constant", List.of("value"), Set.of("value"), "0.5 | constant:0.5",
        a -> new ConstantTau(a.num("value"))));
    add(new Family("normal", List.of("mean", "sd"), Set.of("mean", "sd", "min", "max"),
        "normal:mean=M,sd=S[,min=LO][,max=HI] (min defaults to " + Params.fmt(NormalTau.DEFAULT_MIN) + ")",
        a -> new NormalTau(a.num("mean"), a.num("sd"), a.num("min", NormalTau.DEFAULT_MIN),
            a.num("max", Double.POSITIVE_INFINITY))));
    add(new Family("lognormal", List.of("mean", "sd"), Set.of("mean", "sd", "mu", "sigma", "min", "max"),
        "lognormal:mean=M,sd=S[,min=LO][,max=HI] | lognormal:mu=MU,sigma=SIG[,min=LO][,max=HI]",
        TauSpec::lognormal));
    add(new Family("gamma", List.of("mean", "k"), Set.of("mean", "k", "min", "max"),
        "gamma:mean=M,k=K[,min=LO][,max=HI]",
        a -> new GammaTau(a.num("mean"), a.num("k"), a.num("min", 0), a.num("max", Double.POSITIVE_INFINITY))));
    add(new Family("uniform", List.of("min", "max"), Set.of("min", "max"), "uniform:LO,HI | uniform:min=LO,max=HI",
        a -> new UniformTau(a.num("min"), a.num("max"))));
    add(new Family("bimodal", List.of("a", "b"), Set.of("a", "b", "p", "exact"),
        "bimodal:A,B[,p=P][,exact=true] (p = weight of A, default 0.5)",
        a -> new BimodalTau(a.num("a"), a.num("b"), a.num("p", 0.5), a.bool("exact", false))));
    add(new Family("logspaced", List.of("min", "max"), Set.of("min", "max"), "logspaced:LO,HI (log-uniform on [LO, HI])",
        a -> new LogSpacedTau(a.num("min"), a.num("max"))));
    add(new Family("file", List.of(), Set.of(), "file:PATH (one value per line, # comments)", null));
  }

  /** The accepted forms, one per line, for help texts and error messages. */
  public static final String FORMS = FAMILIES.values().stream().map(f -> "  " + f.usage())
      .collect(Collectors.joining("\n"));

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+]?(?i:inf|infinity)");

  /**
   * The distribution of {@code spec} that keeps the spec as written (whitespace stripped) as its {@link
   * TauDistribution#spec()}, so a configuration shows and stores what the user typed ({@code 0.5}, not
   * {@code constant:0.5}); it samples exactly as {@link #parse}'s.
   */
  public static TauDistribution of(String spec) {
    TauDistribution d = parse(spec);
    String written = spec.strip();
    return d.spec().equals(written) ? d : new NamedTau(written, d);
  }

  /** Parses a spec; throws IllegalArgumentException with the spec and accepted forms if it is bad. */
  public static TauDistribution parse(String spec) {
    if (spec == null || spec.isBlank()) throw error(String.valueOf(spec), null, "the spec is empty");
    String s = spec.strip();
    if (NUMBER.matcher(s).matches()) return build(spec, FAMILIES.get("constant"), Map.of("value", s));
    int colon = s.indexOf(':');
    if (colon < 0) throw error(spec, null, "expected NAME:PARAMETERS or a bare number");
    String name = s.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    Family family = FAMILIES.get(name);
    if (family == null) throw error(spec, null, "unknown distribution '" + name + "'");
    String body = s.substring(colon + 1).strip();
    if (name.equals("file")) {
      if (body.isEmpty()) throw error(spec, family, "the file path is missing");
      try {
        return FileTau.load(Path.of(body));
      } catch (IllegalArgumentException e) { // includes InvalidPathException
        throw error(spec, family, e.getMessage());
      }
    }
    return build(spec, family, arguments(spec, family, body));
  }

  private static TauDistribution build(String spec, Family family, Map<String, String> args) {
    try {
      return family.build().apply(new Args(spec, family, args));
    } catch (SpecError | IllegalArgumentException e) {
      throw error(spec, family, e.getMessage());
    }
  }

  /** Splits the part after the colon into key -&gt; raw value, mapping positional values to keys. */
  private static Map<String, String> arguments(String spec, Family family, String body) {
    Map<String, String> args = new LinkedHashMap<>();
    if (body.isEmpty()) return args;
    boolean keyed = false;
    int position = 0;
    for (String raw : body.split(",", -1)) {
      String token = raw.strip();
      if (token.isEmpty()) throw error(spec, family, "empty parameter (stray comma?)");
      int eq = token.indexOf('=');
      String key;
      String value;
      if (eq >= 0) {
        keyed = true;
        key = token.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        value = token.substring(eq + 1).strip();
        if (!family.keys().contains(key)) {
          throw error(spec, family, "unknown key '" + key + "' (" + family.name() + " takes "
              + String.join(", ", family.keys().stream().sorted().toList()) + ")");
        }
        if (value.isEmpty()) throw error(spec, family, "key '" + key + "' has no value");
      } else {
        if (keyed) throw error(spec, family, "positional value '" + token + "' after key=value pairs");
        if (position >= family.positional().size()) {
          throw error(spec, family, "too many positional values (" + family.name() + " takes at most "
              + family.positional().size() + ": " + String.join(", ", family.positional()) + ")");
        }
        key = family.positional().get(position++);
        value = token;
      }
      if (args.putIfAbsent(key, value) != null) throw error(spec, family, "duplicate key '" + key + "'");
    }
    return args;
  }

  private static TauDistribution lognormal(Args a) {
    boolean meanSd = a.has("mean") || a.has("sd");
    boolean muSigma = a.has("mu") || a.has("sigma");
    double min = a.num("min", 0);
    double max = a.num("max", Double.POSITIVE_INFINITY);
    if (meanSd && muSigma) throw new SpecError("give either mean= and sd= or mu= and sigma=, not both");
    if (muSigma) return new LogNormalTau(a.num("mu"), a.num("sigma"), min, max);
    if (!meanSd) throw new SpecError("missing parameters: give mean= and sd=, or mu= and sigma=");
    return LogNormalTau.ofMeanSd(a.num("mean"), a.num("sd"), min, max);
  }

  /** A strict decimal number (see the class comment); IllegalArgumentException otherwise. */
  static double parseNumber(String text) {
    String t = text.strip();
    if (!NUMBER.matcher(t).matches()) throw new IllegalArgumentException("'" + text + "' is not a number");
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.endsWith("inf") || lower.endsWith("infinity")) return Double.POSITIVE_INFINITY;
    return Double.parseDouble(t);
  }

  private static IllegalArgumentException error(String spec, Family family, String problem) {
    String forms = family == null ? FORMS : "  " + family.usage();
    return new IllegalArgumentException("bad tau spec '" + spec + "': " + problem + ". Accepted form"
        + (family == null ? "s" : "") + ":\n" + forms);
  }

  /** A problem found while reading arguments, reported with the spec by {@link #build}. */
  private static final class SpecError extends RuntimeException {
    SpecError(String message) {
      super(message, null, false, false);
    }
  }

  /** Typed access to the arguments of one spec. */
  private record Args(String spec, Family family, Map<String, String> raw) {
    boolean has(String key) {
      return raw.containsKey(key);
    }

    double num(String key) {
      if (!has(key)) throw new SpecError("missing key '" + key + "'");
      String text = raw.get(key);
      try {
        return parseNumber(text);
      } catch (IllegalArgumentException e) {
        throw new SpecError("value of '" + key + "' is not a number: '" + text + "'");
      }
    }

    double num(String key, double fallback) {
      return has(key) ? num(key) : fallback;
    }

    boolean bool(String key, boolean fallback) {
      if (!has(key)) return fallback;
      String text = raw.get(key).toLowerCase(Locale.ROOT);
      if (text.equals("true")) return true;
      if (text.equals("false")) return false;
      throw new SpecError("value of '" + key + "' must be true or false, got '" + raw.get(key) + "'");
    }
  }
}
