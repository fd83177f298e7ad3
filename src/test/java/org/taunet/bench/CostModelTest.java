package org.taunet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostModelTest {
  @TempDir Path tmp;

  /** Steps of 1e6 FLOP at 1 GFLOP/s and of 1e8 FLOP at 10 GFLOP/s. */
  private static final List<double[]> CURVE = List.of(new double[] {1e8, 1e-2}, new double[] {1e6, 1e-3});

  @Test
  void rateIsInterpolatedOnLogLogAxesAndHeldBeyondTheMeasuredSizes() {
    assertEquals(1e-9, CostModel.secondsPerFlop(CURVE, 1e6), 1e-21);
    assertEquals(1e-10, CostModel.secondsPerFlop(CURVE, 1e8), 1e-22);
    assertEquals(Math.sqrt(1e-9 * 1e-10), CostModel.secondsPerFlop(CURVE, 1e7), 1e-22); // geometric midpoint
    assertEquals(1e-9, CostModel.secondsPerFlop(CURVE, 10), 1e-21);
    assertEquals(1e-10, CostModel.secondsPerFlop(CURVE, 1e12), 1e-22);
  }

  @Test
  void secondsOfARunAreItsArithmeticAtTheRateOfItsStepSize() {
    CostModel m = new CostModel("test", Map.of("rnn", CURVE));
    assertEquals(1000 * 1e-2, m.seconds("rnn", new Work(1000 * 1e8, 1e8, "1000 steps of 1e8")), 1e-9);
    assertTrue(Double.isNaN(m.seconds("ep", new Work(1e9, 1e6, "no ep curve"))));
    assertTrue(Double.isNaN(m.seconds("rnn", Work.unknown("text"))));
    assertTrue(m.belowCalibration("rnn", new Work(1e9, 1e5, "a step smaller than the smallest measured")));
    assertTrue(!m.belowCalibration("rnn", new Work(1e9, 1e6, "the smallest measured step")));
  }

  @Test
  void savedModelLoadsBackAndTheShippedOneCoversEveryFamily() throws Exception {
    Path f = tmp.resolve("sub/cost-model.json");
    new CostModel("here", Map.of("elm", CURVE)).save(f);
    CostModel back = org.taunet.run.Json.read(f, CostModel.class);
    assertEquals("here", back.measured());
    assertEquals(1e-3, back.families().get("elm").get(1)[1]);
    try (var in = CostModel.class.getResourceAsStream("cost-model.json")) {
      CostModel shipped = org.taunet.run.Json.mapper().readValue(in, CostModel.class);
      for (String fam : List.of("ep", "rnn", "elm")) {
        assertTrue(shipped.families().get(fam).size() >= 3, fam);
      }
    }
  }
}
