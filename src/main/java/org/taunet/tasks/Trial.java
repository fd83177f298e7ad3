package org.taunet.tasks;

/**
 * One trial of a task, padded to the task's {@link Task#maxSteps()}: inputs[T][nIn], targets[T][nOut] (one-hot class
 * targets: output 0 is fixation, outputs 1.. are the choices), loss weights mask[T] (0 on padding), the correct choice
 * (an output index >= 1) and the decision period [decisionStart, decisionEnd) in steps. Accuracy is read at the last
 * decision step, {@code decisionEnd - 1}.
 *
 * @param length steps actually used before the padding
 */
public record Trial(float[][] inputs, float[][] targets, float[] mask, int label, int decisionStart, int decisionEnd,
                    int length) {
  public Trial {
    if (inputs.length != targets.length || inputs.length != mask.length) {
      throw new IllegalArgumentException("inputs, targets and mask differ in length");
    }
    if (decisionStart < 0 || decisionEnd <= decisionStart || decisionEnd > length || length > mask.length) {
      throw new IllegalArgumentException("bad decision period [" + decisionStart + ", " + decisionEnd + ") of " + length);
    }
  }
}
