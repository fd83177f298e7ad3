package org.taunet.ep;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.taunet.run.Doc;
import org.taunet.run.UserError;
import org.taunet.tau.TauDistribution;
import org.taunet.tau.TauSpec;
import org.taunet.train.OptimizerSpec;
import org.taunet.train.WeightsImport;

/**
 * Fully resolved configuration of one Equilibrium Propagation training run. Every CLI flag of
 * {@code taunet ep train} maps one-to-one onto a field (kebab-case of the field name).
 *
 * <p>Defaults live in one place, {@link #preset(String)}; the presets reproduce the networks of
 * Scellier &amp; Bengio (2017), "Equilibrium Propagation", Table 1 (net1, net2, net3).
 */
public record EpConfig(
    @Doc("Dataset: mnist, fashion-mnist or kmnist.")
    String dataset,
    @Doc("Hidden layer sizes, input 784 and output 10 are implied by the data.")
    List<Integer> hidden,
    @Doc("rho, the neuron nonlinearity.")
    Activation activation,
    @Doc("The relaxation rule. GRADIENT: s <- clip(s - dt dF/ds); LEAKY: s <- (1-dt) s + dt sigma(dPhi/ds).")
    Dynamics dynamics,
    @Doc("Distribution of the per-neuron time steps dt_i (dimensionless; mean below 2), e.g. "
        + "normal:mean=0.5,sd=0.1,min=0.05,max=1 or gamma:mean=0.5,k=4; a bare number is the scalar-dt baseline.")
    TauDistribution tau,
    @Doc("Passes over the training set.")
    int epochs,
    @Doc("Examples per minibatch.")
    int batchSize,
    @Doc("T1, relaxation steps of the free phase (beta = 0).")
    int tFree,
    @Doc("T2, relaxation steps of each nudged phase, started from the free equilibrium.")
    int tNudged,
    @Doc("Nudging strength (positive; its sign is chosen per minibatch with --random-beta).")
    double beta,
    @Doc("Draw the sign of beta at random per minibatch (Scellier & Bengio 2017).")
    boolean randomBeta,
    @Doc("Symmetric nudging: +beta and -beta phases (Laborieux et al. 2021, Eq. 5).")
    boolean symmetric,
    @Doc("Persistent particles: each example's free state is kept for its next visit.")
    boolean persistent,
    @Doc("Learning rate per weight layer (input-side first); biases use their layer's.")
    List<Double> lr,
    @Doc("The optimizer (ADAMW: decoupled weight decay 0.01), with the per-layer rates of --lr.")
    OptimizerSpec.Kind optimizer,
    @Doc("Momentum coefficient (MOMENTUM only).")
    double momentum,
    @Doc("A relaxation counts as not converged if max |s_t - s_{t-1}| exceeds this at its last step.")
    double convergenceTol,
    @Doc("Free-phase steps of a cold-start evaluation (when particles are not persistent).")
    int evalSteps,
    @Doc("Use only the first N training examples (0 = all).")
    int trainLimit,
    @Doc("Use only the first N test examples (0 = all).")
    int testLimit,
    @Doc("Master seed; every random stream is derived from it.")
    long seed,
    @Doc("Keep the persistent particles in the final checkpoint of a finished run (they are (train + test "
        + "examples) x (hidden + output units) floats, 144 MB for net1 on MNIST); by default a finished run's "
        + "checkpoint holds only weights, time steps and optimizer state.")
    boolean keepParticles,
    @Doc("Also write a checkpoint every this many minibatches (0 = only at epoch ends).")
    long checkpointEvery,
    @Doc("Also write a checkpoint when this many minutes of training passed since the last one, in the middle "
        + "of an epoch if need be (0 = off), so a preempted run loses at most that much.")
    double checkpointMinutes,
    @Doc("Multiplier of every layer's learning rate (--lr), 1 by default (the published rates); a stress axis of the "
        + "HTS stability study, which sweeps it (e.g. over 1 and 2.5) without repeating per-layer lists. Absent from a "
        + "config.json written before it: 1.")
    Double lrScale,
    @Doc("Control arm 'scalar dt, per-neuron learning rate scaled like dt_i' (none by default): a time-step distribution "
        + "(e.g. gamma:mean=0.5,k=4) whose draws dt_i, from the stream an HTS run of that --tau draws its time steps "
        + "from, give each neuron the factor dt_i / mean(dt); the neuron's incoming weight and bias gradients are "
        + "multiplied by it, while the relaxation uses the scalar --tau. Needs a scalar --tau and SGD or MOMENTUM "
        + "(linear in the gradient, so the factor is exactly a per-neuron learning rate).")
    TauDistribution lrLikeDt,
    @Doc("Test examples of the relaxation probe (0 = off; 64 by default, a fixed set drawn once from the stream "
        + "'probe'): at each epoch end they relax from zero for max(T1, eval-steps) steps and probe.csv gets the mean "
        + "energy E and mean |s_t - s_{t-1}| of every step, to compare how scalar and HTS relaxations settle. Absent from a "
        + "config.json written before it: 0, so a resumed older run keeps its files.")
    Integer probeExamples,
    @Doc(WeightsImport.DOC)
    String initFrom) {

  /**
   * Default of {@link #probeExamples} in the presets: 64 test images; for net1 on 10k training examples the probe's
   * 64 x 100 relaxation steps are about 3 % of an epoch's 10,000 x 24.
   */
  public static final int DEFAULT_PROBE = 64;

  /** The relaxation rule. */
  public enum Dynamics { GRADIENT, LEAKY }

  /**
   * As the canonical constructor with {@code keepParticles} false, checkpoints at epoch ends only, lr scale 1, no
   * lr-like-dt control and the probe on ({@link #DEFAULT_PROBE} examples).
   */
  public EpConfig(String dataset, List<Integer> hidden, Activation activation, Dynamics dynamics, TauDistribution tau,
      int epochs, int batchSize, int tFree, int tNudged, double beta, boolean randomBeta,
      boolean symmetric, boolean persistent, List<Double> lr, OptimizerSpec.Kind optimizer,
      double momentum, double convergenceTol, int evalSteps, int trainLimit, int testLimit, long seed) {
    this(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta, randomBeta, symmetric,
        persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit, seed, false, 0, 0, 1.0, null,
        DEFAULT_PROBE);
  }

  /** As the canonical constructor without {@code initFrom} (the seeded initialisation). */
  public EpConfig(String dataset, List<Integer> hidden, Activation activation, Dynamics dynamics, TauDistribution tau,
      int epochs, int batchSize, int tFree, int tNudged, double beta, boolean randomBeta,
      boolean symmetric, boolean persistent, List<Double> lr, OptimizerSpec.Kind optimizer,
      double momentum, double convergenceTol, int evalSteps, int trainLimit, int testLimit, long seed,
      boolean keepParticles, long checkpointEvery, double checkpointMinutes, double lrScale, TauDistribution lrLikeDt,
      Integer probeExamples) {
    this(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta, randomBeta, symmetric,
        persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit, seed, keepParticles,
        checkpointEvery, checkpointMinutes, lrScale, lrLikeDt, probeExamples, null);
  }

  /** Validates every field. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public EpConfig {
    initFrom = WeightsImport.checkInitFrom(initFrom);
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(dynamics, "dynamics");
    Objects.requireNonNull(optimizer, "optimizer");
    hidden = List.copyOf(hidden);
    lr = List.copyOf(lr);
    if (hidden.isEmpty() || hidden.size() > 3) fail("--hidden", "needs 1 to 3 layer sizes, got " + hidden, "e.g. --hidden 500 or 500,500");
    for (int h : hidden) if (h < 1) fail("--hidden", "layer sizes must be >= 1, got " + hidden, null);
    if (lr.size() != hidden.size() + 1)
      fail("--lr", "needs one rate per weight layer (" + (hidden.size() + 1) + "), got " + lr,
          "give " + (hidden.size() + 1) + " comma-separated rates, input side first");
    for (double r : lr) if (!(r > 0) || !Double.isFinite(r)) fail("--lr", "learning rates must be > 0, got " + lr, null);
    if (epochs < 1) fail("--epochs", "must be >= 1, got " + epochs, "use --epochs 1 or more");
    if (batchSize < 1) fail("--batch-size", "must be >= 1, got " + batchSize, null);
    if (tFree < 1 || tNudged < 1) fail(tFree < 1 ? "--t-free" : "--t-nudged", "relaxation steps must be >= 1, got "
        + tFree + " (--t-free), " + tNudged + " (--t-nudged)", null);
    if (!(beta > 0) || !Double.isFinite(beta)) fail("--beta", "must be > 0 (its sign is set by --random-beta), got " + beta, null);
    if (momentum < 0 || momentum >= 1) fail("--momentum", "must be in [0, 1), got " + momentum, null);
    if (!(convergenceTol > 0)) fail("--convergence-tol", "must be > 0, got " + convergenceTol, null);
    if (evalSteps < 1) fail("--eval-steps", "must be >= 1, got " + evalSteps, null);
    if (checkpointEvery < 0) fail("--checkpoint-every", "must be >= 0 (0 = at epoch ends only), got " + checkpointEvery, null);
    if (!(checkpointMinutes >= 0 && checkpointMinutes < Double.POSITIVE_INFINITY))
      fail("--checkpoint-minutes", "must be finite and >= 0 (0 = off), got " + checkpointMinutes, null);
    if (trainLimit < 0 || testLimit < 0) fail(trainLimit < 0 ? "--train-limit" : "--test-limit", "must be >= 0 (0 = all)", null);
    checkTimeSteps(tau);
    if (lrScale == null) lrScale = 1.0;
    if (probeExamples == null) probeExamples = 0;
    if (!(lrScale > 0 && lrScale < Double.POSITIVE_INFINITY)) fail("--lr-scale", "must be finite and > 0, got " + lrScale, "e.g. --lr-scale 2.5");
    if (probeExamples < 0) fail("--probe-examples", "must be >= 0 (0 = off), got " + probeExamples, null);
    if (lrLikeDt != null) checkLrLikeDt(tau, lrLikeDt, optimizer);
    if (dynamics == Dynamics.GRADIENT && activation != Activation.HARD_SIGMOID)
      fail("--activation", "GRADIENT dynamics clip states to [0,1] and need HARD_SIGMOID, got " + activation,
          "use --dynamics LEAKY for " + activation);
  }

  /**
   * Largest mean time step accepted: {@value}. Both update rules move a state by dt times its distance to the local
   * target (GRADIENT: s &lt;- clip(s - dt dF/ds, 0, 1) with dF/ds = s - rho'(s) drive; LEAKY: s &lt;- s + dt (sigma(drive)
   * - s)), so with drive fixed the distance is multiplied by |1 - dt| per step: dt in (0, 1] approaches the equilibrium
   * monotonically, (1, 2) overshoots but still converges, and dt &gt;= 2 never converges (GRADIENT states jump between
   * the clip bounds 0 and 1, the network collapses). A distribution whose mean is at or above this bound is refused;
   * single draws above it (e.g. the tail of a gamma) are allowed, as the stability studies need them.
   */
  public static final double MAX_MEAN_DT = 2.0;

  /** Refuses time steps that make the relaxation meaningless ({@link #MAX_MEAN_DT}). */
  private static void checkTimeSteps(TauDistribution d) {
    if (d == null) fail("--tau", "the time-step distribution is missing", "e.g. --tau 0.5");
    double mean = d.mean();
    if (mean >= MAX_MEAN_DT) {
      fail("--tau", "mean time step dt = " + (float) mean + " is >= " + MAX_MEAN_DT + ": the update s <- clip(s - dt dF/ds,"
          + " 0, 1) multiplies the distance to equilibrium by |1 - dt| >= 1 per step, so states never settle and jump"
          + " between 0 and 1", "use time steps in (0, 1] (the presets use --tau 0.5), e.g. --tau normal:mean=0.5,sd=0.1,min=0.05,max=1");
    }
  }

  /** The control arm needs scalar relaxation, a usable mean and an optimizer linear in the gradient. */
  private static void checkLrLikeDt(TauDistribution tau, TauDistribution like, OptimizerSpec.Kind optimizer) {
    if (!(tau.variance() == 0)) fail("--lr-like-dt", "the control scales learning rates like dt_i while the relaxation "
        + "uses one scalar dt, but --tau is " + tau.spec(), "use a scalar --tau, e.g. --tau 0.5");
    if (optimizer != OptimizerSpec.Kind.SGD && optimizer != OptimizerSpec.Kind.MOMENTUM)
      fail("--lr-like-dt", "needs SGD or MOMENTUM: " + optimizer + " normalises the gradient, so scaling it is not a "
          + "per-neuron learning rate", "use --optimizer SGD");
  }

  private static void fail(String flag, String problem, String hint) {
    throw UserError.flag(flag, problem, hint);
  }

  /** Number of weight layers (hidden layers + 1). */
  public int weightLayers() {
    return hidden.size() + 1;
  }

  /** The preset names, the default first. */
  public static final List<String> PRESETS = List.of("net1", "net2", "net3", "quick");

  /**
   * Named defaults. net1/net2/net3 are the networks of Scellier &amp; Bengio (2017) and their code
   * (batch 20, dt (their epsilon) = 0.5, random-sign beta, persistent particles, plain SGD), with
   * beta and the learning rates doubled: their cost is ||s - y||^2, taunet's is 1/2 ||s - y||^2, so
   * the same dynamics and the same updates need twice their beta and twice their alphas.
   * <ul>
   *   <li>net1: 784-500-10, T1 = 20, T2 = 4, beta = 1.0, lr 0.2 / 0.1, 25 epochs.
   *   <li>net2: 784-500-500-10, T1 = 150, T2 = 6, beta = 2.0, lr 0.8 / 0.2 / 0.02, 60 epochs.
   *   <li>net3: 784-500-500-500-10, T1 = 500, T2 = 8, beta = 2.0, lr 0.256 / 0.064 / 0.016 / 0.004, 500 epochs.
   *   <li>quick: net1 on the first 10k training examples for 5 epochs, a smoke test of about a minute.
   * </ul>
   */
  public static EpConfig preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      // Checked against bscellier/Towards-a-Biologically-Plausible-Backprop, train_model.py (net1/net2/net3 dicts;
      // all: batch_size 20, epsilon 0.5 = our --tau 0.5). Their (n_it_neg, n_it_pos, beta, alphas) -> ours
      // (T1, T2, 2 beta, 2 alphas): net1 (20, 4, 0.5, [.1, .05]); net2 (150, 6, 1.0, [.4, .1, .01]);
      // net3 (500, 8, 1.0, [.128, .032, .008, .002]); epochs 25 / 60 / 500 as theirs.
      case "net1" -> net(List.of(500), 25, 20, 4, 1.0, List.of(0.2, 0.1));
      case "net2" -> net(List.of(500, 500), 60, 150, 6, 2.0, List.of(0.8, 0.2, 0.02));
      case "net3" -> net(List.of(500, 500, 500), 500, 500, 8, 2.0, List.of(0.256, 0.064, 0.016, 0.004));
      case "quick" -> net(List.of(500), 5, 20, 4, 1.0, List.of(0.2, 0.1)).withLimits(10_000, 0);
      default -> throw UserError.flag("--preset", "unknown preset '" + name + "'", "use one of " + String.join(", ", PRESETS));
    };
  }

  private static EpConfig net(List<Integer> hidden, int epochs, int t1, int t2, double beta, List<Double> lr) {
    // evalSteps = 100: enough for a cold start (zero state) to equilibrate in the 1-hidden-layer net.
    // convergenceTol = 1e-3: state changes below this are well under the 1/255 input resolution.
    return new EpConfig("mnist", hidden, Activation.HARD_SIGMOID, Dynamics.GRADIENT, TauSpec.of("0.5"), epochs, 20, t1, t2,
        beta, true, false, true, lr, OptimizerSpec.Kind.SGD, 0.9, 1e-3, 100, 0, 0, 1, false, 0, 0, 1.0, null,
        DEFAULT_PROBE);
  }

  /** Copy with {@link #initFrom} set (null: the seeded initialisation). */
  public EpConfig withInitFrom(String file) {
    return new EpConfig(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta,
        randomBeta, symmetric, persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit,
        seed, keepParticles, checkpointEvery, checkpointMinutes, lrScale, lrLikeDt, probeExamples, file);
  }

  /** Copy with other train/test limits. */
  public EpConfig withLimits(int train, int test) {
    return new EpConfig(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta,
        randomBeta, symmetric, persistent, lr, optimizer, momentum, convergenceTol, evalSteps, train, test, seed,
        keepParticles, checkpointEvery, checkpointMinutes, lrScale, lrLikeDt, probeExamples, initFrom);
  }

  /** Copy with other hidden layer sizes (the width axis of {@code taunet bench --growth}). */
  public EpConfig withHidden(List<Integer> sizes) {
    return new EpConfig(dataset, sizes, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta,
        randomBeta, symmetric, persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit,
        seed, keepParticles, checkpointEvery, checkpointMinutes, lrScale, lrLikeDt, probeExamples, initFrom);
  }

  /** Copy with other checkpoint cadences (see {@link #checkpointEvery}, {@link #checkpointMinutes}). */
  public EpConfig withCheckpoints(long every, double minutes) {
    return new EpConfig(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta,
        randomBeta, symmetric, persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit,
        seed, keepParticles, every, minutes, lrScale, lrLikeDt, probeExamples, initFrom);
  }

  /** Copy with {@code keepParticles} set. */
  public EpConfig withKeepParticles(boolean keep) {
    return new EpConfig(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta,
        randomBeta, symmetric, persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit,
        seed, keep, checkpointEvery, checkpointMinutes, lrScale, lrLikeDt, probeExamples, initFrom);
  }

  /** Copy with the stress and control fields set ({@link #lrScale}, {@link #lrLikeDt}, {@link #probeExamples}). */
  public EpConfig withStudy(double scale, TauDistribution likeDt, int probe) {
    return new EpConfig(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta,
        randomBeta, symmetric, persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit,
        seed, keepParticles, checkpointEvery, checkpointMinutes, scale, likeDt, probe, initFrom);
  }

  /** The learning rate of weight layer {@code l} (1-based): its --lr entry times --lr-scale. */
  public double layerLr(int l) {
    return lr.get(l - 1) * lrScale;
  }

  /** Layer sizes including input and output, e.g. [784, 500, 10]. */
  public int[] layerSizes(int inputDim, int numClasses) {
    int[] sizes = new int[hidden.size() + 2];
    sizes[0] = inputDim;
    for (int i = 0; i < hidden.size(); i++) sizes[i + 1] = hidden.get(i);
    sizes[sizes.length - 1] = numClasses;
    return sizes;
  }
}
