package org.taunet.elm;

import java.util.Objects;
import org.taunet.tau.TauDistribution;

/**
 * Architecture of an ELM network: {@code units} Expressive Leaky Memory neurons (Spieler et al., ICLR 2024), each
 * with memory size d_m = {@code memory} (k_e, the per-unit complexity), an MLP of width {@code mlpHidden}
 * (default 2 d_m) and {@code synapses} (k_c, the per-unit connectivity) sparse inputs drawn from the input channels
 * and, when units &gt; 1, from the other units' outputs at t-1; a linear readout from all units' memories.
 *
 * <p>With units = 1 and synapses = inputs this is the single ELM neuron of the reference code; with branches &lt;
 * synapses the synapses are summed per branch before the MLP (Branch-ELM).
 *
 * @param inputs     input channels (700 for SHD, 256 one-hot bytes for text)
 * @param outputs    readout size (classes)
 * @param units      N, number of ELM neurons
 * @param memory     d_m = k_e, memory units per neuron
 * @param mlpHidden  d_mlp, hidden width of each neuron's one-hidden-layer MLP
 * @param synapses   k_c, synapses per neuron
 * @param branches   dendritic branches per neuron (the MLP sees one summed input per branch); equal to synapses
 *                   for the plain ELM
 * @param version    V1: m_t = kappa_m m + lambda (1 - kappa_m) dm; V2: m_t = kappa_m m + (1 - kappa_lambda) dm
 * @param activation hidden nonlinearity of the MLP
 * @param tauMin     lower bound of tau_m (same time unit as dt)
 * @param tauMax     upper bound of tau_m
 * @param tau        null: tau_m log-spaced over [tauMin, tauMax] per neuron ({@link org.taunet.tau.LogSpacedTau});
 *                   else sampled per memory unit (clamped into the bounds)
 * @param learnTau   train tau_m through tau = tauMin + (tauMax - tauMin) sigmoid(p)
 * @param tauS       synaptic time constant tau_s
 * @param lambda     memory update scale lambda
 * @param dt         time step (same unit as the taus)
 * @param wsInit     initial synaptic weight w_s (w_s = |p|, so w_s &gt;= 0)
 */
public record ElmShape(int inputs, int outputs, int units, int memory, int mlpHidden, int synapses, int branches,
                       Version version, Activation activation, double tauMin, double tauMax, TauDistribution tau,
                       boolean learnTau, double tauS, double lambda, double dt, double wsInit) {

  /** Memory update rule. */
  public enum Version { V1, V2 }

  /** MLP hidden nonlinearity. */
  public enum Activation { RELU, SILU }

  public ElmShape {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(activation, "activation");
    if (inputs < 1 || outputs < 1) fail("inputs and outputs must be >= 1");
    if (units < 1 || memory < 1 || mlpHidden < 1) fail("units, memory (ke) and mlp-hidden must be >= 1");
    if (synapses < 1) fail("synapses (kc) must be >= 1, got " + synapses);
    if (branches < 1 || branches > synapses) fail("branches must be in [1, synapses], got " + branches);
    if (!(tauMin > 0) || !(tauMax > tauMin)) fail("need 0 < tau-min < tau-max, got " + tauMin + ", " + tauMax);
    if (!(tauS > 0) || !(lambda > 0) || !(dt > 0)) fail("tau-s, lambda and dt must be > 0");
    if (!(wsInit > 0)) fail("ws-init must be > 0");
  }

  private static void fail(String message) {
    throw new IllegalArgumentException(message);
  }

  /** Sources a synapse can read: the input channels plus, when units &gt; 1, the other units' outputs. */
  public int sourcePool() {
    return inputs + (units > 1 ? units - 1 : 0);
  }

  /** Whether units feed each other (units &gt; 1): each then has a scalar output o = w_o . m + b_o. */
  public boolean recurrent() {
    return units > 1;
  }

  /**
   * Trainable parameters of one neuron (closed form): k_c (w_s) + branches d_mlp (W1 synaptic part) + d_mlp d_m
   * (W1 memory part) + d_mlp (b1) + d_m d_mlp (W2) + d_m (b2) [+ d_m (tau_m) if learnTau] [+ d_m + 1 (w_o, b_o)
   * if recurrent].
   */
  public long paramsPerUnit() {
    long dm = memory, h = mlpHidden;
    return synapses + branches * h + h * dm + h + dm * h + dm + (learnTau ? dm : 0) + (recurrent() ? dm + 1 : 0);
  }

  /** Readout parameters: N d_m outputs + outputs. */
  public long readoutParams() {
    return (long) units * memory * outputs + outputs;
  }

  /** Exact number of trainable parameters: N paramsPerUnit + readout. */
  public long paramCount() {
    return units * paramsPerUnit() + readoutParams();
  }
}
