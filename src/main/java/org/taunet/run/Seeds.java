package org.taunet.run;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Every random stream of a run, derived from one master seed so that runs are reproducible bit for
 * bit and a stream does not depend on which other streams were created, or in which order.
 *
 * <p><b>Derivation.</b> h(purpose) is the 64-bit FNV-1a hash of the purpose's UTF-8 bytes. Then
 * <pre>
 *   stream(purpose)          = new SplittableRandom(mix(mix(master) ^ h(purpose))).split()
 *   epochStream(purpose, e)  = new SplittableRandom(mix(mix(mix(master) ^ h(purpose)) ^ mix(EPOCH_TAG + e))).split()
 * </pre>
 * where mix is the SplitMix64 finalizer (a bijection on 64-bit values). The final {@code split()}
 * gives each stream its own gamma (increment), so streams of different purposes are not shifted
 * copies of one sequence, as {@code new SplittableRandom(seed)} alone would be. {@link SplittableRandom}'s
 * algorithm is specified by the JDK, so the streams are the same on every JVM. This derivation is part
 * of the reproducibility contract: changing it changes every run's randomness.
 *
 * <p>Per-epoch streams make resumption exact: a run resumed at epoch e draws from
 * {@code epochStream("shuffle", e)} exactly what an uninterrupted run drew there.
 */
public final class Seeds {
  private static final long EPOCH_TAG = 0x45504f4348L; // "EPOCH"

  private final long master;

  /** Streams derived from {@code master}. */
  public Seeds(long master) {
    this.master = master;
  }

  /** The master seed. */
  public long master() {
    return master;
  }

  /** The stream for {@code purpose} (e.g. "init", "tau", "data-split"); a fresh, equal one per call. */
  public SplittableRandom stream(String purpose) {
    return new SplittableRandom(purposeSeed(purpose)).split();
  }

  /** The stream for {@code purpose} in epoch {@code epoch}; independent of every other (purpose, epoch). */
  public SplittableRandom epochStream(String purpose, int epoch) {
    return new SplittableRandom(epochSeed(purpose, epoch)).split();
  }

  /**
   * The seed that {@link #epochStream} splits its stream from: {@code epochStream(p, e)} draws what
   * {@code new SplittableRandom(epochSeed(p, e)).split()} (or {@code train.RngStream.splitFrom}) draws, for a stream
   * that must be checkpointed in the middle of an epoch.
   */
  public long epochSeed(String purpose, int epoch) {
    return mix(purposeSeed(purpose) ^ mix(EPOCH_TAG + epoch));
  }

  /** A long seed for libraries that take one, derived like {@link #stream(String)}. */
  public long seed(String purpose) {
    return stream(purpose).nextLong();
  }

  /** Fisher-Yates permutation of 0..n-1 drawn from {@code rng} (e.g. an epoch's shuffle order). */
  public static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private long purposeSeed(String purpose) {
    if (purpose == null || purpose.isEmpty()) throw new IllegalArgumentException("a stream needs a non-empty purpose");
    return mix(mix(master) ^ stableHash(purpose));
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: stable across JVMs, unlike String.hashCode's 32 bits. */
  public static long stableHash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The SplitMix64 finalizer (Stafford's variant 13), a bijection on 64-bit values; also train.RngStream's. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "Seeds[master=" + master + "]";
  }
}
