package org.taunet.run;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files atomically: the content goes to a temporary file in the same directory
 * ({@code .NAME.RANDOM.tmp}), which is flushed and forced to disk, then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} and {@link StandardCopyOption#REPLACE_EXISTING}, and the
 * directory is forced so the rename itself is durable. Readers therefore see either the old complete
 * file or the new complete file, never a partial one, even if the process is killed mid-write. On any
 * failure (including a RuntimeException or Error from the writer) the temporary file is deleted and
 * the old target, if any, is left untouched. A process killed mid-write can leave a stray
 * {@code .NAME.*.tmp}; {@link #isTemporary(Path)} recognises those.
 *
 * <p>Parent directories are created as needed. Temporary files are created with the default
 * permissions (umask), not the owner-only ones of {@link Files#createTempFile}.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  private static final int BUFFER = 1 << 16;
  private static final String TMP_SUFFIX = ".tmp";

  /** A consumer that may throw IOException. */
  @FunctionalInterface
  public interface IOConsumer<T> {
    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
  }

  /** Atomically replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Atomically replaces {@code target} with {@code text} in UTF-8. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Atomically replaces {@code target} with what {@code writer} writes to the (buffered) stream it is
   * given. The writer may close the stream or not; closing it only flushes. The target is replaced only
   * if the writer returns normally.
   */
  public static void write(Path target, IOConsumer<OutputStream> writer) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = createTemp(dir, abs.getFileName().toString());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream buffered = new NonClosingStream(Channels.newOutputStream(ch), BUFFER);
        writer.accept(buffered);
        buffered.flush();
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Throwable failure) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      if (failure instanceof IOException io) throw naming(io, abs);
      throw failure;
    }
    forceDirectory(dir);
  }

  /**
   * {@code e} if its message already names {@code target}, else an IOException that does ("writing FILE: no space
   * left on device; free space on that file system or write elsewhere"), with {@code e} as the cause.
   */
  static IOException naming(IOException e, Path target) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains(target.toString()) || e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
      return e;
    }
    boolean full = msg.toLowerCase(java.util.Locale.ROOT).contains("no space left");
    IOException named = new IOException("writing " + target + ": " + (full
        ? "no space left on device; free space on that file system or choose another folder" : msg), e);
    return named;
  }

  /** Whether {@code file} is named like a temporary file of this class ({@code .NAME.RANDOM.tmp}). */
  public static boolean isTemporary(Path file) {
    String n = file.getFileName().toString();
    return n.startsWith(".") && n.endsWith(TMP_SUFFIX) && n.length() > 1 + TMP_SUFFIX.length();
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    while (true) {
      String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
      Path tmp = dir.resolve("." + name + "." + random + TMP_SUFFIX);
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException taken) {
        // another writer drew the same name: draw again
      }
    }
  }

  /** Makes a rename in {@code dir} durable; not every platform can open a directory, so best effort. */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // e.g. Windows: directories cannot be opened; the rename is still atomic
    }
  }

  /** A buffered stream whose close() only flushes, so writers may use try-with-resources. */
  private static final class NonClosingStream extends FilterOutputStream {
    private final byte[] buf;
    private int count;

    NonClosingStream(OutputStream out, int size) {
      super(out);
      this.buf = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
      if (count == buf.length) drain();
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len >= buf.length) {
        drain();
        out.write(b, off, len);
        return;
      }
      if (len > buf.length - count) drain();
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void drain() throws IOException {
      if (count > 0) out.write(buf, 0, count);
      count = 0;
    }

    @Override
    public void flush() throws IOException {
      drain();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
