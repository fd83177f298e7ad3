package org.taunet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taunet.run.Checkpoint;

/** The state codec: exact round trip, and every refusal names the file and the problem. */
class CheckpointFileTest {
  @TempDir Path tmp;

  static StateBundle sample() {
    StateBundle b = new StateBundle();
    b.writeTensor("net/W1", new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, -3}, 2, 3);
    b.writeTensor("opt/W1/m", new float[] {0.25f, 1e-30f, Float.NEGATIVE_INFINITY, 7}, 4);
    b.writeLong("opt/t", Long.MIN_VALUE);
    b.writeLong("loop/step", 12);
    b.writeDouble("loop/seconds", -0.0);
    b.writeDouble("loop/last_train_acc", Double.NaN);
    b.writeDouble("loop/window/loss", 1e-300);
    return b;
  }

  @Test
  void roundTripIsExactAndByteStable() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    StateBundle in = sample();
    CheckpointFile.write(f, "toy", in);
    StateBundle out = CheckpointFile.read(f, "toy", null);
    assertEquals(List.copyOf(in.names()), List.copyOf(out.names()));
    for (String n : in.names()) {
      switch (in.entry(n)) {
        case StateBundle.Tensor t -> {
          StateBundle.Tensor u = (StateBundle.Tensor) out.entry(n);
          assertArrayEquals(t.shape(), u.shape(), n);
          assertArrayEquals(bits(t.data()), bits(u.data()), n);
        }
        case StateBundle.LongScalar l -> assertEquals(l, out.entry(n), n);
        case StateBundle.DoubleScalar d -> assertEquals(Double.doubleToRawLongBits(d.value()),
            Double.doubleToRawLongBits(((StateBundle.DoubleScalar) out.entry(n)).value()), n);
      }
    }
    Path g = tmp.resolve("again.bin");
    CheckpointFile.write(g, "toy", out);
    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g), "equal states give equal bytes");
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(2, files.count(), "no temporary files left");
    }
  }

  @Test
  void truncatedFilesAreRefusedNamingThem() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    CheckpointFile.write(f, "toy", sample());
    byte[] all = Files.readAllBytes(f);
    for (int keep : new int[] {all.length - 7, 40, 5}) {
      Files.write(f, Arrays.copyOf(all, keep));
      IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(f, "toy", null));
      assertTrue(e.getMessage().startsWith(f + ": invalid checkpoint: ") && e.getMessage().contains("truncated"),
          keep + ": " + e.getMessage());
    }
  }

  @Test
  void corruptedBytesFailTheCrcNamingTheFile() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    CheckpointFile.write(f, "toy", sample());
    byte[] all = Files.readAllBytes(f);
    all[all.length - 20] ^= 0x10; // inside the tensor data
    Files.write(f, all);
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(f, "toy", null));
    assertTrue(e.getMessage().startsWith(f + ": invalid checkpoint: CRC mismatch"), e.getMessage());
  }

  @Test
  void badMagicAndUnknownVersionsAreRefused() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    Files.writeString(f, "PK\u0003\u0004 this is a zip file, not a checkpoint");
    assertMessage(f, "not a taunet checkpoint: bad magic");
    CheckpointFile.write(f, "toy", sample());
    byte[] all = Files.readAllBytes(f);
    ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 9);
    Files.write(f, all);
    assertMessage(f, "unsupported checkpoint format version 9");
    Checkpoint.save(f, Map.of("format", CheckpointFile.FORMAT, "state_version", 2, "family", "toy"), Map.of());
    assertMessage(f, "unsupported state version 2 (this build reads version 1; the file was written by a newer "
        + "taunet: resume it with that version)");
    Checkpoint.save(f, Map.of("format", "something-else"), Map.of());
    assertMessage(f, "unknown format \"something-else\"");
  }

  @Test
  void anotherFamilysCheckpointAndForeignEntriesAreRefused() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    CheckpointFile.write(f, "ep", sample());
    assertMessage(f, "this is the checkpoint of a 'ep' run, not of a 'toy' run");
    Map<String, Object> meta = new LinkedHashMap<>(Map.of("format", CheckpointFile.FORMAT, "state_version", 1,
        "family", "toy"));
    Checkpoint.save(f, meta, Map.of("idx", new int[] {1, 2}));
    assertMessage(f, "entry 'idx' has dtype int32, which no state writes");
    Checkpoint.save(f, meta, Map.of("bad name", new float[] {1}));
    assertMessage(f, "invalid state name 'bad name'");
  }

  @Test
  void aStateThatDoesNotFitNamesFileAndEntry() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    StateBundle b = new StateBundle();
    b.writeTensor("W", new float[6], 2, 3);
    b.writeLong("extra", 1);
    CheckpointFile.write(f, "toy", b);
    float[] w = new float[6];
    Stateful wrongShape = state(in -> in.readTensor("W", w, 3, 2));
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.restore(f, "toy", null, wrongShape));
    assertEquals(f + ": invalid checkpoint: does not fit this run: tensor 'W': expected shape [3, 2], the state has "
        + "[2, 3]", e.getMessage());
    Stateful leavesExtra = state(in -> in.readTensor("W", w, 2, 3));
    e = assertThrows(IOException.class, () -> CheckpointFile.restore(f, "toy", null, leavesExtra));
    assertTrue(e.getMessage().contains("1 entry that nothing restores: extra"), e.getMessage());
    assertThrows(NoSuchFileException.class, () -> CheckpointFile.read(tmp.resolve("none.bin"), "toy", null));
  }

  @Test
  void aPreCoreCheckpointWithoutMappingIsRefusedSayingWhatToDo() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    // as ElmCheckpoint wrote it
    Checkpoint.save(f, Map.of("epoch", 2, "step", 40, "adam_t", 40), Map.of("params", new float[3], "adam_m",
        new float[3], "adam_v", new float[3], "state", new float[0]));
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(f, "elm", null));
    assertEquals(f + ": invalid checkpoint: this is a checkpoint of the format before the shared training core (no "
        + "\"format\" in its header), which 'elm' runs cannot resume: finish the run with the taunet version that "
        + "started it, or start a new run (its metrics.csv and summary.json stay readable)", e.getMessage());
  }

  @Test
  void aLegacyMappingRenamesAndNamesTheFileOnMissingFields() throws IOException {
    Path f = tmp.resolve("checkpoint.bin");
    Checkpoint.save(f, Map.of("adam_t", 40), Map.of("params", new float[] {1, 2, 3}, "adam_m", new float[] {4, 5, 6},
        "adam_v", new float[] {7, 8, 9}));
    LegacyMapping elm = (old, out) -> {
      LegacyMapping.tensor(old, "params", out, "net/params");
      LegacyMapping.tensor(old, "adam_m", out, "opt/params/m");
      LegacyMapping.tensor(old, "adam_v", out, "opt/params/v");
      out.writeLong("opt/t", LegacyMapping.metaLong(old, "adam_t"));
    };
    StateBundle s = CheckpointFile.read(f, "elm", elm);
    assertEquals(List.of("net/params", "opt/params/m", "opt/params/v", "opt/t"), List.copyOf(s.names()));
    assertEquals(40, s.readLong("opt/t"));
    float[] v = new float[3];
    s.readTensor("opt/params/v", v);
    assertArrayEquals(new float[] {7, 8, 9}, v);
    LegacyMapping needsEpoch = (old, out) -> out.writeLong("loop/epoch", LegacyMapping.metaLong(old, "epoch"));
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(f, "elm", needsEpoch));
    assertEquals(f + ": legacy checkpoint meta has no integer 'epoch' (it has [adam_t])", e.getMessage());
  }

  private static void assertMessage(Path f, String problem) {
    IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(f, "toy", null));
    assertTrue(e.getMessage().startsWith(f + ": invalid checkpoint: " + problem), e.getMessage());
  }

  private static int[] bits(float[] x) {
    int[] b = new int[x.length];
    for (int i = 0; i < x.length; i++) b[i] = Float.floatToRawIntBits(x[i]);
    return b;
  }

  private static Stateful state(java.util.function.Consumer<StateReader> reader) {
    return new Stateful() {
      @Override public void exportState(StateWriter out) {}

      @Override public void importState(StateReader in) {
        reader.accept(in);
      }
    };
  }
}
