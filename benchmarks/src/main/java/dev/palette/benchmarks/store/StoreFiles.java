package dev.palette.benchmarks.store;

import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Helpers shared by the store benchmarks: sample records and scratch directories. */
final class StoreFiles {
  /** A body the size of a typical host cluster record (about 600 bytes of JSON). */
  static final String BODY = sampleBody();

  private StoreFiles() {}

  static StoredRecord record(String id) {
    return new StoredRecord("HostCluster", id, "bench", id,
        Map.of("palette.dev/cloud", "sandbox", "env", "bench"), 0, BODY);
  }

  static Path scratch(String prefix) {
    try {
      // -Dpalette.bench.dir picks the disk measured; a RAM-backed tmpdir would flatter fsync.
      Path base = Path.of(System.getProperty("palette.bench.dir",
          System.getProperty("java.io.tmpdir")));
      return Files.createTempDirectory(base, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sampleBody() {
    StringBuilder b = new StringBuilder("{\"spec\":{\"cloudType\":\"sandbox\",\"nodePools\":[");
    for (int i = 0; i < 4; i++) {
      b.append(i == 0 ? "" : ",").append("{\"name\":\"pool-").append(i)
          .append("\",\"instanceType\":\"sandbox.large\",\"size\":3,\"labels\":{\"role\":\"worker\"}}");
    }
    b.append("]},\"status\":{\"phase\":\"RUNNING\",\"progress\":100,\"message\":\"all nodes ready\","
        + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"},"
        + "{\"type\":\"ControlPlaneReady\",\"status\":\"True\"}],\"observedGeneration\":1}}");
    return b.toString();
  }
}
