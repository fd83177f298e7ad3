package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * in a checkpoint's header (whose tensor bytes must be equal).
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
        assertSameCheckpoint(a, b, where);
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

  /**
   * A checkpoint's tensor bytes must be equal, except those of timing entries (a state file's {@code loop/seconds},
   * {@code loop/window/step_seconds}: names with "seconds" or ending in "per_s"); its header only up to timing fields
   * (and so its CRC).
   */
  static void assertSameCheckpoint(byte[] a, byte[] b, String where) throws IOException {
    int ha = headerLength(a), hb = headerLength(b);
    String headA = new String(a, 16, ha, StandardCharsets.UTF_8), headB = new String(b, 16, hb, StandardCharsets.UTF_8);
    assertEquals(withoutTimingFields(headA), withoutTimingFields(headB), where + ": header");
    byte[] dataA = withoutTimingTensors(headA, Arrays.copyOfRange(a, 16 + ha, a.length - 4));
    byte[] dataB = withoutTimingTensors(headB, Arrays.copyOfRange(b, 16 + hb, b.length - 4));
    if (!Arrays.equals(dataA, dataB)) {
      fail(where + ": tensor bytes differ from offset " + Arrays.mismatch(dataA, dataB) + " (timing entries left out)");
    }
  }

  /** The data section without the bytes of timing entries (header order, no padding: see {@link Checkpoint}). */
  private static byte[] withoutTimingTensors(String header, byte[] data) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int offset = 0;
    for (com.fasterxml.jackson.databind.JsonNode t : Json.mapper().readTree(header).get("tensors")) {
      long n = 1;
      for (com.fasterxml.jackson.databind.JsonNode d : t.get("shape")) n *= d.asLong();
      String dtype = t.get("dtype").asText();
      int len = Math.toIntExact(n * (dtype.equals("int64") || dtype.equals("float64") ? 8 : 4));
      String name = t.get("name").asText();
      if (!(name.contains("seconds") || name.endsWith("per_s"))) out.write(data, offset, len);
      offset += len;
    }
    assertEquals(data.length, offset, "checkpoint data length");
    return out.toByteArray();
  }

  private static int headerLength(byte[] ck) {
    if (!new String(ck, 0, 8, StandardCharsets.US_ASCII).equals(Checkpoint.MAGIC)) fail("not a checkpoint");
    return ByteBuffer.wrap(ck, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
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
