package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirTest {
  private static final Path HOME = Path.of("/home/u");

  @Test void flagWins() {
    assertEquals(Path.of("x"), DataDir.resolve(Path.of("x"), Map.of("TAUNET_DATA", "/env"), HOME));
  }

  @Test void thenEnvironment() {
    assertEquals(Path.of("/env"), DataDir.resolve(null, Map.of("TAUNET_DATA", "/env"), HOME));
  }

  @Test void thenHome() {
    assertEquals(Path.of("/home/u/.taunet/data"), DataDir.resolve(null, Map.of("TAUNET_DATA", " "), HOME));
    assertEquals(Path.of("/home/u/.taunet/data"), DataDir.resolve(null, Map.of(), HOME));
  }
}
