package org.taunet.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fisher, Wilson, bootstrap and permutation test against published values and exact enumerations. */
class InferenceTest {
  /**
   * Fisher's tea-tasting table [[3, 1], [1, 3]]: R's {@code fisher.test(matrix(c(3, 1, 1, 3), 2))} gives p = 0.4857
   * (exactly 34/70: the tables' probabilities are 1, 16, 36, 16, 1 over 70). Wikipedia's "Fisher's exact test" example
   * (men/women studying, [[1, 9], [11, 3]]) gives two-sided p = 0.002759.
   */
  @Test
  void fisherMatchesRAndTheTextbookExamples() {
    assertEquals(34.0 / 70.0, Inference.fisherExact(3, 1, 1, 3), 1e-12);
    assertEquals(0.002759, Inference.fisherExact(1, 9, 11, 3), 5e-7);
    assertEquals(1.0, Inference.fisherExact(5, 5, 5, 5), 1e-12);
    assertEquals(Inference.fisherExact(1, 9, 11, 3), Inference.fisherExact(11, 3, 1, 9), 1e-15, "row order");
    // 10 of 10 HTS runs failed vs 0 of 10 scalar: 2 / C(20, 10)
    assertEquals(2.0 / 184756.0, Inference.fisherExact(10, 0, 0, 10), 1e-15);
  }

  /** Newcombe (1998, Stat. Med. 17:857, Table I, method 3 "score") 95 % intervals, to his four decimals. */
  @Test
  void wilsonMatchesNewcombesWorkedExamples() {
    check(Inference.wilson(81, 263, Inference.Z95), 0.2553, 0.3662);
    check(Inference.wilson(15, 148, Inference.Z95), 0.0624, 0.1605);
    check(Inference.wilson(0, 20, Inference.Z95), 0.0000, 0.1611);
    check(Inference.wilson(1, 29, Inference.Z95), 0.0061, 0.1718);
  }

  private static void check(Inference.Interval i, double lo, double hi) {
    assertEquals(lo, i.lo(), 5e-5);
    assertEquals(hi, i.hi(), 5e-5);
  }

