package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares two run folders for bit-identical results: the same files (provenance and hidden files aside), every byte
 * equal except wall-clock measurements: metrics columns and JSON fields named *seconds* or *per_s, and the same fields
 * in a checkpoint's header and the checkpoint entries so named (e.g. a train.CheckpointFile's {@code loop/seconds},
 * {@code loop/window/step_seconds}); every other checkpoint entry must be equal bit for bit.
 */
final class RunFolders {
  /** A JSON field whose value is a wall-clock measurement: "train_seconds": 1.23, "samples_per_s": 4e3. */
  private static final Pattern TIMING_FIELD =
      Pattern.compile("(\"[a-z_0-9]*(?:seconds|per_s)[a-z_0-9]*\")\\s*:\\s*[-+0-9.eEInfinityNa]+");

  private RunFolders() {}

  static void assertSameResults(Path expected, Path actual) throws IOException {
    List<String> names = files(expected);
    assertEquals(names, files(actual), "files of " + actual + " vs " + expected);
    for (String name : names) {
      byte[] a = Files.readAllBytes(expected.resolve(name)), b = Files.readAllBytes(actual.resolve(name));
      String where = name + " of " + actual + " vs " + expected;
      if (name.endsWith(".csv")) {
        assertEquals(withoutTimingColumns(text(a)), withoutTimingColumns(text(b)), where);
      } else if (name.endsWith(".json")) {
        assertEquals(withoutTimingFields(text(a)), withoutTimingFields(text(b)), where);
      } else if (name.endsWith(".bin")) {
        assertSameCheckpoint(expected.resolve(name), actual.resolve(name), where);
      } else {
        assertArrayEquals(a, b, where);
      }
    }
  }

  /** Regular, non-hidden files other than provenance*.json, sorted. */
  static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(new TreeSet<>(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !n.startsWith("provenance")).toList()));
    }
  }

  /** A checkpoint's entries must be equal bit for bit, its header and its entries only up to timing ones. */
  static void assertSameCheckpoint(Path a, Path b, String where) throws IOException {
    Checkpoint ca = Checkpoint.load(a), cb = Checkpoint.load(b);
    assertEquals(withoutTimingFields(Json.toString(ca.meta())), withoutTimingFields(Json.toString(cb.meta())),
        where + ": header");
    assertEquals(List.copyOf(ca.names()), List.copyOf(cb.names()), where + ": entries");
    for (String n : ca.names()) {
      assertEquals(ca.info(n), cb.info(n), where + ": entry " + n);
      String last = n.substring(n.lastIndexOf('/') + 1);
      if (last.contains("seconds") || last.endsWith("per_s")) continue;
      boolean same = switch (ca.info(n).dtype()) {
        case FLOAT32 -> Arrays.equals(ca.floats(n), cb.floats(n));
        case INT32 -> Arrays.equals(ca.ints(n), cb.ints(n));
        case INT64 -> Arrays.equals(ca.longs(n), cb.longs(n));
        case FLOAT64 -> Arrays.equals(ca.doubles(n), cb.doubles(n));
      };
      if (!same) fail(where + ": entry " + n + " differs");
    }
  }

  static String withoutTimingFields(String json) {
    return TIMING_FIELD.matcher(json).replaceAll("$1: (time)");
  }

  /** CSV text without the columns whose header names a wall-clock measurement. */
  static String withoutTimingColumns(String csv) {
    String[] lines = csv.split("\n", -1);
    String[] head = lines[0].split(",", -1);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      String[] cells = line.split(",", -1);
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < cells.length; i++) {
        boolean timing = i < head.length && (head[i].contains("seconds") || head[i].endsWith("per_s"));
        if (!timing) kept.add(cells[i]);
      }
      out.append(String.join(",", kept)).append('\n');
    }
    return out.toString();
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
