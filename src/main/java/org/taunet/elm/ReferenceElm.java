package org.taunet.elm;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.taunet.data.NdArray;

/**
 * An ELM neuron trained by the reference PyTorch code (Spieler et al., ICLR 2024; {@code ELM} of
 * {@code expressive_leaky_memory_neuron.py}, memory update V1) as a taunet {@link ElmNet} of one unit, from its
 * {@code state_dict} (e.g. saved with {@code np.savez(f, **{k: v.numpy() for k, v in model.state_dict().items()})}).
 *
 * <p><b>Mapping</b> (d_m = num_memory, d_mlp = the MLP width, B = num_branch, k_c = num_branch *
 * num_synapse_per_branch): {@code _proto_w_s} [k_c] to the synaptic parameter p = relu(proto) (taunet's w_s = |p|
 * then equals the reference's relu(proto)), set to 0 where {@code valid_indices_mask} is false (the reference
 * multiplies those inputs by 0); {@code mlp.network.0.weight} [d_mlp, B + d_m] to W1s (its first B columns,
 * transposed) and W1m (the rest), {@code mlp.network.0.bias} to b1, {@code mlp.network.2.weight} / {@code .bias} to W2,
 * b2; {@code _proto_tau_m} [d_m] to the tau parameter (tau_m = tau_min + (tau_max - tau_min) sigmoid(proto), the same
 * parametrisation) or, without {@code learnTau}, to the fixed tau_m it gives; {@code w_y.weight} / {@code .bias} to
 * the readout W_r, b_r; {@code tau_s} (all equal) to tau_s; {@code input_to_synapse_indices} to the routing (empty:
 * synapse j reads input j). The hyperparameters the state_dict does not hold are {@link Options}. An MLP of more than
 * one hidden layer, unequal tau_s or a shape that does not fit is refused naming the tensor.
 */
public final class ReferenceElm {
  private ReferenceElm() {}

  /**
   * What the reference model was built with beyond its tensors.
   *
   * @param inputs num_input, the input channels
   * @param tauMin memory_tau_min
   * @param tauMax memory_tau_max
   * @param lambda lambda_value
   * @param dt delta_t
   * @param activation mlp_activation
   * @param learnTau learn_memory_tau (only changes what counts as a trained parameter)
   */
  public record Options(int inputs, double tauMin, double tauMax, double lambda, double dt,
                        ElmShape.Activation activation, boolean learnTau) {
    public Options {
      Objects.requireNonNull(activation, "activation");
    }
  }

