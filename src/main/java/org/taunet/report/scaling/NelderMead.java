package org.taunet.report.scaling;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free minimisation by the Nelder-Mead simplex (Nelder and Mead 1965) with the standard coefficients
 * (reflection 1, expansion 2, contraction 1/2, shrink 1/2), for the few-parameter least-squares fits of this
 * package. Non-finite objective values count as +infinity, so a fit can reject invalid parameters by returning NaN.
 */
public final class NelderMead {
  private NelderMead() {}

  /** The minimiser found and its objective value. */
  public record Result(double[] x, double value, int evaluations) {}

  /**
   * Minimises {@code f} from {@code x0} with initial simplex steps {@code step} (one per coordinate), until the
   * simplex values differ by less than {@code tol} (absolute) or {@code maxEval} evaluations. Restarts once from
   * the best point, the usual guard against a collapsed simplex.
   */
  public static Result minimize(ToDoubleFunction<double[]> f, double[] x0, double[] step, double tol, int maxEval) {
    Result r = run(f, x0, step, tol, maxEval);
    Result again = run(f, r.x(), step, tol, maxEval);
    return new Result(again.value() <= r.value() ? again.x() : r.x(), Math.min(again.value(), r.value()),
        r.evaluations() + again.evaluations());
  }

  private static Result run(ToDoubleFunction<double[]> f, double[] x0, double[] step, double tol, int maxEval) {
    int n = x0.length;
    double[][] p = new double[n + 1][];
    double[] v = new double[n + 1];
    int evals = 0;
    // initial simplex: x0 and x0 + step_i e_i
    for (int i = 0; i <= n; i++) {
      p[i] = x0.clone();
      if (i > 0) p[i][i - 1] += step[i - 1];
      v[i] = eval(f, p[i]);
      evals++;
    }
    Integer[] order = new Integer[n + 1];
    while (evals < maxEval) {
      for (int i = 0; i <= n; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
      int best = order[0], worst = order[n], second = order[n - 1];
      if (Math.abs(v[worst] - v[best]) < tol) break;
      // centroid of all but the worst
      double[] c = new double[n];
      for (int i = 0; i <= n; i++) if (i != worst) for (int j = 0; j < n; j++) c[j] += p[i][j] / n;
      double[] xr = along(c, p[worst], -1);           // reflection
      double vr = eval(f, xr);
      evals++;
      if (vr < v[best]) {
        double[] xe = along(c, p[worst], -2);         // expansion
        double ve = eval(f, xe);
        evals++;
        if (ve < vr) { p[worst] = xe; v[worst] = ve; } else { p[worst] = xr; v[worst] = vr; }
      } else if (vr < v[second]) {
        p[worst] = xr;
        v[worst] = vr;
      } else {
        boolean outside = vr < v[worst];
        double[] xc = along(c, outside ? xr : p[worst], 0.5);   // contraction towards the centroid
        double vc = eval(f, xc);
        evals++;
        if (vc < (outside ? vr : v[worst])) {
          p[worst] = xc;
          v[worst] = vc;
        } else {
          for (int i = 0; i <= n; i++) {                          // shrink towards the best
            if (i == best) continue;
            p[i] = along(p[best], p[i], 0.5);
            v[i] = eval(f, p[i]);
            evals++;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i <= n; i++) if (v[i] < v[best]) best = i;
    return new Result(p[best].clone(), v[best], evals);
  }

  /** c + t (x - c). */
  private static double[] along(double[] c, double[] x, double t) {
    double[] r = new double[c.length];
    for (int j = 0; j < c.length; j++) r[j] = c[j] + t * (x[j] - c[j]);
    return r;
  }

  private static double eval(ToDoubleFunction<double[]> f, double[] x) {
    double y = f.applyAsDouble(x);
    return Double.isFinite(y) ? y : Double.POSITIVE_INFINITY;
  }
}
