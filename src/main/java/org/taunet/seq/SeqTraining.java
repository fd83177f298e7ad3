package org.taunet.seq;

import java.util.Arrays;
import java.util.List;
import org.taunet.train.Optimizer;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.Param;
import org.taunet.train.StateReader;
import org.taunet.train.StateWriter;
import org.taunet.train.Stateful;
import org.taunet.train.StepResult;

/**
 * What the trainables of a {@link SeqModel} share: its one optimizer parameter, the training step (forward, softmax
 * cross-entropy, backward, optimizer) and its checkpoint state.
 *
 * <p>State names: {@code net/params} (the flat parameter vector), {@code net/state} (the carried recurrent state of
 * a truncated-BPTT run; its length follows the batch) and the optimizer's under {@code opt/} ({@code opt/t},
 * {@code opt/skipped}, {@code opt/params/m}, {@code opt/params/v} for Adam).
 */
public final class SeqTraining {
  /** The name of the model's parameter vector, for the optimizer and the state ({@code net/params}). */
  public static final String PARAMS = "params";

  private SeqTraining() {}

  /**
   * The optimizer of {@code spec} over the model's flat parameter vector, named {@value #PARAMS}: the gradient norm
   * and its clipping are global over all parameters.
   */
  public static Optimizer optimizer(SeqModel model, OptimizerSpec spec) {
    return spec.create(List.of(Param.of(PARAMS, model.params(), model.grads())));
  }

  /**
   * One optimizer step on the batch in {@code in}: forward from time step {@code first} (with {@code carry} the
   * carried state, see {@link SeqModel#forward}), cross-entropy of the logits against {@code targets}, backward into
   * zeroed gradients, {@code opt.step()}.
   *
   * @param logits workspace of (T - first) * batch * outputs floats
   * @param dLogits workspace of the same size
   * @return the loss summed over the (T - first) * batch scored rows (nats), the correct count, the row count and the
   *     gradient norm before clipping
   */
  public static StepResult step(SeqModel model, Optimizer opt, SparseInput in, int first, int[] targets, float[] logits,
                                float[] dLogits, boolean carry) {
    int rows = (in.steps() - first) * in.batch();
    model.forward(in, first, logits, carry);
    double[] lc = CrossEntropy.loss(logits, targets, rows, model.outputs(), dLogits);
    Arrays.fill(model.grads(), 0f);
    model.backward(dLogits);
    long skipped = opt.skippedSteps();
    double norm = opt.step();
    return new StepResult(lc[0], lc[1], rows, norm, opt.skippedSteps() > skipped);
  }

  /** Whether every parameter is finite. */
  public static boolean finite(SeqModel model) {
    for (float x : model.params()) if (!Float.isFinite(x)) return false;
    return true;
  }

  /**
   * The state of a model and its optimizer: {@code net/params}, with {@code carried} also {@code net/state} (restored
   * with its stored length, which fixes the batch: {@link SeqModel#resetState}), and {@code opt/...}.
   */
  public static Stateful state(SeqModel model, Optimizer opt, boolean carried) {
    return new Stateful() {
      @Override
      public void exportState(StateWriter out) {
        StateWriter net = out.writeScope("net");
        net.writeTensor(PARAMS, model.params());
        if (carried) net.writeTensor("state", model.carriedState());
        opt.exportState(out.writeScope("opt"));
      }

      @Override
      public void importState(StateReader in) {
        StateReader net = in.readScope("net");
        net.readTensor(PARAMS, model.params());
        if (carried) {
          int length = net.shape("state")[0];
          model.resetState(batchOf(model, length));
          net.readTensor("state", model.carriedState());
        }
        opt.importState(in.readScope("opt"));
      }
    };
  }

  /** The batch whose carried state has {@code length} floats (the state's length is linear in the batch). */
  static int batchOf(SeqModel model, int length) {
    if (length == 0) return 1;
    model.resetState(1);
    int one = model.carriedState().length;
    if (one == 0 || length % one != 0) {
      throw new org.taunet.train.StateException("tensor 'net/state': " + length + " values is no whole batch of "
          + one + "-value states");
    }
    return length / one;
  }
}
