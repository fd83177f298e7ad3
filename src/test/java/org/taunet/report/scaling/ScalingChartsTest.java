package org.taunet.report.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingChartsTest {

  @Test
  void tradeoffTitleNamesTheCellSelectedOnValidationNotTheLowestTestLoss() {
    var finalist = new ParetoFrontier.Point("elm", 1000, 4, 8, 16, 1000, 0.30, 0.1, 0.1, 3, 0.40);
    var lowTest = new ParetoFrontier.Point("elm", 1000, 2, 16, 32, 1000, 0.20, Double.NaN, 0.1, 1, 0.45);
    var h = ScalingCharts.tradeoff(1000, List.of(lowTest, finalist), "test_loss");
    assertEquals("P = 1000: test_loss by (N, k_e) (k_c nearest P); selected N = 4, k_e = 8, k_c = 16",
        h.getTitle());
    assertNull(ScalingCharts.tradeoff(1000, List.of(finalist), "test_loss"));
  }
}
