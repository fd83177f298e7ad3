package org.taunet.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.taunet.data.DType;
import org.taunet.data.NdArray;

/**
 * How a family's network state ({@code net/...} entries of its {@link Stateful}) appears as named tensors in an export
 * ({@link WeightsExport}) and is loaded back from one ({@link WeightsImport}). The {@link #IDENTITY} layout (EP, RNN)
 * exports every {@code net/X} float tensor as {@code X} with its stored shape; a family that keeps its parameters in
 * one flat vector (ELM, LSTM) supplies a layout that names the pieces of that vector.
 */
public interface ExportLayout {
  /** The exported tensors of {@code state}'s network entries, by name, in a fixed order. */
  Map<String, NdArray> export(StateBundle state);

  /**
   * Writes {@code tensors} (by exported name) into {@code state}'s network entries, in place.
   *
   * @throws StateException naming the tensor: a missing or extra tensor, a wrong shape or element type, or a value the
   *     model cannot take (e.g. a fixed tensor that differs from the model's)
   */
  void load(Map<String, NdArray> tensors, StateBundle state);

  /** {@code net/X} as {@code X}, every float tensor of the network scope, shapes as stored. */
  ExportLayout IDENTITY = new ExportLayout() {
    @Override
    public Map<String, NdArray> export(StateBundle state) {
      Map<String, NdArray> out = new LinkedHashMap<>();
      for (String name : state.names()) {
        if (name.startsWith("net/") && state.entry(name) instanceof StateBundle.Tensor t) {
          out.put(name.substring(4), new NdArray(DType.F4, t.shape(), t.data().clone()));
        }
      }
      return out;
    }

    @Override
    public void load(Map<String, NdArray> tensors, StateBundle state) {
      Map<String, int[]> want = new LinkedHashMap<>();
      for (String name : state.names()) {
        if (name.startsWith("net/") && state.entry(name) instanceof StateBundle.Tensor t) want.put(name.substring(4), t.shape());
      }
      checkNames(want, tensors);
      for (Map.Entry<String, int[]> e : want.entrySet()) {
        float[] v = floats(tensors.get(e.getKey()), e.getKey(), e.getValue());
        float[] into = ((StateBundle.Tensor) state.entry("net/" + e.getKey())).data();
        System.arraycopy(v, 0, into, 0, into.length);
      }
    }
  };

  /**
   * Refuses a file whose tensor names are not exactly {@code want}'s keys (missing and extra ones listed by name), or
   * whose shape of any of them differs from {@code want}'s (naming the tensor and both shapes).
   */
  static void checkNames(Map<String, int[]> want, Map<String, NdArray> got) {
    TreeSet<String> missing = new TreeSet<>(want.keySet());
    missing.removeAll(got.keySet());
    TreeSet<String> extra = new TreeSet<>(got.keySet());
    extra.removeAll(want.keySet());
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new StateException("the tensors do not match this network"
          + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
          + (extra.isEmpty() ? "" : "; not in this network: " + String.join(", ", extra))
          + " (this network has " + String.join(", ", want.keySet()) + ")");
    }
    for (Map.Entry<String, int[]> e : want.entrySet()) {
      int[] shape = got.get(e.getKey()).shape();
      if (!Arrays.equals(shape, e.getValue())) {
        throw new StateException("tensor '" + e.getKey() + "' has shape " + Arrays.toString(shape)
            + ", this network's is " + Arrays.toString(e.getValue()) + " (a file of another configuration?)");
      }
    }
  }

  /** The values of float32 tensor {@code a} ({@code name}, shape already checked); another element type is refused. */
  static float[] floats(NdArray a, String name, int[] shape) {
    if (a.dtype() != DType.F4) {
      throw new StateException("tensor '" + name + "' is " + a.dtype().code() + ", expected float32 (f4) of"
          + " shape " + Arrays.toString(shape) + " (in NumPy: a.astype(np.float32))");
    }
    return (float[]) a.data();
  }
}
