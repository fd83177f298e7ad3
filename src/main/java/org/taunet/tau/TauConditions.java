package org.taunet.tau;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The named conditions of the multi-tau RNN study (time constants in seconds), all with mean tau close to 1 s. Any
 * other {@code tau} spec is accepted as it is.
 * <ul>
 *   <li>vanilla: tau = 1 s for every unit.
 *   <li>normal: N(1, 0.2^2) truncated to [0.1 s, inf): the lower bound 0.1 s is 4.5 sd below the mean (mass cut
 *       about 3e-6) and at least dt for dt &lt;= 100 ms, so alpha = dt/tau &lt;= 1.
 *   <li>uniform: U[0.1, 1.9] s.
 *   <li>bimodal: exactly half the units 0.5 s and half 1.5 s (shuffled).
 * </ul>
 */
public final class TauConditions {
  private TauConditions() {}

  /** Condition name to spec, in table order. */
  public static final Map<String, String> SEED = new LinkedHashMap<>();

  static {
    SEED.put("vanilla", "1");
    SEED.put("normal", "normal:mean=1,sd=0.2,min=0.1");
    SEED.put("uniform", "uniform:0.1,1.9");
    SEED.put("bimodal", "bimodal:0.5,1.5,exact=true");
  }

  /** The spec for a condition name, or {@code tau} itself if it is not one of the names. */
  public static String spec(String tau) {
    String s = SEED.get(tau.strip().toLowerCase(Locale.ROOT));
    return s != null ? s : tau;
  }

  /** A condition name as a {@link NamedTau}, or any other spec as written ({@link TauSpec#of}). */
  public static TauDistribution distribution(String tau) {
    String name = tau.strip().toLowerCase(Locale.ROOT);
    String s = SEED.get(name);
    return s != null ? new NamedTau(name, TauSpec.parse(s)) : TauSpec.of(tau);
  }

  /** JSON form of a tau that may be a condition name: {@code @JsonDeserialize(using = TauConditions.Json.class)}. */
  public static final class Json extends TauJson {
    @Override
    protected TauDistribution parse(String spec) {
      return distribution(spec);
    }
  }
}
