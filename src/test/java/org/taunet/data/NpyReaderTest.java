package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyReaderTest {
  @TempDir Path tmp;

  private NdArray readNpy(String name, byte[] bytes) throws IOException {
    return NpyReader.read(TestFiles.write(tmp.resolve(name), bytes));
  }

  private String rejected(String name, byte[] bytes) throws IOException {
    Path f = TestFiles.write(tmp.resolve(name), bytes);
    IOException e = assertThrows(IOException.class, () -> NpyReader.read(f));
    assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  @ParameterizedTest @ValueSource(ints = {1, 2, 3})
  void readsAllFormatVersions(int version) throws IOException {
    byte[] data = TestFiles.le(4, 1, -2, 3, 4, 5, 600000);
    NdArray a = readNpy("v" + version, TestFiles.npy(version, TestFiles.dict("<i4", false, "(2, 3)"), data));
    assertEquals(DType.I4, a.dtype());
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(new int[] {1, -2, 3, 4, 5, 600000}, (int[]) a.data());
  }

  @Test void readsIntegerTypes() throws IOException {
    assertArrayEquals(new int[] {0, 255, 7},
        readNpy("u1", TestFiles.npy(1, TestFiles.dict("|u1", false, "(3,)"), TestFiles.le(1, 0, 255, 7))).toIntArray());
    assertArrayEquals(new int[] {-128, 127},
        readNpy("i1", TestFiles.npy(1, TestFiles.dict("|i1", false, "(2,)"), TestFiles.le(1, -128, 127))).toIntArray());
    assertArrayEquals(new int[] {-300, 32767},
        readNpy("i2", TestFiles.npy(1, TestFiles.dict("<i2", false, "(2,)"), TestFiles.le(2, -300, 32767))).toIntArray());
    assertArrayEquals(new int[] {65535, 1},
        readNpy("u2", TestFiles.npy(1, TestFiles.dict("<u2", false, "(2,)"), TestFiles.le(2, 65535, 1))).toIntArray());
    NdArray i8 = readNpy("i8", TestFiles.npy(2, TestFiles.dict("<i8", false, "(1, 2)"), TestFiles.le(8, -5, 1L << 40)));
    assertArrayEquals(new long[] {-5, 1L << 40}, (long[]) i8.data());
    assertThrows(IllegalStateException.class, i8::toIntArray);  // 2^40 is not an int
  }

  @Test void readsFloatTypesAndScalars() throws IOException {
    ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-3.25f);
    NdArray a = readNpy("f4", TestFiles.npy(1, TestFiles.dict("<f4", false, "(2,)"), f4.array()));
    assertArrayEquals(new float[] {0.5f, -3.25f}, a.toFloatArray());
    ByteBuffer f8 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI);
    NdArray s = readNpy("f8", TestFiles.npy(3, TestFiles.dict("<f8", false, "()"), f8.array()));
    assertEquals(0, s.ndim());
    assertEquals(Math.PI, s.getDouble(0));
  }

  @Test void acceptsFortranOrderForOneDimension() throws IOException {
    NdArray a = readNpy("f1", TestFiles.npy(1, TestFiles.dict("|u1", true, "(3,)"), new byte[] {1, 2, 3}));
    assertEquals(3, a.size());
  }

  @Test void rejectsBigEndian() throws IOException {
    String m = rejected("be", TestFiles.npy(1, TestFiles.dict(">i4", false, "(1,)"), new byte[4]));
    assertTrue(m.contains("big-endian dtype '>i4'"), m);
  }

  @Test void rejectsFortranOrder() throws IOException {
    String m = rejected("fo", TestFiles.npy(1, TestFiles.dict("<f8", true, "(2, 2)"), new byte[32]));
    assertTrue(m.contains("fortran_order=True is not supported"), m);
  }

  @Test void rejectsBadHeaders() throws IOException {
    assertTrue(rejected("nodict", TestFiles.npy(1, "[1, 2]", new byte[0])).contains("bad header: not a dict"));
    assertTrue(rejected("nokey", TestFiles.npy(1, "{'descr': '<i4', 'shape': (1,)}", new byte[4]))
        .contains("needs keys"));
    assertTrue(rejected("syntax", TestFiles.npy(1, "{'descr': '<i4', 'shape': (1,", new byte[4]))
        .contains("bad header"));
    assertTrue(rejected("object", TestFiles.npy(1, TestFiles.dict("|O", false, "(1,)"), new byte[8]))
        .contains("unsupported dtype '|O'"));
    assertTrue(rejected("negshape", TestFiles.npy(1, TestFiles.dict("|u1", false, "(-1,)"), new byte[0]))
        .contains("absurd shape"));
    assertTrue(rejected("huge", TestFiles.npy(1, TestFiles.dict("<f8", false, "(100000, 100000)"), new byte[8]))
        .contains("absurd shape"));
    byte[] wrongMagic = TestFiles.npy(1, TestFiles.dict("|u1", false, "(1,)"), new byte[1]);
    wrongMagic[1] = 'X';
    assertTrue(rejected("magic", wrongMagic).contains("wrong magic"));
    byte[] v9 = TestFiles.npy(1, TestFiles.dict("|u1", false, "(1,)"), new byte[1]);
    v9[6] = 9;
    assertTrue(rejected("v9", v9).contains("unsupported .npy format version 9.0"));
    byte[] full = TestFiles.npy(1, TestFiles.dict("|u1", false, "(1,)"), new byte[1]);
    assertTrue(rejected("cuthdr", Arrays.copyOf(full, 30)).contains("truncated header"));
  }

  @Test void rejectsTruncatedAndTrailingData() throws IOException {
    byte[] ok = TestFiles.npy(1, TestFiles.dict("<i4", false, "(4,)"), TestFiles.le(4, 1, 2, 3, 4));
    String m = rejected("cut", Arrays.copyOf(ok, ok.length - 3));
    assertTrue(m.contains("truncated") && m.contains("16 data bytes") && m.contains("only 13"), m);
    String t = rejected("trail", Arrays.copyOf(ok, ok.length + 2));
    assertTrue(t.contains("trailing garbage: 2 bytes"), t);
  }

  @ParameterizedTest @ValueSource(booleans = {true, false})
  void readsNpzStoredAndDeflated(boolean deflate) throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("arr_0", TestFiles.npy(1, TestFiles.dict("|u1", false, "(2, 2)"), new byte[] {1, 2, 3, 4}));
    members.put("weights", TestFiles.npy(2, TestFiles.dict("<i2", false, "(3,)"), TestFiles.le(2, -1, 0, 1)));
    Path f = TestFiles.write(tmp.resolve("a.npz"), TestFiles.npz(members, deflate));
    Map<String, NdArray> all = NpyReader.readNpz(f);
    assertEquals(java.util.List.of("arr_0", "weights"), java.util.List.copyOf(all.keySet()));
    assertArrayEquals(new int[] {1, 2, 3, 4}, all.get("arr_0").toIntArray());
    assertArrayEquals(new int[] {-1, 0, 1}, all.get("weights").toIntArray());
    IOException e = assertThrows(IOException.class, () -> NpyReader.readNpzArray(f, "nope"));
    assertTrue(e.getMessage().contains("no array 'nope'") && e.getMessage().contains("arr_0"), e.getMessage());
  }

  @Test void rejectsBadNpz() throws IOException {
    Path notZip = TestFiles.write(tmp.resolve("bad.npz"), new byte[] {1, 2, 3, 4, 5});
    IOException e = assertThrows(IOException.class, () -> NpyReader.readNpz(notZip));
    assertTrue(e.getMessage().contains(notZip.toString()) && e.getMessage().contains("not a valid .npz"),
        e.getMessage());
    byte[] bad = TestFiles.npy(1, TestFiles.dict("<i4", false, "(4,)"), TestFiles.le(4, 1, 2));
    Path f = TestFiles.write(tmp.resolve("cut.npz"), TestFiles.npz(Map.of("x", bad), true));
    IOException e2 = assertThrows(IOException.class, () -> NpyReader.readNpz(f));
    assertTrue(e2.getMessage().contains("member x.npy") && e2.getMessage().contains("truncated"), e2.getMessage());
  }

  /** A deflated member whose data still inflates but differs from what was written: the CRC must catch it. */
  @Test void reportsCrcMismatchOfDamagedNpzMember() throws IOException {
    byte[] npy = TestFiles.npy(1, TestFiles.dict("<i4", false, "(4,)"), TestFiles.le(4, 1, 2, 3, 4));
    byte[] zip = TestFiles.npzLevel0(Map.of("x", npy));
    // Deflate level 0 keeps the bytes verbatim: change the shape (4,) to (2,) inside the compressed data.
    int at = TestFiles.indexOf(zip, "(4,)".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    zip[at + 1] = '2';
    Path f = TestFiles.write(tmp.resolve("damaged.npz"), zip);
    IOException e = assertThrows(IOException.class, () -> NpyReader.readNpz(f));
    assertTrue(e.getMessage().contains(f + " (member x.npy)") && e.getMessage().contains("CRC mismatch"), e.getMessage());
    // A damaged data byte (the header still agrees) was read silently before.
    zip[at + 1] = '4';
    zip[TestFiles.indexOf(zip, new byte[] {3, 0, 0, 0, 4})] = 9;
    Path g = TestFiles.write(tmp.resolve("damaged2.npz"), zip);
    IOException e2 = assertThrows(IOException.class, () -> NpyReader.readNpz(g));
    assertTrue(e2.getMessage().contains("CRC mismatch"), e2.getMessage());
  }

  @Test void readsRealKmnistTestSet() throws IOException {
    Path dir = TestFiles.sharedData("kmnist").resolve("kmnist");
    NdArray x = NpyReader.readNpzArray(dir.resolve("kmnist-test-imgs.npz"), "arr_0");
    NdArray y = NpyReader.readNpzArray(dir.resolve("kmnist-test-labels.npz"), "arr_0");
    assertEquals(DType.U1, x.dtype());
    assertArrayEquals(new int[] {10000, 28, 28}, x.shape());
    assertArrayEquals(new int[] {10000}, y.shape());
    int[] counts = new int[10];
    for (int v : y.toIntArray()) counts[v]++;
    assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, counts);
  }
}
