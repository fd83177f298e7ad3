package org.taunet.elm;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.taunet.run.ConfigTree;
import org.taunet.run.Doc;
import org.taunet.run.UserError;
import org.taunet.seq.LeakyRnn;
import org.taunet.seq.Lstm;
import org.taunet.tau.TauDistribution;
import org.taunet.train.WeightsImport;

/**
 * Fully resolved configuration of one {@code taunet elm train} run; every CLI flag maps one-to-one onto a field
 * (kebab-case of the field name). Defaults live in one place, {@link #defaults()}.
 */
public record ElmConfig(
    @Doc("Task: fsdd-adding, shd-adding, fsdd, shd (sequence classification, last step scored), text (GCIDE) or "
        + "enwik8 (next-byte prediction, bits per character).")
    String task,
    @Doc("The model: ELM network, or the LSTM or leaky-RNN baseline (leaky-rnn: tau_i dx/dt = -x + W tanh(x) + "
        + "W_in u + b, readout from tanh(x); --hidden units, tau_i as tau_m below).")
    Model model,
    @Doc("N, ELM neurons (one of the three independent axes with --ke and --kc).")
    int units,
    @Doc("k_e = d_m, memory units per neuron (MLP width mlpHidden, default 2 k_e).")
    int ke,
    @Doc("k_c, synapses per neuron, drawn from the input channels and, when N > 1, the other units' outputs (0: that "
        + "whole pool; with --budget and 0, the largest k_c that fits P, the rule of runs before issue 14).")
    int kc,
    @Doc("Dendritic branches per neuron (0: one per synapse, the plain ELM).")
    int branches,
    @Doc("MLP width d_mlp (0: 2 k_e as the reference).")
    int mlpHidden,
    @Doc("Memory update (this --version replaces the standard one).")
    ElmShape.Version version,
    @Doc("MLP nonlinearity.")
    ElmShape.Activation activation,
    @Doc("Lower bound of tau_m, ms for spike tasks, steps for text.")
    double tauMin,
    @Doc("Upper bound of tau_m.")
    double tauMax,
    @Doc("Distribution of tau_m (ms for spike tasks, steps for text), clamped into [tau-min, tau-max], e.g. "
        + "lognormal:mu=3.9,sigma=1 (median e^3.9 = 50 ms); empty: log-spaced over the bounds per neuron (Spieler et al.).")
    TauDistribution tau,
    @Doc("Train tau_m (bounded sigmoid parametrisation).")
    boolean learnTau,
    @Doc("Synaptic time constant tau_s (same unit as tauMin).")
    double tauS,
    @Doc("Memory update scale.")
    double lambda,
    @Doc("Initial synaptic weight.")
    double wsInit,
    @Doc("Hidden units of the LSTM or leaky-RNN baseline.")
    int hidden,
    @Doc("LSTM forget-gate bias at initialisation, added to the forget gate's uniform(+-1/sqrt H) bias draw "
        + "(absent in the config.json of older runs: 1, what they used).")
    Double forgetBias,
    @Doc("Parameter budget P (0: none). LSTM and leaky RNN: the largest --hidden that fits. ELM: recorded with the "
        + "run (the elm-budget sweep label); only with --kc 0 does it size k_c (the largest that fits). "
        + "`taunet elm budget` lists the (N, k_e, k_c) allocations near P.")
    long budget,
    @Doc("Spike bin width in ms (the ELM time step dt for spike tasks; text uses dt = 1 step).")
    double binMs,
    @Doc("Passes over the training set (text: over the training stream).")
    int epochs,
    @Doc("Stop after this many optimizer steps (0: none, every epoch runs): a text run then trains on max-steps x "
        + "batch-size x segment bytes, the same for every model of a scaling sweep; absent in the config.json of older "
        + "runs (= 0).")
    Long maxSteps,
    @Doc("Sequences per minibatch (text: parallel tracks).")
    int batchSize,
    @Doc("Adam learning rate.")
    double lr,
    @Doc("Global gradient-norm clip (0: none).")
    double gradClip,
    @Doc("Text: truncated-BPTT segment length in bytes.")
    int segment,
    @Doc("Text: optimizer steps between held-out evaluations (and metrics rows).")
    int evalEvery,
    @Doc("Text: held-out bytes evaluated (0: the whole validation / test stream).")
    long evalBytes,
    @Doc("training-time budget in minutes (0: none), counting the training time before a resume; the run stops "
        + "with a checkpoint after the step that passes it (resume with a larger budget).")
    double minutes,
    @Doc("Optimizer steps between extra checkpoints (0: none; a checkpoint is always written with each metrics "
        + "row: each epoch end, text each evaluation).")
    int checkpointEvery,
    @Doc("Minutes of training between extra checkpoints, also mid-epoch (0: none), so that a preempted run "
        + "loses at most that much; absent in the config.json of older runs (= 0).")
    double checkpointMinutes,
    @Doc("Master seed.")
    long seed,
    @Doc(WeightsImport.DOC)
    String initFrom) {

  /** Model family. */
  public enum Model { ELM, LSTM, LEAKY_RNN }

  /** Task names. */
  public static final Set<String> TASKS = Set.of("fsdd-adding", "shd-adding", "fsdd", "shd", "text", "enwik8");

  /** As the canonical constructor without {@code initFrom} (the seeded initialisation). */
  public ElmConfig(String task, Model model, int units, int ke, int kc, int branches, int mlpHidden,
      ElmShape.Version version, ElmShape.Activation activation, double tauMin, double tauMax, TauDistribution tau,
      boolean learnTau, double tauS, double lambda, double wsInit, int hidden, Double forgetBias, long budget,
      double binMs, int epochs, int batchSize, double lr, double gradClip, int segment, int evalEvery, long evalBytes,
      double minutes, int checkpointEvery, double checkpointMinutes, long seed) {
    this(task, model, units, ke, kc, branches, mlpHidden, version, activation, tauMin, tauMax, tau, learnTau, tauS,
        lambda, wsInit, hidden, forgetBias, budget, binMs, epochs, null, batchSize, lr, gradClip, segment, evalEvery,
        evalBytes, minutes, checkpointEvery, checkpointMinutes, seed, null);
  }

  public ElmConfig {
    initFrom = WeightsImport.checkInitFrom(initFrom);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(activation, "activation");
    task = Objects.requireNonNull(task, "task").toLowerCase(Locale.ROOT);
    if (!TASKS.contains(task)) fail("--task", "unknown task '" + task + "'", "use one of " + String.join(", ", TASKS.stream().sorted().toList()));
    if (units < 1) fail("--units", "must be >= 1, got " + units, null);
    if (ke < 1) fail("--ke", "must be >= 1, got " + ke, null);
    if (hidden < 1) fail("--hidden", "must be >= 1, got " + hidden, null);
    if (forgetBias == null) forgetBias = 1.0;
    if (!Double.isFinite(forgetBias)) fail("--forget-bias", "must be finite, got " + forgetBias, null);
    if (kc < 0) fail("--kc", "must be >= 0 (0 = every source), got " + kc, null);
    if (branches < 0) fail("--branches", "must be >= 0 (0 = one per synapse), got " + branches, null);
    if (mlpHidden < 0) fail("--mlp-hidden", "must be >= 0 (0 = 2 k_e), got " + mlpHidden, null);
    if (kc > 0 && branches > kc) fail("--branches", branches + " exceeds --kc " + kc, "use at most --kc branches");
    if (!(tauMin > 0) || !(tauMax > tauMin)) fail("--tau-min", "need 0 < --tau-min < --tau-max, got " + tauMin + ", " + tauMax, null);
    if (!(tauS > 0)) fail("--tau-s", "must be > 0, got " + tauS, null);
    if (!(lambda > 0)) fail("--lambda", "must be > 0, got " + lambda, null);
    if (!(wsInit > 0)) fail("--ws-init", "must be > 0, got " + wsInit, null);
    if (budget < 0) fail("--budget", "must be >= 0 (0 = none), got " + budget, null);
    if (!(binMs > 0)) fail("--bin-ms", "must be > 0, got " + binMs, null);
    if (epochs < 1) fail("--epochs", "must be >= 1, got " + epochs, "use --epochs 1 or more");
    if (maxSteps == null) maxSteps = 0L;
    if (maxSteps < 0) fail("--max-steps", "must be >= 0 (0 = none), got " + maxSteps, null);
    if (batchSize < 1) fail("--batch-size", "must be >= 1, got " + batchSize, null);
    if (segment < 1) fail("--segment", "must be >= 1, got " + segment, null);
    if (evalEvery < 1) fail("--eval-every", "must be >= 1, got " + evalEvery, null);
    if (!(lr > 0)) fail("--lr", "must be > 0, got " + lr, null);
    if (!(gradClip >= 0)) fail("--grad-clip", "must be >= 0 (0 = none), got " + gradClip, null);
    if (evalBytes < 0) fail("--eval-bytes", "must be >= 0 (0 = all), got " + evalBytes, null);
    if (!(minutes >= 0 && minutes < Double.POSITIVE_INFINITY)) fail("--minutes", "must be >= 0 (0 = none), got " + minutes, null);
    if (checkpointEvery < 0) fail("--checkpoint-every", "must be >= 0, got " + checkpointEvery, null);
    if (!(checkpointMinutes >= 0 && checkpointMinutes < Double.POSITIVE_INFINITY)) {
      fail("--checkpoint-minutes", "must be finite and >= 0 (0 = none), got " + checkpointMinutes, null);
    }
  }

  private static void fail(String flag, String problem, String hint) {
    throw UserError.flag(flag, problem, hint);
  }

  /** Whether the task is next-byte prediction (text, enwik8). */
  public boolean charLevel() {
    return task.equals("text") || task.equals("enwik8");
  }

  /**
   * The defaults. Reference ELM values (Spieler et al. 2024 code): d_m = 100, d_mlp = 2 d_m, ReLU, tau_m in [1, 1000]
   * ms log-spaced, tau_s = 5 ms, lambda = 5, w_s = 0.5; one neuron reading every channel. bin 2 ms (issue: SHD-Adding
   * binning). Adam lr 2e-3 with norm clip 1 and batch 32 train these small models stably in few epochs; TBPTT
   * segments of 100 bytes with evaluation every 500 steps on 200k held-out bytes keep text evaluation cheap.
   * The axes N = 1, k_e = 100, k_c = 0 (every channel) are the reference single neuron; a scaling study sets all three
   * (`taunet elm budget`). LSTM forget-gate bias 1 (Gers et al. 2000; Jozefowicz et al. 2015): the cell starts out
   * remembering.
   */
  public static ElmConfig defaults() {
    return new ElmConfig("fsdd-adding", Model.ELM, 1, 100, 0, 0, 0, ElmShape.Version.V1, ElmShape.Activation.RELU,
        1, 1000, null, false, 5, 5, 0.5, 128, 1.0, 0, 2, 20, 32, 2e-3, 1.0, 100, 500, 200_000, 0, 0, 0, 1);
  }

  /**
   * This config with {@code key=value} assignments applied (config.json keys or flag names, as {@code --set}), e.g.
   * {@code with("units=4", "ke=8", "kc=16")}; the result is validated like any config.
   */
  public ElmConfig with(String... assignments) {
    ConfigTree<ElmConfig> tree = ConfigTree.of(ElmConfig.class);
    ObjectNode t = tree.tree(this);
    for (String a : assignments) tree.assign(t, a);
    return tree.build(t);
  }

  /** The time step of the neuron dynamics: the bin width for spike tasks, one byte for text. */
  public double dt() {
    return charLevel() ? 1 : binMs;
  }

  /** The ELM architecture for {@code inputs} channels and {@code outputs} classes, with k_c = synapses. */
  public ElmShape shape(int inputs, int outputs, int synapses) {
    int nb = branches == 0 || branches > synapses ? synapses : branches;
    return new ElmShape(inputs, outputs, units, ke, mlpHidden == 0 ? (int) Math.min(Integer.MAX_VALUE, 2L * ke) : mlpHidden, synapses, nb, version,
        activation, tauMin, tauMax, tau, learnTau, tauS, lambda, dt(), wsInit);
  }

  /**
   * The ELM architecture this config trains: N, k_e and k_c as set (k_c 0: the whole source pool). Only a config with
   * k_c 0 and a budget takes the largest k_c whose parameter count fits P, the rule of runs before issue 14, so that
   * their config.json resumes unchanged.
   */
  public ElmShape shape(int inputs, int outputs) {
    int pool = inputs + (units > 1 ? units - 1 : 0);
    if (kc > 0) return shape(inputs, outputs, kc);
    if (budget == 0) return shape(inputs, outputs, pool);
    int best = ElmBudget.maxSynapses(this, inputs, outputs, budget);
    if (best < 1) fail("--budget", budget + " is too small for N=" + units + ", ke=" + ke + " (needs "
        + shape(inputs, outputs, 1).paramCount() + ")", "raise --budget or lower --units / --ke");
    return shape(inputs, outputs, best);
  }

  /** Exact trainable parameters of the baseline (LSTM or leaky RNN) with {@code h} hidden units. */
  public long baselineParams(int inputs, int h, int outputs) {
    return switch (model) {
      case LSTM -> Lstm.paramCount(inputs, h, outputs);
      case LEAKY_RNN -> LeakyRnn.paramCount(inputs, h, outputs);
      case ELM -> throw new IllegalStateException("the ELM is not a baseline");
    };
  }

  /** Hidden size of the LSTM or leaky-RNN baseline: the flag, or with a budget the largest that fits. */
  public int baselineHidden(int inputs, int outputs) {
    if (budget == 0) return hidden;
    int h = 1;
    while (baselineParams(inputs, h + 1, outputs) <= budget) h++;
    if (baselineParams(inputs, h, outputs) > budget) {
      String name = model.name().toLowerCase(Locale.ROOT).replace('_', '-');
      fail("--budget", budget + " is too small for the " + name + " baseline (needs " + baselineParams(inputs, 1, outputs)
          + ")", "raise --budget");
    }
    return h;
  }
}
