package org.taunet.train;

import java.util.List;

/**
 * A first-order optimizer bound to a model's named parameter tensors ({@link Param}). One {@link #step} per
 * minibatch, after the gradients of every parameter have been computed:
 * <ol>
 *   <li>n = ||g|| over all gradients ({@link GradNorm#of}, double, fixed order);</li>
 *   <li>if n is NaN or infinite and the policy is {@link NonFinite#SKIP}: nothing changes except the
 *       {@link #skippedSteps} count, and n is returned so that the trainer can report the divergence;</li>
 *   <li>s = {@link GradNorm#clipScale}(n, clip); each gradient is read as {@code g[i] * s};</li>
 *   <li>lr_p = (the parameter's lr, else the optimizer's lr) * schedule.factor(k), k = {@link #steps()} before this
 *       update (0 for the first);</li>
 *   <li>the rule's update of every parameter, in list order; then k = k + 1.</li>
 * </ol>
 * Implementations: {@link Sgd}, {@link Momentum} (heavy-ball or Nesterov), {@link Adam} (Adam, and AdamW with
 * decoupled weight decay). Build one from a spec with {@link OptimizerSpec#create}.
 *
 * <p>State ({@link Stateful}): the long scalars {@code t} (updates applied) and {@code skipped}, and per parameter
 * the rule's buffers named {@code <param>/<buffer>}, e.g. {@code W1/m}, {@code W1/v}, {@code W1/velocity}, each with
 * the parameter's shape. Hyper-parameters are configuration, not state.
 */
public interface Optimizer extends Stateful {
  /** What to do when the gradient norm is NaN or infinite. */
  enum NonFinite {
    /** Leave parameters, buffers and the step count untouched; count the step in {@link #skippedSteps}. */
    SKIP,
    /** Update anyway (NaN spreads into the parameters, as the families' own optimizers did). */
    APPLY
  }

  /**
   * One update of every parameter from its current gradient. Reads the gradients, writes the parameter values and
   * this optimizer's buffers.
   *
   * @return the global gradient L2 norm before clipping (NaN or infinite if a gradient was)
   */
  double step();

  /** Updates applied so far (skipped steps not counted); the schedule's step index for the next update. */
  long steps();

  /** Steps skipped because the gradient norm was not finite ({@link NonFinite#SKIP}). */
  long skippedSteps();

  /** The learning rate the next update uses for a parameter that inherits the optimizer's: lr * schedule factor. */
  double currentLr();

  /** The parameters, in update order. */
  List<Param> params();
}
