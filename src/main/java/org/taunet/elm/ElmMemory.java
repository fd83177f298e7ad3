package org.taunet.elm;

import java.util.Locale;
import org.taunet.run.MemoryBudget;

/**
 * Size checks of an ELM network or LSTM before it is built ({@link MemoryBudget}): every array within Java's int index
 * range, and the estimated memory within the free heap. The estimate counts the float arrays the model and trainer
 * allocate: parameters, gradients and Adam's two moments (4 floats per parameter), the per-step activations kept for
 * BPTT over {@code steps x batch} rows (ELM: z1 and act(z1) of width d_mlp, dm, the memory update and the memories of
 * width d_m per unit; LSTM: 4H gates, cell and hidden states; leaky RNN: input sums and states), per-synapse routing and traces, and the dense input
 * block of a sequence task.
 */
final class ElmMemory {
  private ElmMemory() {}

  /**
   * Refuses {@code cfg} on {@code inputs} channels, {@code outputs} classes, {@code steps} time steps per minibatch
   * and {@code batch} sequences, with a message naming the size flags and the estimate.
   *
   * @param denseInput floats of the trainer's dense input block (0 for text)
   */
  static void check(ElmConfig cfg, int inputs, int outputs, int steps, int batch, long denseInput) {
    long rows = (long) steps * batch;
    String what = cfg.charLevel() ? "a minibatch of --batch-size " + batch + " x --segment " + steps + " steps"
        : "a minibatch of " + batch + " sequences x " + steps + " steps";
    if (cfg.model() != ElmConfig.Model.ELM) {
      long h = cfg.baselineHidden(inputs, outputs);
      int gates = cfg.model() == ElmConfig.Model.LSTM ? 4 : 1; // LSTM: 4H gates, cell and hidden; leaky RNN: a, h
      String flags = "--hidden " + h + " --batch-size " + cfg.batchSize();
      long p = cfg.baselineParams(inputs, (int) Math.min(h, Integer.MAX_VALUE), outputs);
      MemoryBudget.checkArray(p, "the parameter vector", flags);
      MemoryBudget.checkArray(MemoryBudget.product(rows, gates, h), "the gate activations of " + what, flags);
      long floats = add(MemoryBudget.product(4, p), MemoryBudget.product(rows, gates + 2, h),
          MemoryBudget.product(2 * batch, 3, h), denseInput);
      MemoryBudget.checkHeap(MemoryBudget.product(floats, 4), String.format(Locale.ROOT,
          "%,d parameters x 4 copies (weights, gradients, Adam moments) + activations of %s", p, what), flags);
      return;
    }
    long n = cfg.units(), dm = cfg.ke(), h = cfg.mlpHidden() == 0 ? 2L * cfg.ke() : cfg.mlpHidden();
    long pool = inputs + (n > 1 ? n - 1 : 0);
    long kc = cfg.kc() == 0 ? pool : cfg.kc(); // k_c 0 with a budget: at most the pool
    long nb = cfg.branches() == 0 || cfg.branches() > kc ? kc : cfg.branches();
    String flags = "--units " + n + " --ke " + dm + (cfg.mlpHidden() > 0 ? " --mlp-hidden " + h : "") + " --kc " + kc
        + " --batch-size " + cfg.batchSize();
    long perUnit = add(kc, MemoryBudget.product(nb, h), MemoryBudget.product(2, h, dm), h, 3 * dm + 1);
    long params = add(MemoryBudget.product(n, perUnit), MemoryBudget.product(n, dm, outputs), outputs);
    MemoryBudget.checkArray(perUnit, "one neuron's parameter block", flags);
    MemoryBudget.checkArray(params, "the parameter vector", flags);
    MemoryBudget.checkArray(MemoryBudget.product(rows, h), "each neuron's MLP activations over " + what, flags);
    MemoryBudget.checkArray(MemoryBudget.product(n, kc), "the synapse routing", flags);
    MemoryBudget.checkArray(MemoryBudget.product(n, batch, kc), "the synaptic traces of " + what, flags);
    long activations = MemoryBudget.product(n, rows + batch, add(MemoryBudget.product(2, h), 3 * dm, 1));
    long fixed = add(MemoryBudget.product(5, n, kc), MemoryBudget.product(6, n, dm), MemoryBudget.product(h, dm),
        MemoryBudget.product(n, batch, add(MemoryBudget.product(2, h), 2 * dm, 2 * kc)));
    long floats = add(MemoryBudget.product(4, params), activations, fixed, denseInput);
    MemoryBudget.checkHeap(MemoryBudget.product(floats, 4), String.format(Locale.ROOT,
        "%,d parameters x 4 copies (weights, gradients, Adam moments) + activations of %s", params, what), flags);
  }

  /** Sum of non-negative terms; -1 if any term is -1 (an overflowed product) or the sum overflows. */
  private static long add(long... terms) {
    long s = 0;
    for (long t : terms) {
      if (t < 0) return -1;
      s += t;
      if (s < 0) return -1;
    }
    return s;
  }
}
