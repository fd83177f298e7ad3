package org.taunet.data.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeStatsTest {
  @Test void countsDensityBalanceAndBaseline() {
    // Class 0 fires on channel 0 early, class 1 on channel 3 late; one spike of each sample lies past the window.
    SpikeTrain a = new SpikeTrain(new float[] {0.1f, 0.1f, 1.5f}, new int[] {0, 0, 1}, 0);
    SpikeTrain b = new SpikeTrain(new float[] {0.75f, 0.95f, 2.0f}, new int[] {3, 3, 2}, 1);
    SpikeDataset d = new SpikeDataset("toy", 4, 2, List.of(a, b, a), List.of(b, a), "");
    SpikeStats s = SpikeStats.of(d, 1.0, 100);
    assertEquals(5, s.samples());
    assertEquals(3.0, s.meanSpikes(), 1e-12);
    assertEquals(2.0 / 3, s.keptFraction(), 1e-12);
    // a fills 1 cell (2 spikes), b fills 2 cells, of 10 bins x 4 channels.
    assertEquals((3 * 1 + 2 * 2) / (5.0 * 40), s.density(), 1e-12);
    assertEquals(2, s.maxPerCell());
    assertArrayEquals(new int[] {2, 1}, s.trainPerClass());
    assertArrayEquals(new int[] {1, 1}, s.testPerClass());
    assertEquals(1.0, s.nearestMeanAccuracy(), 1e-12);
  }
}
