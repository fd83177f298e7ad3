package org.taunet.seq;

/** Softmax cross-entropy over logits rows, the loss of every ELM/LSTM task (classification and next-byte). */
public final class CrossEntropy {
  private CrossEntropy() {}

  /**
   * Softmax cross-entropy of logits rows [rows x k] against {@code targets}: writes dLoss/dlogits of the mean loss
   * into {@code dLogits} (may be null) and returns {sum of losses in nats, number correct}.
   */
  public static double[] loss(float[] logits, int[] targets, int rows, int k, float[] dLogits) {
    double loss = 0;
    int correct = 0;
    for (int r = 0; r < rows; r++) {
      int o = r * k, best = 0;
      float max = logits[o];
      for (int c = 1; c < k; c++) if (logits[o + c] > max) { max = logits[o + c]; best = c; }
      // softmax: exp(l - max) once per logit, kept in dLogits (when given) for the gradient (p - onehot) / rows
      double sum = 0;
      for (int c = 0; c < k; c++) {
        float e = (float) Math.exp(logits[o + c] - max);
        if (dLogits != null) dLogits[o + c] = e;
        sum += e;
      }
      loss += Math.log(sum) - (logits[o + targets[r]] - max);
      if (best == targets[r]) correct++;
      if (dLogits != null) {
        float scale = (float) (1 / (sum * rows));
        for (int c = 0; c < k; c++) dLogits[o + c] *= scale;
        dLogits[o + targets[r]] -= 1f / rows;
      }
    }
    return new double[] {loss, correct};
  }
}
