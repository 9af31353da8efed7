package dev.palette.core.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The engine's one Jackson mapper: records, audit events, usage segments and settings are all
 * written by it, as JSON with ISO-8601 times. Building a mapper loads several hundred classes, so
 * {@link #warmUp()} starts that on a background thread while the engine starts.
 */
public final class Json {
  private Json() {}

  private static final class Holder {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The shared mapper; thread-safe. The first call waits for the mapper to be built. */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  /** Builds the mapper on a daemon thread, so the first record write finds it ready. */
  public static void warmUp() {
    Thread t = new Thread(() -> {
      mapper().writerFor(dev.palette.model.Metadata.class);
    }, "palette-json-warmup");
    t.setDaemon(true);
    t.start();
  }
}
