package org.taunet.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The project's one JSON configuration: a shared Jackson {@link ObjectMapper} with indented output
 * (records, maps, lists and primitives are supported as they are; no extra modules). Reading is strict:
 * unknown properties are an error, so a typo in a config is caught rather than ignored. Non-finite
 * doubles are written as the strings "NaN", "Infinity", "-Infinity" and read back as doubles.
 * Every file is written atomically ({@link AtomicFiles}) and ends with a newline.
 */
public final class Json {
  private Json() {}

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** The shared mapper. Thread-safe; do not reconfigure it (use {@code mapper().copy()} for that). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Pretty-printed JSON text of {@code value}, with a trailing newline. */
  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /** JSON text of {@code value} on one line, without a trailing newline (a request line, a binary header). */
  public static String line(Object value) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /** Atomically writes {@code value} as pretty-printed JSON to {@code file}. */
  public static void write(Path file, Object value) throws IOException {
    AtomicFiles.write(file, out -> {
      MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .writeValue(out, value);
      out.write('\n');
    });
  }

  /** Reads {@code file} as a {@code type}; the exception names the file on any problem. */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not a valid " + type.getSimpleName() + " (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** Reads {@code file} as a JSON tree. */
  public static JsonNode readTree(Path file) throws IOException {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }
}
