package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  @TempDir
  Path dir;

  record Layer(String name, int units, double tau) {}

  record Config(String model, List<Layer> layers, Map<String, Double> lr, double nanValue, long seed) {}

  @Test
  void recordsRoundTripPrettyPrinted() throws IOException {
    Config c = new Config("ep", List.of(new Layer("h1", 510, 0.5), new Layer("out", 10, 1e-3)),
        Map.of("w1", 0.1), Double.NaN, Long.MAX_VALUE);
    Path f = dir.resolve("config.json");
    Json.write(f, c);
    assertEquals(c, Json.read(f, Config.class));
    String text = Files.readString(f);
    assertTrue(text.contains("\n  \"model\" : \"ep\""), text);
    assertTrue(text.endsWith("}\n"), text);
    JsonNode tree = Json.readTree(f);
    assertEquals(510, tree.get("layers").get(0).get("units").asInt());
  }

  @Test
  void unknownPropertiesAreAnErrorNamingTheFile() throws IOException {
    Path f = dir.resolve("layer.json");
    Files.writeString(f, "{\"name\": \"h\", \"units\": 3, \"tau\": 0.5, \"unitz\": 4}");
    IOException e = assertThrows(IOException.class, () -> Json.read(f, Layer.class));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("unitz"), e.getMessage());
  }

  @Test
  void malformedJsonIsAnErrorNamingTheFile() throws IOException {
    Path f = dir.resolve("broken.json");
    Files.writeString(f, "{\"name\": ");
    IOException e = assertThrows(IOException.class, () -> Json.readTree(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void toStringEndsWithNewline() {
    assertEquals("{\n  \"name\" : \"h\",\n  \"units\" : 3,\n  \"tau\" : 0.5\n}\n", Json.toString(new Layer("h", 3, 0.5)));
  }
}
