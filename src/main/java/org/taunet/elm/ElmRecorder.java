package org.taunet.elm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.taunet.data.DType;
import org.taunet.data.NdArray;
import org.taunet.data.seq.SequenceTask;
import org.taunet.data.seq.SequenceTask.Split;
import org.taunet.seq.SeqModel;
import org.taunet.seq.SparseInput;

/**
 * Records an ELM network's activity on a classification task's evaluation data for analysis outside taunet
 * ({@code taunet elm record}): the first {@code trials} sequences of a split, in order (as evaluation reads them), in
 * batches of {@code batch}, every array trial-major with T = the task's time bins:
 *
 * <ul>
 *   <li>{@code inputs} [trials, T, channels] float32 (spike counts per bin);
 *   <li>{@code memory} [trials, T, N d_m] float32, the memory states m_t of every unit (unit-major: unit i's memories
 *       at i d_m .. i d_m + d_m - 1, the order of the readout's columns);
 *   <li>{@code outputs} [trials, T, classes] float32, the readout logits W_r m_t + b_r at every step (the class is
 *       the argmax at the last step, the one evaluation scores);
 *   <li>{@code labels} [trials] int32; {@code tau_m} [N d_m] float32 (same unit as dt); {@code dt} 0-d float64.
 * </ul>
 */
public final class ElmRecorder {
  private ElmRecorder() {}

  /**
   * The activity of {@code model} on the first {@code trials} sequences of {@code split} (all of them if fewer).
   *
   * @throws IllegalArgumentException if the model is not an ELM network
   */
  public static Map<String, NdArray> record(SeqModel model, SequenceTask task, Split split, int trials, int batch) {
    if (!(model instanceof ElmNet net)) throw new IllegalArgumentException("recording needs an ELM network, not "
        + model.describe());
    int count = Math.min(trials, task.size(split)), steps = task.steps(), ch = task.channels(), k = task.numClasses();
    int units = net.n * net.dm;
    float[] in = new float[count * steps * ch], mem = new float[count * steps * units], out = new float[count * steps * k];
    int[] labels = new int[count];
    SparseInput input = new SparseInput();
    for (int from = 0; from < count; from += batch) {
      int m = Math.min(batch, count - from);
      int[] idx = new int[m], ys = new int[m];
      for (int q = 0; q < m; q++) idx[q] = from + q;
      float[] xs = new float[steps * m * ch], logits = new float[steps * m * k];
      task.fill(split, idx, xs, ys);
      input.setDense(xs, steps, m, ch);
      net.forward(input, 0, logits, false);
      for (int b = 0; b < m; b++) {
        int trial = from + b;
        labels[trial] = ys[b];
        for (int s = 0; s < steps; s++) {
          int row = s * m + b, to = trial * steps + s;
          System.arraycopy(xs, row * ch, in, to * ch, ch);
          System.arraycopy(logits, row * k, out, to * k, k);
          for (int i = 0; i < net.n; i++) {
            System.arraycopy(net.bptt().memoryHistory(i), (row + m) * net.dm, mem, to * units + i * net.dm, net.dm);
          }
        }
      }
    }
    float[] tau = new float[units];
    net.taus(tau);
    Map<String, NdArray> a = new LinkedHashMap<>();
    a.put("inputs", new NdArray(DType.F4, new int[] {count, steps, ch}, in));
    a.put("memory", new NdArray(DType.F4, new int[] {count, steps, units}, mem));
    a.put("outputs", new NdArray(DType.F4, new int[] {count, steps, k}, out));
    a.put("labels", new NdArray(DType.I4, new int[] {count}, labels));
    a.put("tau_m", new NdArray(DType.F4, new int[] {units}, tau));
    a.put("dt", new NdArray(DType.F8, new int[0], new double[] {net.shape.dt()}));
    return a;
  }

  /** The accuracy of a recording: the argmax of the last step's outputs against the labels. */
  public static double accuracy(Map<String, NdArray> rec) {
    NdArray out = rec.get("outputs");
    float[] y = (float[]) out.data();
    int[] labels = (int[]) rec.get("labels").data();
    int steps = out.shape()[1], k = out.shape()[2], correct = 0;
    for (int b = 0; b < labels.length; b++) {
      int o0 = (b * steps + steps - 1) * k, best = 0;
      for (int o = 1; o < k; o++) if (y[o0 + o] > y[o0 + best]) best = o;
      if (best == labels[b]) correct++;
    }
    return (double) correct / labels.length;
  }
}
