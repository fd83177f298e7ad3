package org.taunet.seq;

import org.taunet.numerics.Softmax;
import org.taunet.numerics.Vec;

/** Softmax cross-entropy over logits rows, the loss of every ELM/LSTM task (classification and next-byte). */
public final class CrossEntropy {
  private CrossEntropy() {}

  /**
   * Softmax cross-entropy of logits rows [rows x k] against {@code targets}: writes dLoss/dlogits of the mean loss
   * into {@code dLogits} (may be null) and returns {sum of losses in nats, number correct}. Per row, with
   * m = max_c l_c and Z = sum_c e^(l_c - m) (a float sum in {@link Softmax#expShifted}'s fixed order):
   * loss = ln Z - (l_target - m); dL/dl_c = (e^(l_c - m) / Z - [c = target]) / rows; correct when the first
   * index of the maximum is the target.
   */
  public static double[] loss(float[] logits, int[] targets, int rows, int k, float[] dLogits) {
    double loss = 0;
    int correct = 0;
    float[] e = dLogits != null ? dLogits : new float[k];
    for (int r = 0; r < rows; r++) {
      int o = r * k, eo = dLogits != null ? o : 0, best = 0;
      float max = Softmax.max(logits, o, k);
      while (best < k - 1 && logits[o + best] != max) best++;
      // softmax: e^(l - max) once per logit, kept in dLogits (when given) for the gradient (p - onehot) / rows
      float sum = Softmax.expShifted(logits, o, k, max, e, eo);
      loss += Math.log(sum) - (logits[o + targets[r]] - max);
      if (best == targets[r]) correct++;
      if (dLogits != null) {
        Vec.scale((float) (1 / ((double) sum * rows)), dLogits, o, k);
        dLogits[o + targets[r]] -= 1f / rows;
      }
    }
    return new double[] {loss, correct};
  }
}
