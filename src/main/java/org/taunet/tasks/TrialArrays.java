package org.taunet.tasks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.taunet.data.DType;
import org.taunet.data.NdArray;

/**
 * Trials of a task as neurogym-style arrays ({@code taunet rnn task dump}), the layout {@link NpzTask} reads back:
 * {@code ob} [trials, T, nIn], {@code gt} [trials, T, nOut] (targets, output 0 fixation) and {@code mask} [trials, T]
 * float32; {@code label}, {@code decision_start}, {@code decision_end} (the choice is read at decision_end - 1),
 * {@code length} and {@code delay_steps} (-1 without a delay) [trials] int32; {@code dt_ms} 0-d float64.
 */
public final class TrialArrays {
  private TrialArrays() {}

  /** {@code trials} trials of {@code task} drawn in order from {@code rng}, as arrays. */
  public static Map<String, NdArray> of(Task task, int trials, SplittableRandom rng) {
    int steps = task.maxSteps(), nIn = task.nIn(), nOut = task.nOut();
    float[] ob = new float[trials * steps * nIn], gt = new float[trials * steps * nOut], mask = new float[trials * steps];
    int[] label = new int[trials], start = new int[trials], end = new int[trials], length = new int[trials];
    int[] delay = new int[trials];
    for (int k = 0; k < trials; k++) {
      Trial tr = task.sample(rng);
      for (int t = 0; t < steps; t++) {
        System.arraycopy(tr.inputs()[t], 0, ob, (k * steps + t) * nIn, nIn);
        System.arraycopy(tr.targets()[t], 0, gt, (k * steps + t) * nOut, nOut);
        mask[k * steps + t] = tr.mask()[t];
      }
      label[k] = tr.label();
      start[k] = tr.decisionStart();
      end[k] = tr.decisionEnd();
      length[k] = tr.length();
      delay[k] = tr.delaySteps();
    }
    Map<String, NdArray> a = new LinkedHashMap<>();
    a.put("ob", new NdArray(DType.F4, new int[] {trials, steps, nIn}, ob));
    a.put("gt", new NdArray(DType.F4, new int[] {trials, steps, nOut}, gt));
    a.put("mask", new NdArray(DType.F4, new int[] {trials, steps}, mask));
    a.put("label", new NdArray(DType.I4, new int[] {trials}, label));
    a.put("decision_start", new NdArray(DType.I4, new int[] {trials}, start));
    a.put("decision_end", new NdArray(DType.I4, new int[] {trials}, end));
    a.put("length", new NdArray(DType.I4, new int[] {trials}, length));
    a.put("delay_steps", new NdArray(DType.I4, new int[] {trials}, delay));
    a.put("dt_ms", new NdArray(DType.F8, new int[0], new double[] {task.dtMs()}));
    return a;
  }
}
