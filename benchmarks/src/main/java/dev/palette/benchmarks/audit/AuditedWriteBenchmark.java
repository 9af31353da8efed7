package dev.palette.benchmarks.audit;

import dev.palette.Principal;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.store.directory.DirectoryStateStore;
import dev.palette.model.AuditAction;
import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audited against plain durable writes on the directory store, with 8 writer threads:
 * {@code plainWrite} creates a record; {@code auditedWrite} creates the same record through
 * {@link AuditTrail#appendAfter}, as the front door does: stamp, record write, and the event
 * queued for the trail's background appender (one head compare-and-set per batch, the batch's
 * event writes sharing a group commit). The queue holds at most a few thousand events, so a
 * writer outrunning the appender waits, and the figure is the rate the trail sustains; the
 * teardown stores what is still queued. The target is {@code auditedWrite} at least 70 % of
 * {@code plainWrite}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AuditedWrite}; {@code
 * -Dpalette.bench.dir=...} (passed with {@code -jvmArgsAppend}) picks the disk measured, since a
 * RAM-backed tmpdir would flatter fsync.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class AuditedWriteBenchmark {
  private static final String BODY = "{\"metadata\":{\"kind\":\"Team\"},\"spec\":{\"name\":\"bench\","
      + "\"members\":[\"alice\",\"bob\",\"carol\"],\"description\":\"a team of the size teams are\"}}";

  /** One store and one trail shared by every writer thread, fresh for each trial. */
  @State(Scope.Benchmark)
  public static class Store {
    Path dir;
    DirectoryStateStore store;
    AuditTrail trail;

    @Setup(Level.Trial)
    public void open() throws IOException {
      Path base = Path.of(System.getProperty("palette.bench.dir", System.getProperty("java.io.tmpdir")));
      dir = Files.createTempDirectory(base, "palette-audited-write-bench");
      store = DirectoryStateStore.open(dir);
      trail = new AuditTrail(store, Clock.systemUTC(), java.util.Set.of());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      trail.close();
      store.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  /** A writer's own id prefix and counter, so writers never conflict on a record. */
  @State(Scope.Thread)
  public static class Writer {
    final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    long next;

    StoredRecord record() {
      String id = prefix + next++;
      return new StoredRecord("Team", id, "", id, Map.of(), 0, BODY);
    }
  }

  @Benchmark
  public StoredRecord plainWrite(Store s, Writer w) {
    return s.store.create(w.record());
  }

  @Benchmark
  public StoredRecord auditedWrite(Store s, Writer w) {
    StoredRecord record = w.record();
    return s.trail.appendAfter(Principal.TENANT_ADMIN, AuditAction.CREATE, "team.create", "Team",
        record.name(), "", stamp -> {
          StoredRecord written = s.store.create(record);
          return new AuditTrail.Change<>(written, written.id(), "created team " + written.name());
        });
  }
}
