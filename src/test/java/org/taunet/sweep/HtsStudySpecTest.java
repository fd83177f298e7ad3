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
        "paper", 90, "net2-controls", 30, "net2-lr-like-dt", 10, "net2-map", 80, "t1-long", 20);
    for (var e : expected.entrySet()) {
      List<SweepPoint> points = Expansion.points(hts.withSize(e.getKey()));
      assertEquals(e.getValue(), points.size(), e.getKey());
      for (SweepPoint p : points) TauSpec.of(p.flags().get("tau"));
    }
    assertEquals("net2", hts.withSize("stress-net2").flags().get("preset"));
    assertEquals("10000", hts.withSize("stress").flags().get("train-limit"));
    assertEquals("100", hts.withSize("t1-long").flags().get("t-free"));
    assertEquals("gamma:mean=1.2,k=4", hts.withSize("net2-lr-like-dt").flags().get("lr-like-dt"));
    // net2-map reuses the depth arm's runs: its points include stress-net2's, with the same ids (a folder holding
    // them skips them)
    List<String> map = Expansion.points(hts.withSize("net2-map")).stream().map(SweepPoint::id).toList();
    assertTrue(Expansion.points(hts.withSize("stress-net2")).stream().map(SweepPoint::id).allMatch(map::contains));
    // each truncated gamma has a scalar control at its (truncated) mean to the report's 4 digits, so the report
    // compares them in one cell
    for (String size : List.of("truncation", "net2-controls")) {
      List<Double> scalars = new java.util.ArrayList<>(), truncated = new java.util.ArrayList<>();
      for (SweepPoint p : Expansion.points(hts.withSize(size))) {
        TauDistribution tau = TauSpec.of(p.flags().get("tau"));
        if (tau.variance() == 0) scalars.add(tau.mean());
        else if (p.flags().get("tau").contains("max=")) {
          truncated.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", tau.mean())));
        }
      }
      assertTrue(!truncated.isEmpty() && scalars.containsAll(truncated), size + ": " + scalars + " " + truncated);
    }
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
