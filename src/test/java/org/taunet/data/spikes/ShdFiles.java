package org.taunet.data.spikes;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes small HDF5 files in the real SHD layout: {@code spikes/times} a 1-D dataset of variable-length float32
 * arrays, {@code spikes/units} of variable-length uint16 arrays, {@code labels} a 1-D integer dataset.
 *
 * <p>io.jhdf 0.9.3 cannot write variable-length data, so the file is made in two steps. jhdf writes everything else:
 * the groups, {@code labels}, and for times/units placeholder datasets of 2n int64 (16 n bytes: exactly the n
 * variable-length descriptors) each carrying a padding attribute. Then this class edits those two object headers
 * (HDF5 format spec, object header version 2): the dataspace dimension becomes n, the int64 datatype message becomes
 * a NIL message and the padding attribute message becomes the variable-length datatype message plus a NIL filler; the
 * descriptors (length, global heap collection address, object index) are written over the placeholder data; a global
 * heap collection ("GCOL") holding the arrays is appended; and the header and superblock checksums (Jenkins lookup3)
 * and the end-of-file address are recomputed.
 */
public final class ShdFiles {
  private ShdFiles() {}

  private static final byte[] FLOAT32 = {0x11, 0x20, 0x1f, 0x00, 4, 0, 0, 0, 0, 0, 32, 0, 23, 8, 0, 23, 127, 0, 0, 0};
  private static final byte[] UINT16 = {0x10, 0x00, 0x00, 0x00, 2, 0, 0, 0, 0, 0, 16, 0};

  /** Writes {@code samples} to {@code file} in the SHD layout. */
  public static void write(Path file, List<SpikeTrain> samples) throws IOException {
    int n = samples.size();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = samples.get(i).label();
    try (WritableHdfFile f = HdfFile.write(file)) {
      WritableGroup g = f.putGroup("spikes");
      for (String name : List.of("times", "units")) {
        WritableDataset d = g.putDataset(name, new long[2 * n]);
        d.putAttribute("pad", new int[16]);
      }
      f.putDataset("labels", labels);
    }
    long timesHeader, unitsHeader, timesData, unitsData;
    try (HdfFile h = new HdfFile(file)) {
      Dataset t = h.getDatasetByPath("spikes/times");
      Dataset u = h.getDatasetByPath("spikes/units");
      timesHeader = t.getAddress();
      unitsHeader = u.getAddress();
      timesData = ((ContiguousDataset) t).getDataAddress();
      unitsData = ((ContiguousDataset) u).getDataAddress();
    }
    byte[] old = Files.readAllBytes(file);
    long heapAddress = (old.length + 7) / 8 * 8;
    // The global heap: object 1 + i holds sample i's times, object 1 + n + i its units.
    ByteArrayOutputStream objects = new ByteArrayOutputStream();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        SpikeTrain s = samples.get(i);
        ByteBuffer data = ByteBuffer.allocate(s.size() * (pass == 0 ? 4 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < s.size(); j++) {
          if (pass == 0) data.putFloat(s.times()[j]);
          else data.putShort((short) s.units()[j]);
        }
        heapObject(objects, 1 + pass * n + i, data.array());
      }
    }
    heapObject(objects, 0, new byte[0]);  // free space: ends the collection
    ByteBuffer b = ByteBuffer.allocate((int) heapAddress + 16 + objects.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.put(old);
    b.position((int) heapAddress);
    b.put("GCOL".getBytes()).put((byte) 1).put(new byte[3]).putLong(16 + objects.size()).put(objects.toByteArray());
    for (int i = 0; i < n; i++) {
      b.position((int) timesData + 16 * i);
      b.putInt(samples.get(i).size()).putLong(heapAddress).putInt(1 + i);
      b.position((int) unitsData + 16 * i);
      b.putInt(samples.get(i).size()).putLong(heapAddress).putInt(1 + n + i);
    }
    patchHeader(b, (int) timesHeader, n, FLOAT32);
    patchHeader(b, (int) unitsHeader, n, UINT16);
    b.putLong(28, b.capacity());  // superblock v2: end-of-file address, then its checksum over bytes 0..43
    b.putInt(44, JenkinsLookup3HashLittle.hash(java.util.Arrays.copyOf(b.array(), 44)));
    Files.write(file, b.array());
  }

  private static void heapObject(ByteArrayOutputStream out, int index, byte[] data) {
    int padded = (data.length + 7) / 8 * 8;
    ByteBuffer o = ByteBuffer.allocate(16 + padded).order(ByteOrder.LITTLE_ENDIAN);
    o.putShort((short) index).putShort((short) (index == 0 ? 0 : 1)).putInt(0).putLong(index == 0 ? 16 : data.length);
    o.put(data);
    out.writeBytes(o.array());
  }

  /** Rewrites the messages of the version-2 object header at {@code at} (see the class comment). */
  private static void patchHeader(ByteBuffer b, int at, int n, byte[] baseType) {
    if (b.get(at) != 'O' || b.get(at + 3) != 'R' || b.get(at + 4) != 2) throw new IllegalStateException("no OHDR v2");
    int flags = b.get(at + 5);
    int pos = at + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int sizeBytes = 1 << (flags & 3);
    long chunk = sizeBytes == 1 ? b.get(pos) & 0xff : sizeBytes == 2 ? b.getShort(pos) & 0xffff : b.getInt(pos);
    pos += sizeBytes;
    int end = pos + (int) chunk;
    int header = 4 + ((flags & 0x04) != 0 ? 2 : 0);
    while (pos + header <= end) {
      int type = b.get(pos) & 0xff;
      int size = b.getShort(pos + 1) & 0xffff;
      int body = pos + header;
      if (type == 1) {  // dataspace v2: version, rank, flags, type, dims
        b.putLong(body + 4, n);
        if ((b.get(body + 2) & 1) != 0) b.putLong(body + 12, n);
      } else if (type == 3) {
        b.put(pos, (byte) 0);  // the int64 datatype becomes a NIL message
      } else if (type == 0x0C) {  // the padding attribute becomes the vlen datatype + a NIL filler
        int dt = 8 + baseType.length;
        b.put(pos, (byte) 3).putShort(pos + 1, (short) dt).put(pos + 3, (byte) 1);
        b.put(body, (byte) 0x19).put(body + 1, (byte) 0).put(body + 2, (byte) 0).put(body + 3, (byte) 0)
            .putInt(body + 4, 16);
        b.put(body + 8, baseType);
        int nil = body + dt;
        b.put(nil, (byte) 0).putShort(nil + 1, (short) (size - dt - header)).put(nil + 3, (byte) 0);
      }
      pos = body + size;
    }
    b.putInt(end, JenkinsLookup3HashLittle.hash(java.util.Arrays.copyOfRange(b.array(), at, end)));
  }
}
