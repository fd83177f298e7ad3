package org.taunet.elm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * docs/elm.md, "Where the parameters are": every row of the worked-count table (I, C, N, k_e, k_c, P) equals
 * {@link ElmShape#paramCount}, the length of the built {@link ElmNet}'s parameter vector and the default-case formula
 * P = N [k_c (1 + 2 k_e) + 4 k_e^2 + 3 k_e + (N > 1: k_e + 1)] + N k_e C + C that the page states.
 */
class ElmParamsDocTest {
  static long formula(long c, long n, long ke, long kc) {
    return n * (kc * (1 + 2 * ke) + 4 * ke * ke + 3 * ke + (n > 1 ? ke + 1 : 0)) + n * ke * c + c;
  }

  @Test void theWorkedCountsOfDocsElmAreTheCodesCounts() throws Exception {
    List<long[]> rows = Files.readAllLines(Path.of("docs/elm.md")).stream()
        .filter(l -> l.matches("\\|( [0-9,]+ \\|){6}")).map(l -> l.substring(1).split("\\|"))
        .map(cells -> java.util.Arrays.stream(cells).mapToLong(x -> Long.parseLong(x.trim().replace(",", ""))).toArray())
        .toList();
    assertTrue(rows.size() >= 5, "the table of worked counts is missing from docs/elm.md");
    for (long[] r : rows) {
      int in = (int) r[0], c = (int) r[1], n = (int) r[2], ke = (int) r[3], kc = (int) r[4];
      ElmShape s = ElmConfig.defaults().with("units=" + n, "ke=" + ke, "kc=" + kc).shape(in, c);
      String row = java.util.Arrays.toString(r);
      assertEquals(r[5], s.paramCount(), row);
      assertEquals(r[5], formula(c, n, ke, kc), row);
      assertEquals(r[5], new ElmNet(s, new SplittableRandom(1), new SplittableRandom(2), new SplittableRandom(3))
          .params().length, row);
    }
  }

  @Test void theDefaultCaseFormulaHoldsOnALadderOfShapes() {
    for (int n : new int[] {1, 2, 5, 16}) {
      for (int ke : new int[] {1, 3, 8}) {
        for (int kc : new int[] {1, 7, 40}) {
          assertEquals(formula(19, n, ke, kc), ElmConfig.defaults().with("units=" + n, "ke=" + ke, "kc=" + kc)
              .shape(128, 19).paramCount(), n + "/" + ke + "/" + kc);
        }
      }
    }
  }
}
