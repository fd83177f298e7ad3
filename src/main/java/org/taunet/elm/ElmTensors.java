package org.taunet.elm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taunet.data.DType;
import org.taunet.data.NdArray;
import org.taunet.seq.LeakyRnn;
import org.taunet.seq.Lstm;
import org.taunet.seq.SeqModel;
import org.taunet.seq.SeqTraining;
import org.taunet.train.ExportLayout;
import org.taunet.train.StateBundle;
import org.taunet.train.StateException;

/**
 * The exported names of an ELM network's, LSTM's or leaky RNN's flat parameter vector ({@code net/params}), for
 * {@code taunet export} and {@code --init-from}: each named tensor is a fixed set of positions of that vector
 * (row-major, C order), so export gathers and import scatters, and every parameter belongs to exactly one tensor.
 *
 * <p><b>ELM</b> (N units, d_m memories, d_mlp MLP width, k_c synapses in B branches, per-unit tensors stacked on a
 * leading N axis; equations in {@link ElmNet}): {@code w_syn} [N, k_c] (the synaptic weight parameter p, w_s = |p|),
 * {@code W1_syn} [N, B, d_mlp] (the MLP's first layer on the branch sums, one row per branch), {@code W1_mem}
 * [N, d_mlp, d_m] (its part on kappa_m * m), {@code b1} [N, d_mlp], {@code W2} [N, d_m, d_mlp], {@code b2} [N, d_m],
 * with {@code --learn-tau} {@code tau_theta} [N, d_m] (tau_m = tau_min + (tau_max - tau_min) sigmoid(tau_theta)), with
 * N &gt; 1 {@code w_o} [N, d_m] and {@code b_o} [N] (each unit's output o = w_o . m + b_o), then the readout
 * {@code W_r} [outputs, N d_m] (columns unit-major: unit i's memories at i d_m .. i d_m + d_m - 1) and {@code b_r}
 * [outputs]. Not trained, fixed by the seed and exported for analysis: {@code tau_m} [N, d_m] (without
 * {@code --learn-tau}) and {@code synapse_source} [N, k_c] int32 (the source of each synapse: an input channel c in
 * [0, inputs), or inputs + k for unit k's output). An import must carry these unchanged (they are not part of the
 * checkpoint); a different value is refused, naming the tensor.
 *
 * <p><b>LSTM</b> (H hidden units, gates ordered i, f, g, o): {@code W_x} [inputs, 4H] (W_x transposed, one row per
 * input channel), {@code W_h} [4H, H], {@code b} [4H], {@code W_r} [outputs, H], {@code b_r} [outputs].
 *
 * <p><b>Leaky RNN</b> (H units): {@code W_in} [inputs, H] (W_in transposed, one row per input channel), {@code W}
 * [H, H] (row i feeds unit i), {@code b} [H], {@code W_r} [outputs, H], {@code b_r} [outputs]; fixed by the config and
 * exported for analysis: {@code tau} [H] (the units' time constants).
 *
 * <p>A language model's carried state {@code net/state} is exported as {@code state}, as it is.
 */
public final class ElmTensors implements ExportLayout {
  private record Piece(String name, int[] shape, int[] index) {}

  private record Fixed(String name, NdArray value) {}

  private final List<Piece> pieces;
  private final List<Fixed> fixed;
  private final int total;

  private ElmTensors(List<Piece> pieces, List<Fixed> fixed, int total) {
    this.pieces = pieces;
    this.fixed = fixed;
    this.total = total;
  }

  /** The layout of {@code model}, an {@link ElmNet}, an {@link Lstm} or a {@link LeakyRnn}. */
  public static ElmTensors of(SeqModel model) {
    return switch (model) {
      case ElmNet net -> elm(net);
      case Lstm lstm -> lstm(lstm);
      case LeakyRnn rnn -> leakyRnn(rnn);
      default -> throw new IllegalArgumentException("no export names for " + model.getClass().getSimpleName());
    };
  }

  private static ElmTensors elm(ElmNet m) {
    List<Piece> p = new ArrayList<>();
    int n = m.n, dm = m.dm, h = m.h, kc = m.kc, nb = m.nb;
    p.add(perUnit(m, "w_syn", 0, kc, kc));
    p.add(perUnit(m, "W1_syn", m.oW1s, nb * h, nb, h));
    p.add(perUnit(m, "W1_mem", m.oW1m, h * dm, h, dm));
    p.add(perUnit(m, "b1", m.oB1, h, h));
    p.add(perUnit(m, "W2", m.oW2, dm * h, dm, h));
    p.add(perUnit(m, "b2", m.oB2, dm, dm));
    if (m.shape.learnTau()) p.add(perUnit(m, "tau_theta", m.oTau, dm, dm));
    if (m.shape.recurrent()) {
      p.add(perUnit(m, "w_o", m.oWo, dm, dm));
      Piece bo = perUnit(m, "b_o", m.oBo, 1);
      p.add(new Piece("b_o", new int[] {n}, bo.index()));
    }
    int outs = m.shape.outputs();
    p.add(slice("W_r", m.readout, outs, n * dm));
    p.add(slice("b_r", m.readout + outs * n * dm, outs));
    List<Fixed> f = new ArrayList<>();
    if (!m.shape.learnTau()) f.add(new Fixed("tau_m", new NdArray(DType.F4, new int[] {n, dm}, m.tauFixed.clone())));
    f.add(new Fixed("synapse_source", new NdArray(DType.I4, new int[] {n, kc}, m.source.clone())));
    return new ElmTensors(p, f, m.params.length);
  }

