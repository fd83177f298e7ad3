package org.taunet.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.taunet.data.DType;
import org.taunet.data.NdArray;
import org.taunet.data.NpyReader;

/**
 * A fixed dataset of trials from an .npz file ({@code --task npz:FILE}), neurogym style, so that trials made elsewhere
 * (any neurogym environment, a NumPy script, {@code taunet rnn task dump}) train an RNN. Training draws trials
 * uniformly with replacement from the first part of the file; evaluation ({@link #evaluation()}) draws them from
 * the held-out last {@code holdout} fraction (argument, default 0.2), so a network is scored on trials it never
 * trained on.
 *
 * <p><b>Arrays</b> (trial-major, T = the padded trial length in steps of dt):
 * <ul>
 *   <li>{@code ob} [trials, T, nIn] float: the inputs (required);
 *   <li>{@code gt} [trials, T, nOut] float: the targets, output 0 fixation, the others choices; or [trials, T] integer
 *       (neurogym's per-step labels: 0 fixation, k choice k), made one-hot over max(gt) + 1 (at least 2) outputs;
 *   <li>{@code mask} [trials, T] float: the loss weights (default 1 everywhere);
 *   <li>{@code label} [trials] integer: the correct choice (default: integer gt, its last nonzero value; float gt,
 *       its largest output among 1.. at the read step);
 *   <li>{@code decision_end} [trials] integer: the choice is read at step decision_end - 1 (default: one after the
 *       last step with mask &gt; 0); {@code decision_start} (default decision_end - 1), {@code length} (default T)
 *       and {@code delay_steps} (default -1) [trials] integer;
 *   <li>{@code dt_ms} 0-d float: the time step the trials were made at; if present, {@code --dt-ms} must equal it.
 * </ul>
 */
public final class NpzTask implements Task {
  /** The prefix of {@code --task} that names a file. */
  public static final String PREFIX = "npz:";

  private final String name;
  private final double dtMs;
  private final Trial[] trials;
  private final int from;
  private final int to;
  private final int nIn;
  private final int nOut;
  private final int steps;
  private final NpzTask heldOut;

  private NpzTask(String name, double dtMs, Trial[] trials, int from, int to, int split, int nIn, int nOut, int steps) {
    this.name = name;
    this.dtMs = dtMs;
    this.trials = trials;
    this.from = from;
    this.to = to;
    this.nIn = nIn;
    this.nOut = nOut;
    this.steps = steps;
    this.heldOut = split < 0 ? null : new NpzTask(name, dtMs, trials, split, trials.length, -1, nIn, nOut, steps);
  }

  /** The registry entry of {@code npz:FILE}: no periods, one argument {@code holdout}. */
  static TaskDef def(String task) {
    Path file = Path.of(task.substring(PREFIX.length()));
    return new TaskDef(task, "trials from " + file + " (training draws from the first part, evaluation from the rest)",
        Map.of(), List.of(new TaskDef.Arg("holdout", 0.2, "fraction of the file's trials (its last ones) held out for "
            + "evaluation, in (0, 1)")), (dt, timing, args) -> load(task, file, dt, args.get("holdout")));
  }

  private record Cached(Path file, FileTime modified, long size, Map<String, NdArray> arrays) {}

  private static Cached cache;

