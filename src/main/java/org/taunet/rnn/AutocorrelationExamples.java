package org.taunet.rnn;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.taunet.analysis.EffectiveTimescales;
import org.taunet.analysis.ExpFit;

/**
 * A few units' rate autocorrelations with their fitted decays, before and after training, on task drive and under
 * spontaneous activity ({@link TimescaleProbe}): the examples behind the effective-timescale histograms.
 *
 * <p>autocorrelation.csv, one row per lag: drive (task or spontaneous), network (initial or trained), unit,
 * tau_intrinsic (initial, s), tau_effective (the fit's 1/e time, s), model (1 single, 2 double exponential, 0 failed),
 * lag_s, rho (the autocorrelation averaged over streams), fit (the selected model's curve, {@link ExpFit#curve}),
 * in_window (1 on the lags the fit was made to, {@link EffectiveTimescales#window}; 0 beyond, where the curve is an
 * extrapolation).
 */
public final class AutocorrelationExamples {
  public static final String FILE = "autocorrelation.csv";
  /** Units shown: ranks 0, 1/3, 2/3 and 1 of the initial tau (fastest to slowest; by index for equal taus). */
  public static final int UNITS = 4;
  static final String[] DRIVES = {"task", "spontaneous"};
  static final String[] NETWORKS = {"initial", "trained"};

  private AutocorrelationExamples() {}

  /**
   * The example units of {@code initial}: the units at ranks round(q (n - 1)) of the initial tau, q = 0, 1/3, 2/3, 1
   * (ties by index), each once, fastest first.
   */
  static int[] units(RnnNetwork initial) {
    int n = initial.n;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> initial.tau[i]).thenComparingInt(i -> i));
    return IntStream.range(0, UNITS).map(q -> order[(int) Math.round(q * (n - 1) / (UNITS - 1.0))]).distinct().toArray();
  }

  /**
   * The file's text.
   *
   * @param acf per unit autocorrelations, in the order task initial, task trained, spontaneous initial, spontaneous
   *     trained (as {@link TimescaleProbe#taskAcf}, {@link TimescaleProbe#spontaneousAcf})
   * @param fits their fits, same order
   */
  static String csv(RnnNetwork initial, double[][][] acf, ExpFit[][] fits) {
    StringBuilder sb = new StringBuilder("drive,network,unit,tau_intrinsic,tau_effective,model,lag_s,rho,fit,in_window\n");
    int[] units = units(initial);
    for (int d = 0; d < DRIVES.length; d++) {
      for (int w = 0; w < NETWORKS.length; w++) {
        int set = 2 * d + w;
        for (int i : units) {
          double[] rho = acf[set][i];
          if (rho == null) continue;
          ExpFit f = fits[set][i];
          int fitted = EffectiveTimescales.window(rho).length;
          double[] curve = f.curve(Arrays.copyOf(rho, fitted), rho.length, initial.dt);
          for (int k = 0; k < rho.length; k++) {
            sb.append(DRIVES[d]).append(',').append(NETWORKS[w]).append(',').append(i).append(',')
                .append(initial.tau[i]).append(',').append(f.tau()).append(',').append(f.model()).append(',')
                .append(k * initial.dt).append(',').append(rho[k]).append(',').append(curve[k]).append(',')
                .append(k < fitted ? 1 : 0).append('\n');
          }
        }
      }
    }
    return sb.toString();
  }
}