  /** The network of a reference {@code state_dict}; its {@link ElmShape#paramCount()} is the reference's count. */
  public static ElmNet load(Map<String, NdArray> sd, Options o) {
    if (sd.containsKey("mlp.network.4.weight")) {
      throw new IllegalArgumentException("mlp.network.4.weight: the reference MLP has more than one hidden layer; "
          + "taunet's ELM has one");
    }
    float[] wy = floats(sd, "w_y.weight", 2), w0 = floats(sd, "mlp.network.0.weight", 2);
    float[] b0 = floats(sd, "mlp.network.0.bias", 1), w2 = floats(sd, "mlp.network.2.weight", 2);
    float[] b2 = floats(sd, "mlp.network.2.bias", 1), by = floats(sd, "w_y.bias", 1);
    float[] protoWs = floats(sd, "_proto_w_s", 1), tauS = floats(sd, "tau_s", 1), protoTau = floats(sd, "_proto_tau_m", 1);
    int out = sd.get("w_y.weight").shape()[0], dm = sd.get("w_y.weight").shape()[1];
    int h = sd.get("mlp.network.0.weight").shape()[0], nb = sd.get("mlp.network.0.weight").shape()[1] - dm;
    int kc = protoWs.length;
    check(nb >= 1 && nb <= kc && kc % nb == 0, "mlp.network.0.weight", "has " + (nb + dm) + " inputs; with " + dm
        + " memories that is " + nb + " branches, which must divide the " + kc + " synapses");
    check(Arrays.equals(sd.get("mlp.network.2.weight").shape(), new int[] {dm, h}), "mlp.network.2.weight", "must be [" + dm + ", " + h + "]");
    check(b0.length == h && b2.length == dm && by.length == out && protoTau.length == dm && tauS.length == kc,
        "mlp biases, w_y.bias, _proto_tau_m or tau_s", "do not fit d_mlp = " + h + ", d_m = " + dm + ", " + out
        + " outputs, " + kc + " synapses");
    for (float t : tauS) check(t == tauS[0], "tau_s", "differs between synapses; taunet has one tau_s");
    ElmShape shape = new ElmShape(o.inputs(), out, 1, dm, h, kc, nb, ElmShape.Version.V1, o.activation(), o.tauMin(),
        o.tauMax(), null, o.learnTau(), tauS[0], o.lambda(), o.dt(), 0.5);
    ElmNet net = new ElmNet(shape, new SplittableRandom(0), new SplittableRandom(0), new SplittableRandom(0));
    net.setRouting(routing(sd, kc, o.inputs()));
    float[] mask = sd.containsKey("valid_indices_mask") && sd.get("valid_indices_mask").shape()[0] > 0
        ? floats(sd, "valid_indices_mask", 1) : null;
    float[] p = net.params;
    int u = net.unitOffset(0);
    for (int j = 0; j < kc; j++) p[u + j] = mask != null && mask[j] == 0 ? 0f : Math.max(protoWs[j], 0f);
    for (int c = 0; c < h; c++) {
      for (int q = 0; q < nb; q++) p[u + net.oW1s + q * h + c] = w0[c * (nb + dm) + q];
      for (int m = 0; m < dm; m++) p[u + net.oW1m + c * dm + m] = w0[c * (nb + dm) + nb + m];
      p[u + net.oB1 + c] = b0[c];
    }
    System.arraycopy(w2, 0, p, u + net.oW2, dm * h);
    System.arraycopy(b2, 0, p, u + net.oB2, dm);
    for (int m = 0; m < dm; m++) {
      if (o.learnTau()) p[u + net.oTau + m] = protoTau[m];
      else net.tauFixed[m] = (float) net.boundedTau(protoTau[m]);
    }
    System.arraycopy(wy, 0, p, net.readout, out * dm);
    System.arraycopy(by, 0, p, net.readout + out * dm, out);
    return net;
  }

  /** The routing: input_to_synapse_indices, or input j for synapse j when the reference routes nothing. */
  private static int[] routing(Map<String, NdArray> sd, int kc, int inputs) {
    NdArray idx = sd.get("input_to_synapse_indices");
    int[] src = new int[kc];
    if (idx == null || idx.shape().length == 0 || idx.shape()[0] == 0) {
      check(kc == inputs, "_proto_w_s", "has " + kc + " synapses but the model routes nothing and has " + inputs
          + " inputs");
      for (int j = 0; j < kc; j++) src[j] = j;
      return src;
    }
    check(idx.shape().length == 1 && idx.shape()[0] == kc, "input_to_synapse_indices", "must be [" + kc + "]");
    for (int j = 0; j < kc; j++) {
      long v = switch (idx.data()) {
        case long[] a -> a[j];
        case int[] a -> a[j];
        default -> throw new IllegalArgumentException("input_to_synapse_indices: not integers");
      };
      check(v >= 0 && v < inputs, "input_to_synapse_indices", "has " + v + ", outside [0, " + inputs + ")");
      src[j] = (int) v;
    }
    return src;
  }

  private static float[] floats(Map<String, NdArray> sd, String name, int dims) {
    NdArray a = sd.get(name);
    if (a == null) throw new IllegalArgumentException("no tensor '" + name + "' (found " + sd.keySet() + ")");
    check(a.shape().length == dims, name, "has shape " + Arrays.toString(a.shape()) + ", expected " + dims + " dimensions");
    return switch (a.data()) {
      case float[] f -> f;
      case byte[] b -> { // a bool mask
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) f[i] = b[i];
        yield f;
      }
      case long[] l -> { // an integer mask
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) f[i] = l[i];
        yield f;
      }
      default -> throw new IllegalArgumentException("tensor '" + name + "' is " + a.dtype().code() + ", expected float32");
    };
  }

  private static void check(boolean ok, String name, String problem) {
    if (!ok) throw new IllegalArgumentException("tensor '" + name + "' " + problem);
  }
}
