package org.taunet.train;

import java.util.Arrays;

/**
 * One named parameter tensor of a model with its gradient buffer, as an {@link Optimizer} sees it.
 *
 * <p>{@code value} and {@code grad} are the model's own arrays (row-major, {@code shape}); the optimizer reads
 * {@code grad} and updates {@code value} in place, and never writes {@code grad}. {@code lr} and
 * {@code weightDecay} override the optimizer's values for this tensor (NaN = inherit), which gives parameter
 * groups: EP's per-layer learning rates, or no weight decay on biases. The name is the tensor's name in the
 * model's state ({@code W1}, {@code b1}, {@code w_rec}, ...) and prefixes the optimizer's state for it
 * ({@code W1/m}).
 *
 * @param name state name, segments of [A-Za-z0-9_.-] joined by '/'
 * @param value parameter values, updated in place
 * @param grad gradient of the loss with respect to {@code value}, same length (read only)
 * @param shape row-major shape, product = value.length
 * @param lr learning rate for this tensor before the schedule, or NaN for the optimizer's
 * @param weightDecay decoupled weight decay for this tensor (AdamW), or NaN for the optimizer's
 */
public record Param(String name, float[] value, float[] grad, int[] shape, double lr, double weightDecay) {
  /** Validates the name, lengths, shape and overrides. */
  public Param {
    StateNames.check(name);
    if (value == null || grad == null) throw new IllegalArgumentException("param '" + name + "': null array");
    if (grad.length != value.length) {
      throw new IllegalArgumentException("param '" + name + "': gradient has " + grad.length + " values, parameter "
          + value.length);
    }
    shape = shape == null || shape.length == 0 ? new int[] {value.length} : shape.clone();
    if (StateBundle.product(shape) != value.length) {
      throw new IllegalArgumentException("param '" + name + "': shape " + Arrays.toString(shape) + " does not match "
          + value.length + " values");
    }
    if (!Double.isNaN(lr) && !(lr >= 0 && lr < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("param '" + name + "': lr must be finite and >= 0 (or NaN to inherit), got " + lr);
    }
    if (!Double.isNaN(weightDecay) && !(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("param '" + name + "': weight decay must be finite and >= 0 (or NaN to "
          + "inherit), got " + weightDecay);
    }
  }

  /** A parameter with the optimizer's learning rate and weight decay; no shape means {@code [value.length]}. */
  public static Param of(String name, float[] value, float[] grad, int... shape) {
    return new Param(name, value, grad, shape, Double.NaN, Double.NaN);
  }

  /** This parameter with its own learning rate (before the schedule). */
  public Param withLr(double lr) {
    return new Param(name, value, grad, shape, lr, weightDecay);
  }

  /** This parameter with its own decoupled weight decay (0 = none). */
  public Param withWeightDecay(double weightDecay) {
    return new Param(name, value, grad, shape, lr, weightDecay);
  }

  /** The shape (a copy). */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The learning rate for this tensor: its own, or {@code base} if it inherits. */
  public double lrOr(double base) {
    return Double.isNaN(lr) ? base : lr;
  }

  /** The weight decay for this tensor: its own, or {@code base} if it inherits. */
  public double weightDecayOr(double base) {
    return Double.isNaN(weightDecay) ? base : weightDecay;
  }
}
