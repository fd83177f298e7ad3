package org.taunet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthTest {
  @Test
  void exponentIsTheLogLogSlope() {
    double[] x = {64, 128, 256, 512};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 3e-7 * x[i] * x[i];
    assertEquals(2.0, Growth.exponent(x, y), 1e-12);
    assertEquals(-0.5, Growth.exponent(new double[] {1, 4}, new double[] {2, 1}), 1e-12);
    assertTrue(Double.isNaN(Growth.exponent(new double[] {3}, new double[] {1})));
  }

  /** A workload whose step is a loop over a size-proportional array (no timing is asserted: the machine may be busy). */
  @Test
  void measuresEverySizeWithItsArithmeticAndHeldHeap() {
    Growth.Axis axis = new Growth.Axis("test-size", "a pass over 2^20 x size floats", new int[] {4, 16}, size ->
        new Growth.Workload() {
          final float[] a = new float[size << 20];

          @Override public double flopsPerStep() {
            return a.length;
          }

          @Override public void step() {
            for (int i = 0; i < a.length; i++) a[i] = a[i] * 0.5f + 1f;
          }
        });
    List<Growth.Point> points = Growth.measure(axis, 3);
    assertEquals(2, points.size());
    assertEquals(4.0 * (1 << 20), points.get(0).flopsPerStep());
    assertTrue(points.get(0).secondsPerStep() > 0 && points.get(1).cpuSecondsPerStep() > 0, points.toString());
    // 16 MB and 64 MB of floats are held by the workloads (the heap figure is after a GC, so allow slack)
    assertTrue(points.get(0).heapBytes() > 12L << 20 && points.get(1).heapBytes() > 48L << 20, points.toString());
  }

  @Test
  void everyAxisBuildsItsSmallestWorkload() {
    for (Growth.Axis a : Growth.AXES) {
      Growth.Workload w = a.workload().apply(a.sizes()[0]);
      assertTrue(w.flopsPerStep() > 0, a.name());
      assertEquals(a, Growth.axis(a.name()));
    }
  }
}
