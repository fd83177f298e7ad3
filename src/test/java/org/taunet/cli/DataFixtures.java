package org.taunet.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.taunet.data.TestFiles;

/** Tiny dataset folders in the real file formats (IDX gzip, npz, wav), whole or with one damaged file. */
final class DataFixtures {
  private DataFixtures() {}

  /** DIR/mnist with n training and n test images (28 x 28); with {@code damage} the test labels' gzip CRC is wrong. */
  static Path mnist(Path dir, int n, boolean damage) throws IOException {
    Path d = Files.createDirectories(dir.resolve("mnist"));
    for (String part : new String[] {"train", "t10k"}) {
      Files.write(d.resolve(part + "-images-idx3-ubyte.gz"), gzip(idx(new int[] {n, 28, 28}, new byte[n * 784])));
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) labels[i] = (byte) (i % 10);
      byte[] gz = gzip(idx(new int[] {n}, labels));
      if (damage && part.equals("t10k")) gz[gz.length - 6] ^= 0x5A; // inside the CRC-32 of the trailer
      Files.write(d.resolve(part + "-labels-idx1-ubyte.gz"), gz);
    }
    return dir;
  }

  /** DIR/kmnist with 50 test images and labels; one label byte is changed after zipping, so the member's CRC fails. */
  static Path kmnistWithDamagedLabels(Path dir) throws IOException {
    Path d = Files.createDirectories(dir.resolve("kmnist"));
    Files.write(d.resolve("kmnist-test-imgs.npz"), npz(npy("|u1", "(50, 28, 28)", new byte[50 * 784])));
    byte[] labels = new byte[50];
    for (int i = 0; i < 50; i++) labels[i] = (byte) (i % 10);
    byte[] zip = npz(npy("|u1", "(50,)", labels));
    zip[TestFiles.indexOf(zip, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) + 3] = 4; // deflate level 0: the bytes are verbatim
    Files.write(d.resolve("kmnist-test-labels.npz"), zip);
    return dir;
  }

  /** DIR/fsdd/recordings with 40 short recordings (digits 0-3, 10 each); {@code damaged} (if not null) is not RIFF. */
  static Path fsdd(Path dir, String damaged) throws IOException {
    Path rec = Files.createDirectories(dir.resolve("fsdd/recordings"));
    for (int digit = 0; digit < 4; digit++) {
      for (int index = 0; index < 10; index++) {
        String name = digit + "_zed_" + index + ".wav";
        byte[] wav = wav(400 + 300 * digit, 800);
        if (name.equals(damaged)) wav[3] = 'X';
        Files.write(rec.resolve(name), wav);
      }
    }
    return dir;
  }

  private static byte[] wav(double hz, int samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
    for (int i = 0; i < samples; i++) b.putShort((short) (16000 * Math.sin(2 * Math.PI * hz * i / 8000)));
    return b.array();
  }

  private static byte[] idx(int[] shape, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + data.length);
    b.putInt(0x0800 | shape.length);
    for (int s : shape) b.putInt(s);
    return b.put(data).array();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(raw);
    }
    return bos.toByteArray();
  }

  private static byte[] npy(String descr, String shape, byte[] data) {
    StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }");
    while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
    h.append('\n');
    ByteBuffer b = ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length());
    return b.put(h.toString().getBytes(StandardCharsets.ISO_8859_1)).put(data).array();
  }

  private static byte[] npz(byte[] member) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bos)) {
      zip.setLevel(0);
      zip.putNextEntry(new ZipEntry("arr_0.npy"));
      zip.write(member);
      zip.closeEntry();
    }
    return bos.toByteArray();
  }
}
