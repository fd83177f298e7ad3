package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BimodalAndFileTest {
  @TempDir
  Path dir;

  private static int count(float[] x, float v) {
    int c = 0;
    for (float f : x) if (f == v) c++;
    return c;
  }

  @ParameterizedTest
  @CsvSource({"0.5, 512, 256", "0.5, 101, 51", "0.3, 10, 3", "0.3, 1000, 300", "0, 7, 0", "1, 7, 7"})
  void exactModeAssignsRoundPnUnitsTheFirstValue(double p, int n, int first) {
    BimodalTau d = new BimodalTau(0.5, 1.5, p, true);
    float[] x = d.sample(n, new SplittableRandom(n));
    assertEquals(first, count(x, 0.5f));
    assertEquals(n - first, count(x, 1.5f));
  }

  @Test
  void exactModeShufflesReproducibly() {
    BimodalTau d = new BimodalTau(0.5, 1.5, 0.5, true);
    float[] a = d.sample(512, new SplittableRandom(1));
    float[] b = d.sample(512, new SplittableRandom(1));
    float[] c = d.sample(512, new SplittableRandom(2));
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    // the first value is spread over the whole array, not left in the first half
    int inSecondHalf = count(Arrays.copyOfRange(a, 256, 512), 0.5f);
    assertTrue(inSecondHalf > 64 && inSecondHalf < 192, "first value in second half: " + inSecondHalf);
  }

  @Test
  void independentModeCountsVaryBinomially() {
    BimodalTau d = new BimodalTau(0.5, 1.5, 0.5, false);
    int differing = 0;
    for (int seed = 0; seed < 20; seed++) {
      if (count(d.sample(512, new SplittableRandom(seed)), 0.5f) != 256) differing++;
    }
    // P(exactly 256 of 512) = 0.035, so nearly every seed differs from the exact split
    assertTrue(differing >= 15, "only " + differing + " of 20 differ from 256");
  }

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void fileValuesComeBackInOrderWithEmpiricalMoments() throws IOException {
    Path f = write("tau.txt", "# per-neuron tau\n0.5\n\n  1.5  # slow unit\n1e-1\n");
    TauDistribution d = TauSpec.parse("file:" + f);
    assertArrayEquals(new float[] {0.5f, 1.5f, 0.1f}, d.sample(3, new SplittableRandom(0)));
    double mean = (0.5 + 1.5 + 0.1) / 3;
    assertEquals(mean, d.mean(), 1e-15);
    double var = (Math.pow(0.5 - mean, 2) + Math.pow(1.5 - mean, 2) + Math.pow(0.1 - mean, 2)) / 3;
    assertEquals(var, d.variance(), 1e-15);
    assertEquals("file:" + f.toAbsolutePath().normalize(), d.spec());
    assertEquals(d, TauSpec.parse(d.spec()));
  }

  @Test
  void singleFileDrawsAreUniformOverTheValues() throws IOException {
    TauDistribution d = TauSpec.parse("file:" + write("two.txt", "0.25\n0.75\n"));
    SplittableRandom rng = new SplittableRandom(3);
    int n = 20_000;
    int first = 0;
    for (int i = 0; i < n; i++) if (d.sample(rng) == 0.25) first++;
    // binomial(n, 1/2): sd = sqrt(n)/2 = 71; allow 5 sd
    assertEquals(n / 2.0, first, 5 * Math.sqrt(n) / 2);
  }

  @Test
  void fileNeedsExactlyOneValuePerNeuron() throws IOException {
    TauDistribution d = TauSpec.parse("file:" + write("three.txt", "0.1\n0.2\n0.3\n"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.sample(4, new SplittableRandom(0)));
    assertTrue(e.getMessage().contains("holds 3 values but 4 are needed"), e.getMessage());
  }

  @Test
  void fileErrorsNameTheFileAndLine() throws IOException {
    Path bad = write("bad.txt", "0.1\n\nabc\n");
    String m1 = assertThrows(IllegalArgumentException.class, () -> TauSpec.parse("file:" + bad)).getMessage();
    assertTrue(m1.contains("bad.txt, line 3") && m1.contains("'abc' is not a number"), m1);
    Path negative = write("neg.txt", "0.1\n-0.2\n");
    String m2 = assertThrows(IllegalArgumentException.class, () -> TauSpec.parse("file:" + negative)).getMessage();
    assertTrue(m2.contains("neg.txt, line 2") && m2.contains("not a time constant"), m2);
    Path empty = write("empty.txt", "# nothing\n\n");
    String m3 = assertThrows(IllegalArgumentException.class, () -> TauSpec.parse("file:" + empty)).getMessage();
    assertTrue(m3.contains("holds no values"), m3);
    Path missing = dir.resolve("missing.txt");
    String m4 = assertThrows(IllegalArgumentException.class, () -> TauSpec.parse("file:" + missing)).getMessage();
    assertTrue(m4.contains("cannot read") && m4.contains("missing.txt"), m4);
  }

  @Test
  void fileDistributionsCompareByContent() throws IOException {
    Path f = write("a.txt", "0.1\n0.2\n");
    FileTau a = FileTau.load(f);
    assertEquals(a, FileTau.load(f));
    assertEquals(a.hashCode(), FileTau.load(f).hashCode());
    double[] values = a.values();
    values[0] = 9; // the record hands out copies
    assertEquals(0.1, a.values()[0]);
    Files.writeString(f, "0.1\n0.3\n");
    assertNotEquals(a, FileTau.load(f));
  }
}
