package org.taunet.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/api.md shows {@link ApiExample}'s snippet unchanged, and the snippet trains a network that learns. */
class ApiExampleTest {
  static final Path DOC = Path.of("docs/api.md");
  static final Path SOURCE = Path.of("src/test/java/org/taunet/example/ApiExample.java");

  /** The lines between the "// api.md begin" and "// api.md end" markers, less the method body's indent. */
  static List<String> snippet(List<String> source) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < source.size(); i++) {
      if (source.get(i).strip().equals("// api.md begin")) from = i + 1;
      if (source.get(i).strip().equals("// api.md end")) to = i;
    }
    assertTrue(from > 0 && to > from, "markers in " + SOURCE);
    String indent = source.get(from).substring(0, source.get(from).indexOf(source.get(from).strip()));
    List<String> out = new ArrayList<>();
    for (String line : source.subList(from, to)) out.add(line.startsWith(indent) ? line.substring(indent.length()) : line);
    return out;
  }

  /** The first ```java block of {@code doc}. */
  static List<String> firstJavaBlock(List<String> doc) {
    int start = doc.indexOf("```java");
    assertTrue(start >= 0, DOC + " has a ```java block");
    int end = doc.subList(start + 1, doc.size()).indexOf("```") + start + 1;
    assertTrue(end > start, DOC + ": the ```java block is closed");
    return doc.subList(start + 1, end);
  }

  @Test
  void docShowsTheSnippetOfTheCompiledClass() throws Exception {
    List<String> fromDoc = firstJavaBlock(Files.readAllLines(DOC));
    List<String> fromClass = snippet(Files.readAllLines(SOURCE));
    assertEquals(String.join("\n", fromClass), String.join("\n", fromDoc),
        "docs/api.md and ApiExample.java differ: change both (the doc shows the lines between the markers)");
    assertTrue(fromDoc.size() >= 15 && fromDoc.size() <= 30, "a short example: " + fromDoc.size() + " lines");
  }

  @Test
  void exampleTrainsANetworkThatBeatsChance(@TempDir Path tmp) throws Exception {
    double accuracy = ApiExample.run(tmp.resolve("run"));
    assertTrue(accuracy > 0.8, "test accuracy " + accuracy + " on 4 separable classes (chance 0.25)");
    assertTrue(Files.exists(tmp.resolve("run/checkpoint.bin")), "the run folder holds the checkpoint");
  }
}
