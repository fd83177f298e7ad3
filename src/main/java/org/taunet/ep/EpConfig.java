package org.taunet.ep;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fully resolved configuration of one Equilibrium Propagation training run. Every CLI flag of
 * {@code taunet ep train} maps one-to-one onto a field (kebab-case of the field name).
 *
 * <p>Defaults live in one place, {@link #preset(String)}; the presets reproduce the networks of
 * Scellier &amp; Bengio (2017), "Equilibrium Propagation", Table 1 (net1, net2, net3).
 *
 * @param dataset         mnist, fashion-mnist or kmnist
 * @param hidden          hidden layer sizes, input 784 and output 10 are implied by the data
 * @param activation      rho, the neuron nonlinearity
 * @param dynamics        GRADIENT: s &lt;- clip(s - dt dF/ds); LEAKY: s &lt;- (1-dt) s + dt sigma(dPhi/ds)
 * @param tau             spec of the distribution of the per-neuron time steps dt_i (a {@code tau} spec,
 *                        e.g. normal:mean=0.5,sd=0.1); a bare number is the scalar-dt baseline
 * @param epochs          passes over the training set
 * @param batchSize       examples per minibatch
 * @param tFree           T1, relaxation steps of the free phase (beta = 0)
 * @param tNudged         T2, relaxation steps of each nudged phase, started from the free equilibrium
 * @param beta            nudging strength (positive; its sign is chosen per minibatch if randomBeta)
 * @param randomBeta      draw the sign of beta at random per minibatch (Scellier &amp; Bengio 2017)
 * @param symmetric       symmetric nudging: +beta and -beta phases (Laborieux et al. 2021, Eq. 5)
 * @param persistent      persistent particles: each example's free state is kept for its next visit
 * @param lr              learning rate per weight layer (input-side first); biases use their layer's
 * @param optimizer       SGD, MOMENTUM or ADAM
 * @param momentum        momentum coefficient (MOMENTUM only)
 * @param convergenceTol  a relaxation counts as not converged if max |s_t - s_{t-1}| exceeds this at its
 *                        last step
 * @param evalSteps       free-phase steps for evaluation when particles are not persistent
 * @param trainLimit      use only the first N training examples (0 = all)
 * @param testLimit       use only the first N test examples (0 = all)
 * @param seed            master seed; every random stream is derived from it
 * @param keepParticles   keep the persistent particles in the final checkpoint of a finished run (they are
 *                        (train + test examples) x (hidden + output units) floats, 144 MB for net1 on MNIST); by
 *                        default a finished run's checkpoint holds only weights, time steps and optimizer state
 */
public record EpConfig(
    String dataset, List<Integer> hidden, Activation activation, Dynamics dynamics, String tau,
    int epochs, int batchSize, int tFree, int tNudged, double beta, boolean randomBeta,
    boolean symmetric, boolean persistent, List<Double> lr, Optimizer.Kind optimizer,
    double momentum, double convergenceTol, int evalSteps, int trainLimit, int testLimit,
    long seed, boolean keepParticles) {

  /** The relaxation rule. */
  public enum Dynamics { GRADIENT, LEAKY }

  /** As the canonical constructor with {@code keepParticles} false. */
  public EpConfig(String dataset, List<Integer> hidden, Activation activation, Dynamics dynamics, String tau,
      int epochs, int batchSize, int tFree, int tNudged, double beta, boolean randomBeta,
      boolean symmetric, boolean persistent, List<Double> lr, Optimizer.Kind optimizer,
      double momentum, double convergenceTol, int evalSteps, int trainLimit, int testLimit, long seed) {
    this(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta, randomBeta, symmetric,
        persistent, lr, optimizer, momentum, convergenceTol, evalSteps, trainLimit, testLimit, seed, false);
  }

  /** Validates every field. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public EpConfig {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(dynamics, "dynamics");
    Objects.requireNonNull(tau, "tau");
    Objects.requireNonNull(optimizer, "optimizer");
    hidden = List.copyOf(hidden);
    lr = List.copyOf(lr);
    if (hidden.isEmpty() || hidden.size() > 3) fail("hidden must list 1 to 3 layer sizes, got " + hidden);
    for (int h : hidden) if (h < 1) fail("hidden layer sizes must be >= 1, got " + hidden);
    if (lr.size() != hidden.size() + 1)
      fail("lr needs one rate per weight layer (" + (hidden.size() + 1) + "), got " + lr);
    for (double r : lr) if (!(r > 0) || !Double.isFinite(r)) fail("learning rates must be > 0, got " + lr);
    if (epochs < 1) fail("epochs must be >= 1, got " + epochs);
    if (batchSize < 1) fail("batch-size must be >= 1, got " + batchSize);
    if (tFree < 1 || tNudged < 1) fail("t-free and t-nudged must be >= 1, got " + tFree + ", " + tNudged);
    if (!(beta > 0) || !Double.isFinite(beta)) fail("beta must be > 0 (its sign is set by random-beta), got " + beta);
    if (momentum < 0 || momentum >= 1) fail("momentum must be in [0, 1), got " + momentum);
    if (!(convergenceTol > 0)) fail("convergence-tol must be > 0, got " + convergenceTol);
    if (evalSteps < 1) fail("eval-steps must be >= 1, got " + evalSteps);
    if (trainLimit < 0 || testLimit < 0) fail("train-limit and test-limit must be >= 0");
    org.taunet.tau.TauSpec.parse(tau); // rejects a bad spec now, with the parser's message
    if (dynamics == Dynamics.GRADIENT && activation != Activation.HARD_SIGMOID)
      fail("GRADIENT dynamics clip states to [0,1] and need activation HARD_SIGMOID; use LEAKY for " + activation);
  }

  private static void fail(String message) {
    throw new IllegalArgumentException(message);
  }

  /** Number of weight layers (hidden layers + 1). */
  public int weightLayers() {
    return hidden.size() + 1;
  }

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
      case "net1" -> net(List.of(500), 25, 20, 4, 1.0, List.of(0.2, 0.1));
      case "net2" -> net(List.of(500, 500), 60, 150, 6, 2.0, List.of(0.8, 0.2, 0.02));
      case "net3" -> net(List.of(500, 500, 500), 500, 500, 8, 2.0, List.of(0.256, 0.064, 0.016, 0.004));
      case "quick" -> net(List.of(500), 5, 20, 4, 1.0, List.of(0.2, 0.1)).withLimits(10_000, 0);
      default -> throw new IllegalArgumentException("unknown preset '" + name + "' (known: net1, net2, net3, quick)");
    };
  }

  private static EpConfig net(List<Integer> hidden, int epochs, int t1, int t2, double beta, List<Double> lr) {
    // evalSteps = 100: enough for a cold start (zero state) to equilibrate in the 1-hidden-layer net.
    // convergenceTol = 1e-3: state changes below this are well under the 1/255 input resolution.
    return new EpConfig("mnist", hidden, Activation.HARD_SIGMOID, Dynamics.GRADIENT, "0.5", epochs, 20, t1, t2,
        beta, true, false, true, lr, Optimizer.Kind.SGD, 0.9, 1e-3, 100, 0, 0, 1);
  }

  /** Copy with other train/test limits. */
  public EpConfig withLimits(int train, int test) {
    return new EpConfig(dataset, hidden, activation, dynamics, tau, epochs, batchSize, tFree, tNudged, beta,
        randomBeta, symmetric, persistent, lr, optimizer, momentum, convergenceTol, evalSteps, train, test, seed,
        keepParticles);
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
