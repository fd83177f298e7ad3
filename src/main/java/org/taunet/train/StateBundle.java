package org.taunet.train;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory state: an ordered map from names to entries, both a {@link StateWriter} and a {@link StateReader}.
 * Tensors are copied when written, so a bundle is a snapshot that later training does not change (a checkpoint
 * codec that streams to disk need not copy). The bundle records which entries were read, so that a restore can
 * also refuse entries nobody asked for ({@link #requireAllRead}), e.g. Adam moments loaded into plain SGD.
 */
public final class StateBundle implements StateWriter, StateReader {
  /** One named entry. */
  public sealed interface Entry permits Tensor, LongScalar, DoubleScalar {
    /** "tensor", "long" or "double", for messages. */
    String kind();
  }

  /** A float tensor; {@code data} is the bundle's own copy. */
  public record Tensor(float[] data, int[] shape) implements Entry {
    @Override
    public String kind() {
      return "tensor";
    }
  }

  /** A 64-bit integer scalar. */
  public record LongScalar(long value) implements Entry {
    @Override
    public String kind() {
      return "long";
    }
  }

  /** A double scalar. */
  public record DoubleScalar(double value) implements Entry {
    @Override
    public String kind() {
      return "double";
    }
  }

  private static final int LISTED = 12;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  /** An empty bundle. */
  public StateBundle() {}

  /** The state {@code s} exports, as a new bundle. */
  public static StateBundle of(Stateful s) {
    StateBundle b = new StateBundle();
    s.exportState(b);
    return b;
  }

  /** Entry names in write order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /** The entry {@code name}, or null. Does not count as read. */
  public Entry entry(String name) {
    return entries.get(name);
  }

  /** Names never read since the bundle was filled, in write order. */
  public List<String> unread() {
    return entries.keySet().stream().filter(n -> !read.contains(n)).toList();
  }

  /** Throws a StateException naming the entries that no {@code importState} read (state nobody restores). */
  public void requireAllRead() {
    List<String> left = unread();
    if (!left.isEmpty()) {
      throw new StateException("state has " + left.size() + " entr" + (left.size() == 1 ? "y" : "ies")
          + " that nothing restores: " + list(left) + " (a checkpoint of another model or optimizer?)");
    }
  }

  @Override
  public void writeTensor(String name, float[] data, int... shape) {
    int[] s = shape.length == 0 ? new int[] {data.length} : shape.clone();
    if (product(s) != data.length) {
      throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(s) + " does not match its "
          + data.length + " values");
    }
    put(name, new Tensor(data.clone(), s));
  }

  @Override
  public void writeLong(String name, long value) {
    put(name, new LongScalar(value));
  }

  @Override
  public void writeDouble(String name, double value) {
    put(name, new DoubleScalar(value));
  }

  private void put(String name, Entry e) {
    StateNames.check(name);
    if (entries.containsKey(name)) throw new StateException("state entry '" + name + "' written twice");
    entries.put(name, e);
  }

  @Override
  public boolean has(String name) {
    return entries.containsKey(name);
  }

  @Override
  public int[] shape(String name) {
    return get(name, Tensor.class).shape().clone();
  }

  @Override
  public void readTensor(String name, float[] into, int... shape) {
    Tensor t = get(name, Tensor.class);
    int[] want = shape.length == 0 ? new int[] {into.length} : shape;
    if (!Arrays.equals(t.shape(), want)) {
      throw new StateException("tensor '" + name + "': expected shape " + Arrays.toString(want) + ", the state has "
          + Arrays.toString(t.shape()));
    }
    if (into.length != t.data().length) {
      throw new IllegalArgumentException("tensor '" + name + "': destination has " + into.length + " values for shape "
          + Arrays.toString(want));
    }
    System.arraycopy(t.data(), 0, into, 0, into.length);
    read.add(name);
  }

  @Override
  public long readLong(String name) {
    long v = get(name, LongScalar.class).value();
    read.add(name);
    return v;
  }

  @Override
  public double readDouble(String name) {
    double v = get(name, DoubleScalar.class).value();
    read.add(name);
    return v;
  }

  private <E extends Entry> E get(String name, Class<E> kind) {
    Entry e = entries.get(name);
    String want = kind == Tensor.class ? "tensor" : kind == LongScalar.class ? "long scalar" : "double scalar";
    if (e == null) {
      throw new StateException("state has no " + want + " '" + name + "' (it has " + list(entries.keySet()) + ")");
    }
    if (!kind.isInstance(e)) {
      throw new StateException("state entry '" + name + "' is a " + e.kind() + ", expected a " + want);
    }
    return kind.cast(e);
  }

  private static String list(Collection<String> names) {
    if (names.isEmpty()) return "no entries";
    List<String> l = List.copyOf(names);
    String shown = String.join(", ", l.subList(0, Math.min(LISTED, l.size())));
    return l.size() > LISTED ? shown + ", ... " + (l.size() - LISTED) + " more" : shown;
  }

  /** The product of a shape's dimensions, or -1 if one is negative or it overflows a long. */
  static long product(int[] shape) {
    long n = 1;
    try {
      for (int d : shape) {
        if (d < 0) return -1;
        n = Math.multiplyExact(n, (long) d);
      }
    } catch (ArithmeticException overflow) {
      return -1;
    }
    return n;
  }
}
