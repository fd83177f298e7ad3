package org.taunet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NpyWriter and Safetensors: what they write reads back exactly (NpyReader, Safetensors.read); damage is named. */
class NpyWriterTest {
  @TempDir Path tmp;

  static Map<String, NdArray> arrays() {
    Map<String, NdArray> m = new LinkedHashMap<>();
    m.put("W1", new NdArray(DType.F4, new int[] {2, 3}, new float[] {1.5f, -2, 0, Float.MIN_VALUE, 1e30f, -0f}));
    m.put("b", new NdArray(DType.F4, new int[] {1}, new float[] {7}));
    m.put("opt/t", new NdArray(DType.I8, new int[0], new long[] {Long.MAX_VALUE}));
    m.put("lr", new NdArray(DType.F8, new int[0], new double[] {1e-3}));
    m.put("bytes", new NdArray(DType.U1, new int[] {3}, new byte[] {0, (byte) 200, 65}));
    m.put("empty", new NdArray(DType.F4, new int[] {0, 4}, new float[0]));
    return m;
  }

  static void assertSame(Map<String, NdArray> want, Map<String, NdArray> got) {
    assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()));
    for (String k : want.keySet()) {
      assertEquals(want.get(k).dtype(), got.get(k).dtype(), k);
      assertArrayEquals(want.get(k).shape(), got.get(k).shape(), k);
      assertEquals(ByteBuffer.wrap(NpyWriter.data(want.get(k))), ByteBuffer.wrap(NpyWriter.data(got.get(k))), k);
    }
  }

  @Test
  void npyHeaderIsNumpysAndAligned() throws Exception {
    NdArray a = arrays().get("W1");
    byte[] h = NpyWriter.header(a);
    assertEquals(0, h.length % NpyWriter.ALIGN);
    String dict = new String(h, 10, h.length - 10, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(dict.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }") && dict.endsWith(" \n"), dict);
    assertTrue(new String(NpyWriter.header(arrays().get("b")), java.nio.charset.StandardCharsets.ISO_8859_1).contains("(1,)"));
    assertTrue(new String(NpyWriter.header(arrays().get("lr")), java.nio.charset.StandardCharsets.ISO_8859_1).contains("'shape': ()"));
    byte[] all = NpyWriter.toBytes(a);
    NdArray back = NpyReader.read(new ByteArrayInputStream(all), "mem", all.length);
    assertArrayEquals((float[]) a.data(), (float[]) back.data());
  }

  @Test
  void npzRoundTripsEveryTypeAndShape() throws Exception {
    Path f = tmp.resolve("a.npz");
    NpyWriter.writeNpz(f, arrays());
    assertSame(arrays(), NpyReader.readNpz(f));
    byte[] first = Files.readAllBytes(f);
    NpyWriter.writeNpz(f, arrays());
    assertArrayEquals(first, Files.readAllBytes(f), "equal arrays give equal files (no time stamps)");
  }

  @Test
  void safetensorsRoundTripsWithMetadataAndAnAlignedHeader() throws Exception {
    Path f = tmp.resolve("a.safetensors");
    new Safetensors(Map.of("format", "x", "config.json", "{\"a\": [1, 2]}\n"), arrays()).write(f);
    byte[] all = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, n % 8, "header length is a multiple of 8");
    Safetensors back = Safetensors.read(f);
    assertEquals(Map.of("format", "x", "config.json", "{\"a\": [1, 2]}\n"), back.metadata());
    assertSame(arrays(), back.tensors());
  }

  @Test
  void damagedSafetensorsAreRefusedNamingTheProblem() throws Exception {
    Path f = tmp.resolve("a.safetensors");
    new Safetensors(Map.of(), arrays()).write(f);
    byte[] all = Files.readAllBytes(f);
    Path cut = tmp.resolve("cut.safetensors");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 1));
    assertTrue(assertThrows(DataFormatException.class, () -> Safetensors.read(cut)).getMessage().contains("cut.safetensors"));
    Path extra = tmp.resolve("extra.safetensors");
    Files.write(extra, java.util.Arrays.copyOf(all, all.length + 4));
    assertTrue(assertThrows(DataFormatException.class, () -> Safetensors.read(extra)).getMessage().contains("data bytes"));
    Path junk = tmp.resolve("junk.safetensors");
    Files.write(junk, new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, '{'});
    assertTrue(assertThrows(DataFormatException.class, () -> Safetensors.read(junk)).getMessage().contains("header length"));
  }
}
