package org.taunet.seq;

/**
 * A recurrent sequence model trained by backpropagation through time (ELM network, LSTM): a flat float32 parameter
 * vector, a forward pass over a {@link SparseInput} batch that keeps what the backward pass needs, and a backward
 * pass that adds the gradient of the loss into {@link #grads()}.
 *
 * <p>Logits layout: {@code logits[((t - first) * batch + b) * outputs() + k]} for the scored steps t = first .. T-1
 * (classification scores only the last step, first = T - 1; language models score every step, first = 0).
 */
public interface SeqModel {
  /** Input channels. */
  int inputs();

  /** Readout size. */
  int outputs();

  /** Trainable parameters (all of them, flat; the optimizer updates this array in place). */
  float[] params();

  /** Gradient accumulator, same layout as {@link #params()}; the caller zeroes it. */
  float[] grads();

  /**
   * Runs the model over {@code in} and writes the logits of steps first..T-1. With {@code carry}, the run starts
   * from the state the previous carried forward ended in (zero after {@link #resetState}) and keeps its own final
   * state (truncated BPTT: no gradient flows into the carried state); otherwise it starts from zero.
   * Modifies {@code logits} and the model's workspaces.
   */
  void forward(SparseInput in, int first, float[] logits, boolean carry);

  /** Backward pass of the last {@link #forward}: adds dLoss/dparams into {@link #grads()} given dLoss/dlogits. */
  void backward(float[] dLogits);

  /** Zeroes the carried state, sized for batch {@code batch}. */
  void resetState(int batch);

  /** The carried state (for checkpoints): the model's own array, length depends on the batch. */
  float[] carriedState();

  /** Short description for logs. */
  String describe();
}
