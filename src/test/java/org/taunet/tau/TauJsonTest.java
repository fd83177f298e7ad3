package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TauJsonTest {
  private static final ObjectMapper M = new ObjectMapper();

  record Plain(TauDistribution tau) {}

  record Rnn(@JsonDeserialize(using = TauConditions.Json.class) TauDistribution tau) {}

  @Test
  void aDistributionIsItsSpecInJson() throws Exception {
    Plain p = new Plain(TauSpec.of(" gamma:mean=0.5,k=4"));
    String json = M.writeValueAsString(p);
    assertEquals("{\"tau\":\"gamma:mean=0.5,k=4\"}", json); // as written, not canonical
    assertEquals(p, M.readValue(json, Plain.class));
    Plain canonical = new Plain(TauSpec.parse("gamma:mean=0.5,k=4"));
    assertEquals(canonical, M.readValue(M.writeValueAsString(canonical), Plain.class));
    assertArrayEquals(canonical.tau().sample(50, new SplittableRandom(2)), p.tau().sample(50, new SplittableRandom(2)));
    assertNull(M.readValue("{\"tau\":\"\"}", Plain.class).tau());
    var e = assertThrows(InvalidFormatException.class, () -> M.readValue("{\"tau\":\"gamma:k=4\"}", Plain.class));
    assertTrue(e.getOriginalMessage().startsWith("bad tau spec 'gamma:k=4'"), e.getOriginalMessage());
    assertEquals("tau", e.getPath().get(0).getFieldName());
  }

  @Test
  void conditionNamesKeepTheirNameAndSampleAsTheirSpec() throws Exception {
    Rnn r = M.readValue("{\"tau\":\"Bimodal\"}", Rnn.class);
    assertEquals(new NamedTau("bimodal", TauSpec.parse("bimodal:0.5,1.5,exact=true")), r.tau());
    assertEquals("{\"tau\":\"bimodal\"}", M.writeValueAsString(r));
    assertArrayEquals(TauSpec.parse(TauConditions.SEED.get("bimodal")).sample(64, new SplittableRandom(3)),
        r.tau().sample(64, new SplittableRandom(3)));
    assertEquals("uniform:0.2,3", M.readValue("{\"tau\":\"uniform:0.2,3\"}", Rnn.class).tau().spec());
    assertEquals(1.0, TauConditions.distribution("vanilla").mean());
  }

  @Test
  void logSpacedIsElmsGridAndItsLawHasTheStatedMoments() {
    double lo = 1 + 1e-4 * 999, hi = 1000 - 1e-4 * 999;
    LogSpacedTau d = new LogSpacedTau(lo, hi);
    float[] g = d.grid(5);
    for (int c = 0; c < 5; c++) {
      double f = c / 4.0;
      assertEquals((float) Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo))), g[c]);
    }
    assertEquals((float) Math.sqrt(lo * hi), d.grid(1)[0], 1e-3f);
    assertEquals(d, TauSpec.parse(d.spec()));
    assertEquals(new LogSpacedTau(1, 1000), TauSpec.parse("logspaced:1,1000"));
    SplittableRandom r = new SplittableRandom(5);
    int n = 400_000;
    double s = 0, s2 = 0;
    for (int i = 0; i < n; i++) {
      double x = d.sample(r);
      assertTrue(x >= lo && x <= hi);
      s += x;
      s2 += x * x;
    }
    double mean = s / n, var = s2 / n - mean * mean;
    assertEquals(d.mean(), mean, 4 * Math.sqrt(d.variance() / n));
    assertEquals(d.variance(), var, 0.02 * d.variance());
    assertThrows(IllegalArgumentException.class, () -> TauSpec.parse("logspaced:5,1"));
  }
}
