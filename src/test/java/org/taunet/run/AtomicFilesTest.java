package org.taunet.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesAndReplacesLeavingNoTemporaryFiles() throws IOException {
    Path f = dir.resolve("config.json");
    AtomicFiles.writeString(f, "first");
    assertEquals("first", Files.readString(f));
    AtomicFiles.write(f, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    assertEquals(List.of("config.json"), listing());
  }

  @Test
  void streamingWriterMayCloseTheStreamAndWriteManyMegabytes() throws IOException {
    Path f = dir.resolve("big.bin");
    byte[] block = new byte[100_003];
    new SplittableRandom(1).nextBytes(block);
    AtomicFiles.write(f, out -> {
      try (OutputStream o = out) {
        for (int i = 0; i < 40; i++) o.write(block);
        o.write(7);
        o.write(block, 10, 20);
      }
    });
    byte[] all = Files.readAllBytes(f);
    assertEquals(40 * block.length + 21, all.length);
    for (int i = 0; i < 40; i++) assertEquals(block[block.length - 1], all[(i + 1) * block.length - 1]);
    assertEquals(7, all[40 * block.length]);
    assertEquals(block[10], all[40 * block.length + 1]);
    assertEquals(List.of("big.bin"), listing());
  }

  @Test
  void noSpaceLeftOnDeviceNamesTheFileBeingWritten() {
    Path f = dir.resolve("checkpoint.bin");
    IOException io = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      throw new IOException("No space left on device");
    }));
    assertEquals("writing " + f.toAbsolutePath().normalize() + ": no space left on device; free space on that file "
        + "system or choose another folder", io.getMessage());
    assertEquals("No space left on device", io.getCause().getMessage());
  }

  @Test
  void failingWriterLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("metrics.csv");
    AtomicFiles.writeString(f, "old complete content\n");
    IOException io = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write(new byte[200_000]); // more than the buffer: some bytes already reached the temp file
      throw new IOException("disk full (simulated)");
    }));
    assertEquals("writing " + f.toAbsolutePath().normalize() + ": disk full (simulated)", io.getMessage());
    IllegalStateException rt = new IllegalStateException("bug in writer");
    assertSame(rt, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
      out.write("half a ro".getBytes());
      throw rt;
    })));
    assertEquals("old complete content\n", Files.readString(f));
    assertEquals(List.of("metrics.csv"), listing());
  }

  @Test
  void failingFirstWriteCreatesNothing() throws IOException {
    Path f = dir.resolve("new.txt");
    assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write(1);
      throw new IOException("boom");
    }));
    assertFalse(Files.exists(f));
    assertEquals(List.of(), listing());
  }

  @Test
  void createsParentDirectories() throws IOException {
    Path f = dir.resolve("ckpt/epoch-1/state.ck");
    AtomicFiles.writeString(f, "x");
    assertEquals("x", Files.readString(f));
  }

  @Test
  void recognisesItsTemporaryFileNames() {
    assertTrue(AtomicFiles.isTemporary(Path.of(".metrics.csv.1f2e3d.tmp")));
    assertFalse(AtomicFiles.isTemporary(Path.of("metrics.csv")));
    assertFalse(AtomicFiles.isTemporary(Path.of("values.tmp")));
  }
}
