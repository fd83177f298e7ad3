package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.taunet.numerics.Lanes;
import org.taunet.seq.GradCheck;
import org.taunet.seq.SparseInput;

/**
 * Pins the bits of {@link ElmBptt}'s logits, gradients and carried state on three networks (V1 with learned tau,
 * V2 with branches, recurrent with carried state), so a refactoring of the BPTT code that changes any float
 * operation fails here even where the finite-difference checks would still pass. A deliberate change of the
 * arithmetic updates the constants, and says why in its commit. The bits depend on the vector width (docs/reliability.md),
 * so the constants are those of 16 float lanes (AVX-512) and the test is skipped elsewhere.
 */
class ElmBpttGoldenTest {
  @BeforeEach
  void recordedWidth() {
    assumeTrue(Lanes.SPECIES.length() == 16, "golden bits recorded with 16 float lanes, this machine has "
        + Lanes.SPECIES.length() + ": skipped");
  }

  static long crc(float[]... arrays) {
    CRC32 c = new CRC32();
    for (float[] a : arrays) for (float v : a) {
      int b = Float.floatToRawIntBits(v);
      c.update(new byte[] {(byte) b, (byte) (b >>> 8), (byte) (b >>> 16), (byte) (b >>> 24)});
    }
    return c.getValue();
  }

  static long run(ElmShape s, long seed, boolean carry, int steps, int batch) {
    ElmNet net = ElmNetTest.net(s, seed);
    SplittableRandom rng = new SplittableRandom(seed + 10);
    float[] logits = new float[steps * batch * s.outputs()];
    if (carry) {
      net.resetState(batch);
      net.forward(GradCheck.randomInput(steps, batch, s.inputs(), 0.5, rng), 0, logits, true);
    }
    SparseInput in = GradCheck.randomInput(steps, batch, s.inputs(), 0.4, rng);
    net.forward(in, 0, logits, carry);
    float[] dLogits = new float[logits.length];
    for (int q = 0; q < dLogits.length; q++) dLogits[q] = (float) rng.nextGaussian();
    Arrays.fill(net.grads(), 0f);
    net.backward(dLogits);
    return crc(logits, net.grads(), net.carriedState());
  }

  @Test void v1LearnedTau() {
    assertEquals(1777131477L, run(ElmNetTest.shape(6, 3, 1, 3, 5, 6, 6, ElmShape.Version.V1, true), 3, false, 7, 2));
  }

  @Test void v2Branches() {
    assertEquals(1880901064L, run(ElmNetTest.shape(5, 4, 1, 4, 6, 9, 3, ElmShape.Version.V2, true), 6, false, 8, 3));
  }

  @Test void recurrentCarried() {
    assertEquals(3007911060L, run(ElmNetTest.shape(4, 3, 3, 2, 4, 4, 4, ElmShape.Version.V1, true), 9, true, 6, 2));
  }

  // Recurrent networks whose synapse events run through the row-batched kernels: W1s rows narrower than a vector
  // (d_mlp 8), wider with a tail (d_mlp 20), and branches shared by several synapses. The constants were recorded
  // with the per-row code before the kernels (commit e517258) and held unchanged for the first two; a branched
  // network's shared W1s rows sum their recurrent synapses' gradients in another order. The carried-state ones
  // (recurrentCarried, recurrentNarrowRows, recurrentBranches) changed again when the carried traces summed each unit
  // output over the segment before adding it to its synapses (ElmBptt.saveState).
  @Test void recurrentNarrowRows() {
    assertEquals(946344742L, run(ElmNetTest.shape(20, 3, 12, 4, 8, 16, 16, ElmShape.Version.V1, false), 12, true, 5, 5));
  }

  @Test void recurrentWideRows() {
    assertEquals(1656051724L, run(ElmNetTest.shape(9, 4, 6, 10, 20, 12, 12, ElmShape.Version.V2, true), 13, false, 4, 3));
  }

  @Test void recurrentBranches() {
    assertEquals(3500259427L, run(ElmNetTest.shape(7, 3, 5, 4, 8, 10, 3, ElmShape.Version.V1, false), 14, true, 5, 4));
  }
}
