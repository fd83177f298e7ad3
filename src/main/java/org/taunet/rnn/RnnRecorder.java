package org.taunet.rnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.taunet.data.DType;
import org.taunet.data.NdArray;
import org.taunet.tasks.Task;
import org.taunet.tasks.TrialBatch;

/**
 * Records an RNN's activity on fresh trials for analysis outside taunet ({@code taunet rnn record}): the trials are
 * those {@link RnnTrainer#evaluateFresh} draws from the same stream (from {@link Task#evaluation()}: a file task's
 * held-out trials) (whole minibatches of the run's batch size, so
 * {@code trials} rounded up), run noise-free as evaluation runs them, and every array is trial-major float32
 * [trials, T, units] with T = the task's trial length in steps of dt (step t = 1..T; x_0 = 0 is not stored):
 *
 * <ul>
 *   <li>{@code inputs} [trials, T, nIn], {@code targets} [trials, T, nOut], {@code mask} [trials, T] (loss weights);
 *   <li>{@code x} [trials, T, N], the pre-activations (states) x_t, and {@code rates} [trials, T, N], r_t = phi(x_t);
 *   <li>{@code outputs} [trials, T, nOut], the readout y_t = Wout r_t + bout;
 *   <li>{@code labels}, {@code read_step} (0-based step whose outputs give the choice: the largest of outputs 1..),
 *       {@code delay_steps} (-1 without a delay), each [trials] int32; {@code tau} [N] (s); {@code dt_ms} 0-d float64.
 * </ul>
 */
public final class RnnRecorder {
  private RnnRecorder() {}

  /**
   * The activity of {@code net} on {@code trials} (rounded up to whole minibatches of {@code batch}) fresh trials of
   * {@code task} from {@code rng}.
   */
  public static Map<String, NdArray> record(RnnNetwork net, Task task, int batch, int trials, SplittableRandom rng) {
    List<TrialBatch> batches = RnnTrainer.batches(task.evaluation(), batch, trials, rng);
    int count = batches.size() * batch, steps = task.maxSteps(), n = net.n, nIn = task.nIn(), nOut = task.nOut();
    float[] in = new float[count * steps * nIn], tg = new float[count * steps * nOut], mask = new float[count * steps];
    float[] x = new float[count * steps * n], r = new float[count * steps * n], out = new float[count * steps * nOut];
    int[] labels = new int[count], read = new int[count], delay = new int[count];
    Bptt bptt = new Bptt(net, steps, batch);
    for (int q = 0; q < batches.size(); q++) {
      TrialBatch b = batches.get(q);
      bptt.forward(b.u, 0, null);
      for (int k = 0; k < batch; k++) {
        int trial = q * batch + k;
        labels[trial] = b.label[k];
        read[trial] = b.readStep[k];
        delay[trial] = b.delaySteps[k];
        for (int t = 0; t < steps; t++) {
          int row = t * batch + k, to = trial * steps + t;
          System.arraycopy(b.u, row * nIn, in, to * nIn, nIn);
          System.arraycopy(b.target, row * nOut, tg, to * nOut, nOut);
          mask[to] = b.mask[row];
          System.arraycopy(bptt.x, (row + batch) * n, x, to * n, n);
          System.arraycopy(bptt.r, (row + batch) * n, r, to * n, n);
          System.arraycopy(bptt.y, row * nOut, out, to * nOut, nOut);
        }
      }
    }
    Map<String, NdArray> a = new LinkedHashMap<>();
    a.put("inputs", new NdArray(DType.F4, new int[] {count, steps, nIn}, in));
    a.put("targets", new NdArray(DType.F4, new int[] {count, steps, nOut}, tg));
    a.put("mask", new NdArray(DType.F4, new int[] {count, steps}, mask));
    a.put("x", new NdArray(DType.F4, new int[] {count, steps, n}, x));
    a.put("rates", new NdArray(DType.F4, new int[] {count, steps, n}, r));
    a.put("outputs", new NdArray(DType.F4, new int[] {count, steps, nOut}, out));
    a.put("labels", new NdArray(DType.I4, new int[] {count}, labels));
    a.put("read_step", new NdArray(DType.I4, new int[] {count}, read));
    a.put("delay_steps", new NdArray(DType.I4, new int[] {count}, delay));
    a.put("tau", new NdArray(DType.F4, new int[] {n}, net.tau.clone()));
    a.put("dt_ms", new NdArray(DType.F8, new int[0], new double[] {task.dtMs()}));
    return a;
  }

  /**
   * The choice accuracy of a recording: trial k is correct when the largest of {@code outputs[k, read_step[k], 1:]}
   * is output {@code labels[k]} (as evaluation scores it).
   */
  public static double accuracy(Map<String, NdArray> rec) {
    NdArray out = rec.get("outputs");
    float[] y = (float[]) out.data();
    int[] labels = (int[]) rec.get("labels").data(), read = (int[]) rec.get("read_step").data();
    int steps = out.shape()[1], nOut = out.shape()[2], correct = 0;
    for (int k = 0; k < labels.length; k++) {
      int o0 = (k * steps + read[k]) * nOut, best = 1;
      for (int o = 2; o < nOut; o++) if (y[o0 + o] > y[o0 + best]) best = o;
      if (best == labels[k]) correct++;
    }
    return (double) correct / labels.length;
  }
}