  /** Tensor {@code name} [N, dims...]: {@code size} values at {@code offset} of each unit's block. */
  private static Piece perUnit(ElmNet m, String name, int offset, int size, int... dims) {
    int[] index = new int[m.n * size];
    for (int i = 0; i < m.n; i++) for (int k = 0; k < size; k++) index[i * size + k] = m.unitOffset(i) + offset + k;
    int[] shape = new int[dims.length + 1];
    shape[0] = m.n;
    System.arraycopy(dims, 0, shape, 1, dims.length);
    return new Piece(name, shape, index);
  }

  /** Tensor {@code name} of {@code shape}: the consecutive positions from {@code offset}. */
  private static Piece slice(String name, int offset, int... shape) {
    int size = 1;
    for (int d : shape) size *= d;
    int[] index = new int[size];
    for (int k = 0; k < size; k++) index[k] = offset + k;
    return new Piece(name, shape, index);
  }

  /** Pieces laid out one after another from position 0: pairs of a name and its shape. */
  private static List<Piece> consecutive(Object... nameShape) {
    List<Piece> p = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < nameShape.length; i += 2) {
      Piece piece = slice((String) nameShape[i], at, (int[]) nameShape[i + 1]);
      p.add(piece);
      at += piece.index().length;
    }
    return p;
  }

  /** The hidden size whose parameter count is {@code total}. */
  private static int hidden(java.util.function.IntToLongFunction count, int total, String model) {
    int h = 1;
    while (count.applyAsLong(h) < total) h++;
    if (count.applyAsLong(h) != total) throw new IllegalStateException(model + " parameter count " + total);
    return h;
  }

  private static ElmTensors lstm(Lstm m) {
    int in = m.inputs(), out = m.outputs(), total = m.params().length;
    int hid = hidden(h -> Lstm.paramCount(in, h, out), total, "LSTM");
    List<Piece> p = consecutive("W_x", new int[] {in, 4 * hid}, "W_h", new int[] {4 * hid, hid}, "b",
        new int[] {4 * hid}, "W_r", new int[] {out, hid}, "b_r", new int[] {out});
    return new ElmTensors(p, List.of(), total);
  }

  private static ElmTensors leakyRnn(LeakyRnn m) {
    int in = m.inputs(), out = m.outputs(), total = m.params().length;
    int hid = hidden(h -> LeakyRnn.paramCount(in, h, out), total, "leaky RNN");
    List<Piece> p = consecutive("W_in", new int[] {in, hid}, "W", new int[] {hid, hid}, "b", new int[] {hid},
        "W_r", new int[] {out, hid}, "b_r", new int[] {out});
    return new ElmTensors(p, List.of(new Fixed("tau", new NdArray(DType.F4, new int[] {hid}, m.tau()))), total);
  }

  /** The exported names, in order (the fixed tensors last). */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (Piece p : pieces) out.add(p.name());
    for (Fixed f : fixed) out.add(f.name());
    return out;
  }

  @Override
  public Map<String, NdArray> export(StateBundle state) {
    float[] params = params(state);
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (Piece p : pieces) {
      float[] v = new float[p.index().length];
      for (int k = 0; k < v.length; k++) v[k] = params[p.index()[k]];
      out.put(p.name(), new NdArray(DType.F4, p.shape(), v));
    }
    for (Fixed f : fixed) out.put(f.name(), f.value());
    if (state.entry("net/state") instanceof StateBundle.Tensor s) out.put("state", new NdArray(DType.F4, s.shape(), s.data().clone()));
    return out;
  }

  @Override
  public void load(Map<String, NdArray> tensors, StateBundle state) {
    float[] params = params(state);
    Map<String, int[]> want = new LinkedHashMap<>();
    for (Piece p : pieces) want.put(p.name(), p.shape());
    for (Fixed f : fixed) want.put(f.name(), f.value().shape());
    StateBundle.Tensor carried = state.entry("net/state") instanceof StateBundle.Tensor s ? s : null;
    if (carried != null) want.put("state", carried.shape());
    ExportLayout.checkNames(want, tensors);
    for (Fixed f : fixed) {
      NdArray got = tensors.get(f.name());
      boolean same = got.dtype() == f.value().dtype() && switch (got.data()) {
        case float[] a -> Arrays.equals(a, (float[]) f.value().data());
        case int[] a -> Arrays.equals(a, (int[]) f.value().data());
        default -> false;
      };
      if (!same) {
        throw new StateException("tensor '" + f.name() + "' differs from this network's: it is fixed by the seed and "
            + "not trained, so it cannot be imported (keep the exported values; a trained tau_m needs --learn-tau)");
      }
    }
    for (Piece p : pieces) {
      float[] v = ExportLayout.floats(tensors.get(p.name()), p.name(), p.shape());
      for (int k = 0; k < v.length; k++) params[p.index()[k]] = v[k];
    }
    if (carried != null) {
      float[] v = ExportLayout.floats(tensors.get("state"), "state", carried.shape());
      System.arraycopy(v, 0, carried.data(), 0, v.length);
    }
  }

  private float[] params(StateBundle state) {
    if (!(state.entry("net/" + SeqTraining.PARAMS) instanceof StateBundle.Tensor t) || t.data().length != total) {
      throw new StateException("the state has no net/" + SeqTraining.PARAMS + " of " + total + " values");
    }
    return t.data();
  }
}