  /** The file's arrays, read once per version of the file (checks read it several times). */
  private static synchronized Map<String, NdArray> arrays(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (cache == null || !cache.file().equals(file) || !cache.modified().equals(modified) || cache.size() != size) {
        cache = new Cached(file, modified, size, NpyReader.readNpz(file));
      }
      return cache.arrays();
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "not found"
          : e.getMessage()), e);
    }
  }

  static NpzTask load(String name, Path file, double dtMs, double holdout) {
    Map<String, NdArray> a = arrays(file);
    if (!(holdout > 0 && holdout < 1)) throw new IllegalArgumentException("holdout must be in (0, 1), got " + holdout);
    NdArray ob = need(a, file, "ob", 3);
    int n = ob.shape()[0], steps = ob.shape()[1], nIn = ob.shape()[2];
    if (n < 2 || steps < 1 || nIn < 1) throw new IllegalArgumentException(file + ": ob has shape " + Arrays.toString(ob.shape()) + "; need at least 2 trials, 1 step and 1 input");
    if (a.containsKey("dt_ms")) {
      double fileDt = doubles(a.get("dt_ms"), file, "dt_ms")[0];
      if (fileDt != dtMs) {
        throw new IllegalArgumentException("the trials of " + file + " are at dt = " + fileDt + " ms, not " + dtMs
            + " ms; use --dt-ms " + fileDt);
      }
    }
    NdArray gt = a.get("gt");
    if (gt == null) throw new IllegalArgumentException(file + ": no array 'gt' (found " + a.keySet() + ")");
    boolean labels = gt.shape().length == 2;
    if (!(labels ? Arrays.equals(gt.shape(), new int[] {n, steps}) : gt.shape().length == 3 && gt.shape()[0] == n && gt.shape()[1] == steps)) {
      throw new IllegalArgumentException(file + ": gt has shape " + Arrays.toString(gt.shape()) + "; need [" + n + ", "
          + steps + ", outputs] targets or [" + n + ", " + steps + "] per-step labels");
    }
    double[] g = doubles(gt, file, "gt");
    int nOut = labels ? Math.max(2, (int) Arrays.stream(g).max().orElse(1) + 1) : gt.shape()[2];
    if (nOut < 2) throw new IllegalArgumentException(file + ": gt has " + nOut + " output; need fixation and a choice");
    double[] mask = a.containsKey("mask") ? doubles(shaped(a, file, "mask", n, steps), file, "mask") : null;
    int[] label = ints(a, file, "label", n), end = ints(a, file, "decision_end", n), start = ints(a, file, "decision_start", n);
    int[] length = ints(a, file, "length", n), delay = ints(a, file, "delay_steps", n);
    float[] x = floats(ob, file);
    Trial[] trials = new Trial[n];
    for (int k = 0; k < n; k++) {
      float[][] in = new float[steps][nIn], tg = new float[steps][nOut];
      float[] m = new float[steps];
      int lastMasked = -1, lastChoice = 0;
      for (int t = 0; t < steps; t++) {
        System.arraycopy(x, (k * steps + t) * nIn, in[t], 0, nIn);
        int row = k * steps + t;
        if (labels) {
          int c = (int) g[row];
          if (c < 0) throw new IllegalArgumentException(file + ": gt has a negative label at trial " + k + ", step " + t);
          tg[t][c] = 1;
          if (c > 0) lastChoice = c;
        } else {
          for (int o = 0; o < nOut; o++) tg[t][o] = (float) g[row * nOut + o];
        }
        m[t] = mask == null ? 1f : (float) mask[row];
        if (m[t] > 0) lastMasked = t;
      }
      int e = end != null ? end[k] : lastMasked + 1;
      if (e < 1 || e > steps) throw new IllegalArgumentException(file + ": trial " + k + " reads its choice at step " + (e - 1) + ", outside [0, " + steps + ")");
      int lab = label != null ? label[k] : labels ? lastChoice : argmaxChoice(tg[e - 1]);
      if (lab < 1 || lab >= nOut) throw new IllegalArgumentException(file + ": trial " + k + " has label " + lab + "; choices are 1.." + (nOut - 1));
      trials[k] = new Trial(in, tg, m, lab, start != null ? start[k] : e - 1, e, length != null ? length[k] : steps,
          delay != null ? delay[k] : -1);
    }
    int split = n - Math.max(1, (int) Math.round(holdout * n));
    if (split < 1) throw new IllegalArgumentException(file + ": " + n + " trials leave none for training with holdout " + holdout);
    return new NpzTask(name, dtMs, trials, 0, split, split, nIn, nOut, steps);
  }

  private static int argmaxChoice(float[] t) {
    int best = 1;
    for (int o = 2; o < t.length; o++) if (t[o] > t[best]) best = o;
    return best;
  }

  private static NdArray need(Map<String, NdArray> a, Path file, String key, int dims) {
    NdArray x = a.get(key);
    if (x == null) throw new IllegalArgumentException(file + ": no array '" + key + "' (found " + a.keySet() + ")");
    if (x.shape().length != dims) throw new IllegalArgumentException(file + ": " + key + " has shape " + Arrays.toString(x.shape()) + ", need " + dims + " dimensions");
    return x;
  }

  private static NdArray shaped(Map<String, NdArray> a, Path file, String key, int... shape) {
    NdArray x = a.get(key);
    if (!Arrays.equals(x.shape(), shape)) throw new IllegalArgumentException(file + ": " + key + " has shape " + Arrays.toString(x.shape()) + ", need " + Arrays.toString(shape));
    return x;
  }

  private static int[] ints(Map<String, NdArray> a, Path file, String key, int n) {
    if (!a.containsKey(key)) return null;
    NdArray x = shaped(a, file, key, n);
    if (x.dtype() == DType.F4 || x.dtype() == DType.F8) throw new IllegalArgumentException(file + ": " + key + " must be integers, is " + x.dtype().code());
    double[] d = doubles(x, file, key);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = (int) d[i];
    return out;
  }

  private static float[] floats(NdArray a, Path file) {
    if (a.data() instanceof float[] f) return f;
    double[] d = doubles(a, file, "ob");
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
    return out;
  }

  /** Any numeric array's values as doubles. */
  private static double[] doubles(NdArray a, Path file, String key) {
    Object d = a.data();
    int len = java.lang.reflect.Array.getLength(d);
    double[] out = new double[len];
    boolean unsigned = a.dtype() == DType.U1 || a.dtype() == DType.BOOL;
    for (int i = 0; i < len; i++) {
      out[i] = switch (d) {
        case float[] x -> x[i];
        case double[] x -> x[i];
        case long[] x -> x[i];
        case int[] x -> x[i];
        case short[] x -> x[i];
        case byte[] x -> unsigned ? x[i] & 0xFF : x[i];
        default -> throw new IllegalArgumentException(file + ": " + key + " is not numeric");
      };
    }
    return out;
  }

  /** The held-out trials, drawn the same way; a held-out view is its own evaluation. */
  @Override
  public Task evaluation() {
    return heldOut == null ? this : heldOut;
  }

  /** Trials this view draws from: training for the task itself, held-out for {@link #evaluation()}. */
  public int trials() {
    return to - from;
  }

  @Override public String name() { return name; }

  @Override public double dtMs() { return dtMs; }

  @Override
  public List<String> inputNames() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nIn; i++) out.add("ob" + i);
    return out;
  }

  @Override
  public List<String> outputNames() {
    List<String> out = new ArrayList<>(List.of("fixation"));
    for (int o = 1; o < nOut; o++) out.add("choice" + o);
    return out;
  }

  @Override public int maxSteps() { return steps; }

  /** A trial drawn uniformly with replacement from this view's trials. */
  @Override
  public Trial sample(SplittableRandom rng) {
    return trials[from + rng.nextInt(to - from)];
  }
}
