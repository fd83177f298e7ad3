package org.taunet.train;

import java.util.random.RandomGenerator;
import org.taunet.run.Seeds;

/**
 * A random stream whose state can be checkpointed: the SplitMix64 generator of {@link java.util.SplittableRandom}
 * (Steele, Lea &amp; Flood 2014), with the same state (seed, gamma) and the same outputs, made {@link Stateful}.
 * {@code SplittableRandom} hides its state, so a run that must resume in the middle of an epoch (a wall-clock
 * checkpoint) cannot save a stream it is drawing from; this one can, as two long scalars {@code seed} and
 * {@code gamma}.
 *
 * <p>{@link #splitFrom(long) splitFrom(s)} draws exactly what {@code new SplittableRandom(s).split()} draws, for
 * {@link #nextLong()}, {@link #nextInt()} and every method {@link RandomGenerator} derives from them
 * ({@code nextInt(bound)}, {@code nextBoolean}, {@code nextDouble}, {@code nextGaussian}, ...), which is how
 * {@code run.Seeds} builds its streams: given the derived seed of a purpose, a trainer can switch from
 * {@code SplittableRandom} to this class without changing one draw.
 */
public final class RngStream implements RandomGenerator, Stateful {
  /** SplittableRandom's default gamma (odd, the golden ratio in 64 bits). */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long seed;
  private long gamma;

  private RngStream(long seed, long gamma) {
    this.seed = seed;
    this.gamma = gamma;
  }

  /** The stream of {@code new SplittableRandom(seed)} (gamma = the golden gamma). */
  public static RngStream of(long seed) {
    return new RngStream(seed, GOLDEN_GAMMA);
  }

  /** The stream of {@code new SplittableRandom(seed).split()}, as run.Seeds derives each purpose's stream. */
  public static RngStream splitFrom(long seed) {
    return of(seed).split();
  }

  /** A new stream split off this one, as {@link java.util.SplittableRandom#split()} (advances this one twice). */
  public RngStream split() {
    long s = nextLong();
    return new RngStream(s, mixGamma(nextSeed()));
  }

  private long nextSeed() {
    return seed += gamma;
  }

  @Override
  public long nextLong() {
    return Seeds.mix(nextSeed());
  }

  @Override
  public int nextInt() {
    return mix32(nextSeed());
  }

  private static int mix32(long z) {
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }

  private static long mixGamma(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    z = (z ^ (z >>> 33)) | 1L;
    int n = Long.bitCount(z ^ (z >>> 1));
    return n < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
  }

  /** Writes the long scalars {@code seed} and {@code gamma}. */
  @Override
  public void exportState(StateWriter out) {
    out.writeLong("seed", seed);
    out.writeLong("gamma", gamma);
  }

  /** Reads {@code seed} and {@code gamma}; an even gamma (never produced by a split) is refused. */
  @Override
  public void importState(StateReader in) {
    long s = in.readLong("seed");
    long g = in.readLong("gamma");
    if ((g & 1) == 0) throw new StateException("random stream state: gamma must be odd, got " + g);
    seed = s;
    gamma = g;
  }
}