  @Test
  void bootstrapIsSeededAndCoversTheNormalTheoryInterval() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] v = new double[400];
    for (int i = 0; i < v.length; i++) v[i] = 0.8 + 0.05 * rng.nextGaussian();
    Inference.Interval a = Inference.bootstrapMean(v, 0.05, 4000, 11);
    assertEquals(a, Inference.bootstrapMean(v, 0.05, 4000, 11), "same seed, same interval");
    double[] ms = Stats.meanSd(v);
    double half = Inference.Z95 * ms[1] / Math.sqrt(v.length);
    assertEquals(ms[0], a.estimate(), 1e-15);
    assertEquals(ms[0] - half, a.lo(), 0.15 * half);
    assertEquals(ms[0] + half, a.hi(), 0.15 * half);
    Inference.Interval c = Inference.bootstrapMean(new double[] {0.5, 0.5, Double.NaN}, 0.05, 100, 1);
    assertEquals(new Inference.Interval(0.5, 0.5, 0.5), c, "a constant sample, NaN skipped");
  }

  @Test
  void bootstrapDifferenceOfMeansSeparatesShiftedSamples() {
    SplittableRandom rng = new SplittableRandom(5);
    double[] a = new double[200], b = new double[200];
    for (int i = 0; i < a.length; i++) {
      a[i] = 0.7 + 0.02 * rng.nextGaussian();
      b[i] = 0.6 + 0.02 * rng.nextGaussian();
    }
    Inference.Interval d = Inference.bootstrapMeanDifference(a, b, 0.05, 2000, 9);
    double half = Inference.Z95 * Math.sqrt(2 * 0.02 * 0.02 / 200);
    assertEquals(Stats.mean(a) - Stats.mean(b), d.estimate(), 1e-15);
    assertEquals(d.estimate() - half, d.lo(), 0.2 * half);
    assertEquals(d.estimate() + half, d.hi(), 0.2 * half);
  }

  /**
   * Samples of 3 and 3 values have C(6, 3) = 20 relabellings: the exact permutation p-value is the fraction of them whose
   * |sd difference| reaches the observed one; the random test converges to it.
   */
  @Test
  void permutationTestConvergesToTheExactEnumeration() {
    double[] a = {0.10, 0.50, 0.90}, b = {0.48, 0.50, 0.53};
    double[] pooled = {0.10, 0.50, 0.90, 0.48, 0.50, 0.53};
    double observed = Math.abs(Inference.sd(a, 0, 3) - Inference.sd(b, 0, 3));
    int hits = 0, total = 0;
    for (int mask = 0; mask < 64; mask++) {
      if (Integer.bitCount(mask) != 3) continue;
      double[] x = new double[3], y = new double[3];
      for (int i = 0, xi = 0, yi = 0; i < 6; i++) {
        if ((mask >> i & 1) == 1) x[xi++] = pooled[i]; else y[yi++] = pooled[i];
      }
      total++;
      if (Math.abs(Inference.sd(x, 0, 3) - Inference.sd(y, 0, 3)) >= observed * (1 - 1e-12)) hits++;
    }
    assertEquals(20, total);
    double exact = (double) hits / total;
    double p = Inference.permutationSdTest(a, b, 20000, 4);
    assertEquals(exact, p, 0.02);
    assertEquals(p, Inference.permutationSdTest(a, b, 20000, 4), "seeded");
    assertTrue(Double.isNaN(Inference.permutationSdTest(new double[] {1}, b, 10, 1)));
  }

  /**
   * R's {@code wilcox.test} examples. Hollander &amp; Wolfe (1973, p. 69; R's ?wilcox.test): x = permeability
   * constants at 12-26 weeks, y = at term; {@code wilcox.test(x, y, alternative = "g")} gives W = 35, p = 0.1272
   * (exact), so the two-sided p is 0.2544. With ties (normal approximation, continuity corrected):
   * {@code wilcox.test(Ozone ~ Month, data = airquality, subset = Month %in% c(5, 8))} gives W = 127.5,
   * p = 0.0001208.
   */
  @Test
  void mannWhitneyMatchesRsExamples() {
    double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
    double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
    Inference.RankSum r = Inference.mannWhitney(x, y);
    assertEquals(35, r.w());
    assertTrue(r.exact());
    assertEquals(0.2544, r.p(), 5e-5);
    assertEquals(764.0 / 3003.0, r.p(), 1e-12, "2 x 382 of the C(15, 5) = 3003 rank sets have U >= 35");
    assertEquals(50 - 35, Inference.mannWhitney(y, x).w(), 1e-12, "U_a + U_b = n_a n_b");
    double na = Double.NaN;
    double[] may = {41, 36, 12, 18, na, 28, 23, 19, 8, na, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, na, na,
        na, 23, 45, 115, 37};
    double[] august = {39, 9, 16, 78, 35, 66, 122, 89, 110, na, na, 44, 28, 65, na, 22, 59, 23, 31, 44, 21, 9, na, 45,
        168, 73, na, 76, 118, 84, 85};
    Inference.RankSum o = Inference.mannWhitney(may, august);
    assertEquals(127.5, o.w());
    assertTrue(!o.exact());
    assertEquals(0.0001208, o.p(), 5e-8);
  }

  @Test
  void signedRankMatchesRsExampleAndTheSignFlipDistribution() {
    // R's ?wilcox.test: Hollander & Wolfe's depression scores, wilcox.test(x, y, paired = TRUE): V = 40, p = 0.03906
    double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
    double[] d = new double[x.length];
    for (int i = 0; i < d.length; i++) d[i] = x[i] - y[i];
    Inference.SignedRank r = Inference.signedRank(d);
    assertEquals(40, r.v());
    assertTrue(r.exact());
    assertEquals(20.0 / 512, r.p(), 1e-12, "2 x 10 of the 2^9 sign patterns have V >= 40");
    // all ten differences positive: the most extreme of 2^10 patterns, two-sided 2 / 1024
    Inference.SignedRank all = Inference.signedRank(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    assertEquals(55, all.v());
    assertEquals(2.0 / 1024, all.p(), 1e-12);
    assertEquals(all.p(), Inference.signedRank(new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10}).p(), 1e-15);
    // ties and a zero: the zero is dropped, midranks; the normal approximation against the exact sign-flip
    // distribution of the same midranks (enumerated here)
    double[] t = {0, 1.5, -1.5, 2, 2, 3, 3.5, -4, 5, 5, 6, 7, 8};
    Inference.SignedRank a = Inference.signedRank(t);
    assertTrue(!a.exact());
    assertEquals(12, a.n());
    double[] ranks = {1.5, 1.5, 3.5, 3.5, 5, 6, 7, 8.5, 8.5, 10, 11, 12}; // |t| sorted: 1.5 1.5 2 2 3 3.5 4 5 5 6 7 8
    assertEquals(78 - 1.5 - 7, a.v(), 1e-12, "all ranks but those of -1.5 and -4");
    int extreme = 0;
    double centre = 39;
    for (int mask = 0; mask < 1 << 12; mask++) {
      double v = 0;
      for (int i = 0; i < 12; i++) if ((mask >> i & 1) == 1) v += ranks[i];
      if (Math.abs(v - centre) >= Math.abs(a.v() - centre) - 1e-9) extreme++;
    }
    assertEquals(extreme / 4096.0, a.p(), 0.01);
    assertTrue(Double.isNaN(Inference.signedRank(new double[] {0, 0, Double.NaN}).p()));
  }

  @Test
  void normalTailMatchesKnownQuantiles() {
    assertEquals(0.025, Inference.normalUpper(Inference.Z95), 1e-7);
    assertEquals(0.5, Inference.normalUpper(0), 1e-7);
    assertEquals(0.975, Inference.normalUpper(-Inference.Z95), 1e-7);
  }
}
