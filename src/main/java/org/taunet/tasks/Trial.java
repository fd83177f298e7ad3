package org.taunet.tasks;

/**
 * One trial of a task, padded to the task's {@link Task#maxSteps()}: inputs[T][nIn], targets[T][nOut] (one-hot class
 * targets: output 0 is fixation, outputs 1.. are the choices), loss weights mask[T] (0 on padding), the correct choice
 * (an output index >= 1) and the decision period [decisionStart, decisionEnd) in steps. Accuracy is read at the last
 * decision step, {@code decisionEnd - 1}.
 *
 * @param length steps actually used before the padding
 * @param delaySteps steps of the trial's period named {@code delay} ({@link PeriodTask#DELAY}), -1 for a task without
 *     one: the key of the accuracy-by-delay breakdown
 */
public record Trial(float[][] inputs, float[][] targets, float[] mask, int label, int decisionStart, int decisionEnd,
                    int length, int delaySteps) {
  /** A trial without a delay period ({@code delaySteps} -1). */
  public Trial(float[][] inputs, float[][] targets, float[] mask, int label, int decisionStart, int decisionEnd,
               int length) {
    this(inputs, targets, mask, label, decisionStart, decisionEnd, length, -1);
  }

  public Trial {
    if (inputs.length != targets.length || inputs.length != mask.length) {
      throw new IllegalArgumentException("inputs, targets and mask differ in length");
    }
    if (decisionStart < 0 || decisionEnd <= decisionStart || decisionEnd > length || length > mask.length) {
      throw new IllegalArgumentException("bad decision period [" + decisionStart + ", " + decisionEnd + ") of " + length);
    }
  }
}
