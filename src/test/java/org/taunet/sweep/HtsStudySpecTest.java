package org.taunet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taunet.run.Json;
import org.taunet.tau.TauDistribution;
import org.taunet.tau.TauSpec;

/** The sizes of the HTS stability study and its mechanism arm expand to the documented points, with valid tau specs. */
class HtsStudySpecTest {
  @Test
  void sizesExpandToTheDocumentedPointCounts() throws Exception {
    SweepSpec hts = Studies.load("hts-ep-stability");
    Map<String, Integer> expected = Map.of("pilot", 36, "stress", 360, "stress-net2", 20, "confirm", 70, "truncation", 80,
        "paper", 90);
    for (var e : expected.entrySet()) {
      List<SweepPoint> points = Expansion.points(hts.withSize(e.getKey()));
      assertEquals(e.getValue(), points.size(), e.getKey());
      for (SweepPoint p : points) TauSpec.of(p.flags().get("tau"));
    }
    assertEquals("net2", hts.withSize("stress-net2").flags().get("preset"));
    assertEquals("10000", hts.withSize("stress").flags().get("train-limit"));
    // truncation: each truncated gamma has a scalar control at its (truncated) mean to the report's 4 digits, so
    // the report compares them in one cell
    List<Double> scalars = new java.util.ArrayList<>(), truncated = new java.util.ArrayList<>();
    for (SweepPoint p : Expansion.points(hts.withSize("truncation"))) {
      TauDistribution tau = TauSpec.of(p.flags().get("tau"));
      if (tau.variance() == 0) scalars.add(tau.mean());
      else if (p.flags().get("tau").contains("max=")) truncated.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", tau.mean())));
    }
    assertTrue(!truncated.isEmpty() && scalars.containsAll(truncated), scalars + " " + truncated);
  }

  @Test
  void mechanismRowsPairControlsWithScalarRelaxation() throws Exception {
    List<SweepPoint> points = Expansion.points(Studies.load("hts-ep-mechanism"));
    assertEquals(280, points.size());
    for (SweepPoint p : points) {
      assertEquals("hts-ep-stability", Studies.load("hts-ep-mechanism").study());
      TauDistribution tau = TauSpec.of(p.flags().get("tau"));
      String like = p.flags().get("lr-like-dt");
      if (!like.equals("none")) {
        assertEquals(0.0, tau.variance(), "lr-like-dt needs a scalar --tau: " + p.id());
        assertEquals(tau.mean(), TauSpec.of(like).mean(), 1e-5, "same mean dt (truncation aside): " + p.id());
      }
      assertTrue(tau.mean() < 2, p.id());
    }
    assertNull(Json.mapper().readValue("\"none\"", TauDistribution.class), "none reads as no distribution");
  }
}
