package org.taunet.ep;

import java.util.Locale;
import org.taunet.run.MemoryBudget;

/**
 * Size checks of an EP run before it allocates ({@link MemoryBudget}): each weight matrix and particle block within
 * Java's int index range, and the estimated memory within the free heap. The estimate counts the float arrays of
 * the weights and biases, their gradients, the optimizer state (MOMENTUM one copy, ADAM two), the batch states of
 * the relaxation (about 12 per neuron and example of a minibatch: three phase states, activations, drives and
 * gradient buffers, split over two threads) and, with persistent particles, one state per neuron for every training
 * and test example.
 */
final class EpMemory {
  private EpMemory() {}

  /** Refuses the run of {@code cfg} with layer {@code sizes} on {@code trainN} / {@code testN} examples. */
  static void check(EpConfig cfg, int[] sizes, long trainN, long testN) {
    String flags = "--hidden " + cfg.hidden().toString().replaceAll("[\\[\\] ]", "") + " --batch-size " + cfg.batchSize()
        + (cfg.persistent() ? " --persistent true (" + trainN + " training examples)" : "");
    long params = 0, neurons = 0, all = 0;
    for (int l = 1; l < sizes.length; l++) {
      long w = (long) sizes[l - 1] * sizes[l];
      MemoryBudget.checkArray(w, "the weight matrix of layer " + l + " (" + sizes[l - 1] + " x " + sizes[l] + ")", flags);
      params += w + sizes[l];
      neurons += sizes[l];
      if (cfg.persistent()) {
        MemoryBudget.checkArray((trainN + testN) * sizes[l], "the persistent particles of layer " + l, flags);
      }
    }
    for (int s : sizes) all += s;
    int copies = 2 + switch (cfg.optimizer()) {
      case SGD -> 0;
      case MOMENTUM -> 1;
      case ADAM, ADAMW -> 2;
    };
    long particles = cfg.persistent() ? (trainN + testN) * neurons : 0;
    long floats = copies * params + 12L * cfg.batchSize() * all + particles;
    MemoryBudget.checkHeap(4 * floats, String.format(Locale.ROOT, "%,d parameters x %d copies (weights, gradients,"
        + " optimizer) + batch states + %,d particle values", params, copies, particles), flags);
  }
}
