package dev.palette.benchmarks.store;

import dev.palette.core.store.directory.DirectoryStateStore;
import dev.palette.spi.StoredRecord;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable writes per second with concurrent writers: each thread creates its own records, every
 * create returns only after its log entry is flushed, and group commit lets writers that wait at
 * the same time share one flush. {@code oneWriter} is the fsync-bound baseline; {@code eightWriters}
 * shows what sharing flushes buys (the audited-write target compares 8 writers);
 * {@code durableCreate} runs 32. Snapshots happen in the background at the default threshold, as
 * in production.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DirectoryStoreWrite -f 1 -wi 2 -i 3}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(32)
public class DirectoryStoreWriteBenchmark {

  /** One store shared by every writer thread. */
  @State(Scope.Benchmark)
  public static class Store {
    /** Whether writes are flushed; {@code -p fsync=false} shows the cost without the disk. */
    @Param({"true"})
    boolean fsync;

    Path dir;
    DirectoryStateStore store;

    @Setup(Level.Trial)
    public void open() {
      dir = StoreFiles.scratch("palette-write-bench");
      store = DirectoryStateStore.open(dir, DirectoryStateStore.Options.defaults().withFsync(fsync));
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
      StoreFiles.delete(dir);
    }
  }

  /** A writer's own id prefix and counter, so writers never conflict. */
  @State(Scope.Thread)
  public static class Writer {
    final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    long next;
  }

  @Benchmark
  public StoredRecord durableCreate(Store s, Writer w) {
    return s.store.create(StoreFiles.record(w.prefix + w.next++));
  }

  @Benchmark
  @Threads(1)
  public StoredRecord oneWriter(Store s, Writer w) {
    return s.store.create(StoreFiles.record(w.prefix + w.next++));
  }

  @Benchmark
  @Threads(8)
  public StoredRecord eightWriters(Store s, Writer w) {
    return s.store.create(StoreFiles.record(w.prefix + w.next++));
  }
}
