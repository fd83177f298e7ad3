package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir
  Path dir;

  private Path small() throws IOException {
    Path f = dir.resolve("small.ck");
    Map<String, Object> tensors = new LinkedHashMap<>();
    tensors.put("w", Checkpoint.shaped(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
    tensors.put("step", new long[] {42});
    Checkpoint.save(f, Map.of("epoch", 3), tensors);
    return f;
  }

  @Test
  void allDtypesRoundTripIncludingAMultiMegabyteTensor() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    float[] big = new float[2_500_017]; // 10 MB, not a multiple of the chunk size
    for (int i = 0; i < big.length; i++) big[i] = (float) r.nextGaussian();
    int[] ints = r.ints(1000).toArray();
    long[] longs = r.longs(333).toArray();
    double[] doubles = r.doubles(777).toArray();
    doubles[0] = Double.NaN;
    Map<String, Object> tensors = new LinkedHashMap<>();
    tensors.put("big", Checkpoint.shaped(big, 2_500_017, 1));
    tensors.put("ints", ints);
    tensors.put("longs", longs);
    tensors.put("doubles", Checkpoint.shaped(doubles, 7, 111));
    tensors.put("empty", new float[0]);
    tensors.put("scalar", Checkpoint.shaped(new double[] {2.5}));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", 7);
    meta.put("tau", "normal:mean=0.5,sd=0.1,min=0.001");
    meta.put("lr", List.of(0.1, 0.05));
    Path f = dir.resolve("state.ck");
    Checkpoint.save(f, meta, tensors);

    Checkpoint c = Checkpoint.load(f);
    assertEquals(List.of("big", "ints", "longs", "doubles", "empty", "scalar"), List.copyOf(c.names()));
    assertEquals(meta, c.meta());
    assertArrayEquals(big, c.floats("big", 2_500_017, 1));
    assertArrayEquals(ints, c.ints("ints"));
    assertArrayEquals(longs, c.longs("longs"));
    assertArrayEquals(doubles, c.doubles("doubles"));
    assertArrayEquals(new int[] {7, 111}, c.shape("doubles"));
    assertEquals(0, c.floats("empty").length);
    assertArrayEquals(new int[0], c.shape("scalar"));
    assertEquals(2.5, c.doubles("scalar")[0]);
    assertEquals(Checkpoint.DType.INT64, c.info("longs").dtype());
    long expectedSize = 16 + headerLength(f) + 4L * big.length + 4 * 1000 + 8 * 333 + 8 * 777 + 8 + 4;
    assertEquals(expectedSize, Files.size(f));
  }

  private static long headerLength(Path f) throws IOException {
    try (var in = Files.newInputStream(f)) {
      return ByteBuffer.wrap(in.readNBytes(16)).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    }
  }

  /** The writer's bytes equal an independent encoding of the documented format. */
  @Test
  void layoutMatchesTheDocumentedFormat() throws IOException {
    Path f = dir.resolve("one.ck");
    Checkpoint.save(f, Map.of(), Map.of("x", new int[] {1, -2}));
    String header = "{\"meta\":{},\"tensors\":[{\"name\":\"x\",\"dtype\":\"int32\",\"shape\":[2]}]}";
    byte[] expected = encode(header, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(-2).array(), 1);
    assertArrayEquals(expected, Files.readAllBytes(f));
  }

  /** magic, version, header length, header, data, CRC32 of all that: the format, encoded by hand. */
  private static byte[] encode(String header, byte[] data, int version) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("TAUNETCK".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(version).putInt(h.length).array());
    out.writeBytes(h);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(out.toByteArray());
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
    return out.toByteArray();
  }

  private Path file(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static void assertRejected(Path f, String problem) {
    IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f));
    assertTrue(e.getMessage().contains(f.toString()), () -> "message does not name the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(problem), () -> "message lacks '" + problem + "': " + e.getMessage());
  }

  @Test
  void flippedDataByteFailsTheCrc() throws IOException {
    byte[] b = Files.readAllBytes(small());
    b[b.length - 10] ^= 0x01;
    assertRejected(file("flipped.ck", b), "CRC mismatch");
    byte[] c = Files.readAllBytes(small());
    c[c.length - 1] ^= (byte) 0x80; // the stored CRC itself
    assertRejected(file("flipped-crc.ck", c), "CRC mismatch");
  }

  @Test
  void truncatedFilesAreReportedAsTruncated() throws IOException {
    byte[] b = Files.readAllBytes(small());
    assertRejected(file("cut.ck", Arrays.copyOf(b, b.length - 7)), "truncated");
    assertRejected(file("cut-header.ck", Arrays.copyOf(b, 40)), "truncated or corrupt");
    assertRejected(file("tiny.ck", Arrays.copyOf(b, 10)), "truncated: 10 bytes");
    assertRejected(file("empty.ck", new byte[0]), "truncated");
  }

  @Test
  void trailingBytesAreASizeMismatch() throws IOException {
    byte[] b = Files.readAllBytes(small());
    assertRejected(file("long.ck", Arrays.copyOf(b, b.length + 3)), "size mismatch");
  }

  @Test
  void wrongMagicAndVersionAreNamed() throws IOException {
    byte[] b = Files.readAllBytes(small());
    b[0] = 'X';
    assertRejected(file("magic.ck", b), "bad magic \"XAUNETCK\"");
    assertRejected(file("png.ck", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
        "bad magic \"\\x89PNG");
    assertRejected(file("v2.ck", encode("{\"meta\":{},\"tensors\":[]}", new byte[0], 2)),
        "unsupported checkpoint format version 2");
  }

  @Test
  void absurdLengthsAreRejectedBeforeAllocating() throws IOException {
    byte[] b = Files.readAllBytes(small());
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x7fffffff);
    assertRejected(file("header-len.ck", b), "header length 2147483647 exceeds");
    assertRejected(file("huge-shape.ck", encode(
        "{\"meta\":{},\"tensors\":[{\"name\":\"w\",\"dtype\":\"float32\",\"shape\":[100000,100000]}]}", new byte[0], 1)),
        "larger than any Java array");
    assertRejected(file("big-shape.ck", encode(
        "{\"meta\":{},\"tensors\":[{\"name\":\"w\",\"dtype\":\"float64\",\"shape\":[60000,510]}]}", new byte[16], 1)),
        "truncated: the tensor table needs");
    assertRejected(file("negative.ck", encode(
        "{\"meta\":{},\"tensors\":[{\"name\":\"w\",\"dtype\":\"float32\",\"shape\":[-4]}]}", new byte[0], 1)),
        "invalid dimension -4");
  }

  @Test
  void malformedHeadersAreNamed() throws IOException {
    assertRejected(file("json.ck", encode("{\"meta\":{", new byte[0], 1)), "header is not valid JSON");
    assertRejected(file("dtype.ck", encode(
        "{\"meta\":{},\"tensors\":[{\"name\":\"w\",\"dtype\":\"bfloat16\",\"shape\":[1]}]}", new byte[2], 1)),
        "unknown dtype \"bfloat16\"");
    assertRejected(file("twice.ck", encode("{\"meta\":{},\"tensors\":[{\"name\":\"w\",\"dtype\":\"int32\",\"shape\":[1]},"
        + "{\"name\":\"w\",\"dtype\":\"int32\",\"shape\":[1]}]}", new byte[8], 1)), "appears twice");
    assertRejected(file("nometa.ck", encode("{\"tensors\":[]}", new byte[0], 1)), "no \"meta\" object");
  }

  @Test
  void missingTensorsWrongDtypesAndShapesAreIoErrors() throws IOException {
    Checkpoint c = Checkpoint.load(small());
    IOException missing = assertThrows(IOException.class, () -> c.floats("bias"));
    assertTrue(missing.getMessage().contains("no tensor 'bias'") && missing.getMessage().contains("[w, step]"),
        missing.getMessage());
    IOException dtype = assertThrows(IOException.class, () -> c.ints("w"));
    assertTrue(dtype.getMessage().contains("'w' is float32, not int32"), dtype.getMessage());
    IOException shape = assertThrows(IOException.class, () -> c.floats("w", 3, 2));
    assertTrue(shape.getMessage().contains("shape mismatch for tensor 'w': expected [3, 2], checkpoint has [2, 3]"),
        shape.getMessage());
    assertEquals(3, c.meta().get("epoch"));
  }

  @Test
  void saveRejectsInconsistentTensors() {
    Path f = dir.resolve("bad.ck");
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.save(f, Map.of(), Map.of("w", Checkpoint.shaped(new float[6], 4, 2))));
    assertTrue(shape.getMessage().contains("shape [4, 2] does not match its 6 elements"), shape.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.save(f, Map.of(), Map.of("w", new short[3])));
    assertTrue(type.getMessage().contains("unsupported value short[]"), type.getMessage());
    assertTrue(Files.notExists(f));
  }

  @Test
  void savingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
    Path f = small();
    Checkpoint.save(f, Map.of("epoch", 4), Map.of("w", new float[] {9}));
    Checkpoint c = Checkpoint.load(f);
    assertEquals(4, c.meta().get("epoch"));
    assertArrayEquals(new float[] {9}, c.floats("w"));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("small.ck"), s.map(p -> p.getFileName().toString()).toList());
    }
  }
}
