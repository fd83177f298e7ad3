package org.taunet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true to the tree: every source file ({@code tasks/Tasks.java}) and every class
 * ({@code ep.EpTrainer}, {@code EpCommand.Flags}'s outer class) it names in code spans exists.
 */
class ArchitectureDocTest {
  static final Path DOC = Path.of("docs/architecture.md");
  static final List<Path> ROOTS = List.of(Path.of("src/main/java/org/taunet"), Path.of("src/test/java/org/taunet"),
      Path.of("src/jmh/java/org/taunet"));

  @Test
  void everyFileAndClassTheDocNamesExists() throws Exception {
    String doc = Files.readString(DOC).replaceAll("(?s)```.*?```", ""); // the package picture is not code spans
    List<String> missing = new ArrayList<>();
    int checked = 0;
    Matcher span = Pattern.compile("`([^`]+)`").matcher(doc);
    while (span.find()) {
      String text = span.group(1);
      Matcher file = Pattern.compile("(?:src/\\w+/java/org/taunet/)?([a-z]+(?:/[a-z]+)*/[A-Z]\\w*\\.java)").matcher(text);
      while (file.find()) {
        if (file.group(1).contains("NAME")) continue; // a placeholder: cli/NAMECommand.java
        checked++;
        if (!exists(file.group(1))) missing.add(file.group(1));
      }
      Matcher cls = Pattern.compile("\\b((?:[a-z]+\\.)+)([A-Z]\\w*)").matcher(text);
      while (cls.find()) {
        if (cls.group(1).startsWith("org.") || text.contains("/")) continue;
        checked++;
        String path = cls.group(1).replace('.', '/') + cls.group(2) + ".java";
        if (!exists(path)) missing.add(cls.group(1) + cls.group(2));
      }
    }
    assertTrue(checked > 30, "the doc names only " + checked + " files and classes: is the pattern still right?");
    assertTrue(missing.isEmpty(), "docs/architecture.md names what does not exist: " + missing);
  }

  private static boolean exists(String relative) {
    return ROOTS.stream().anyMatch(r -> Files.exists(r.resolve(relative)));
  }
}
