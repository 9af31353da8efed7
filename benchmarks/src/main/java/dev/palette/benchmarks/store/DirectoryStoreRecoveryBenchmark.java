package dev.palette.benchmarks.store;

import dev.palette.core.store.directory.DirectoryStateStore;
import java.nio.file.Path;
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

/**
 * Time to reopen a store of 100,000 records (single shot): lock, load the snapshot, replay the log.
 * With {@code snapshotThreshold=10000} most records come from a snapshot and at most 10,000 from
 * the log; with {@code 1000000} no snapshot was written and all 100,000 are replayed from the log.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DirectoryStoreRecovery -f 1 -wi 1 -i 5}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class DirectoryStoreRecoveryBenchmark {
  static final int RECORDS = 100_000;

  @Param({"10000", "1000000"})
  public int snapshotThreshold;

  Path dir;
  DirectoryStateStore reopened;

  @Setup(Level.Trial)
  public void prepare() {
    dir = StoreFiles.scratch("palette-recovery-bench");
    // Preparation need not be durable; what is measured is reading it back.
    DirectoryStateStore.Options options = DirectoryStateStore.Options.defaults()
        .withSnapshotThreshold(snapshotThreshold).withFsync(false);
    try (DirectoryStateStore store = DirectoryStateStore.open(dir, options)) {
      for (int i = 0; i < RECORDS; i++) {
        store.create(StoreFiles.record("cluster-" + i));
      }
    }
  }

  @Benchmark
  public long reopen() {
    reopened = DirectoryStateStore.open(dir,
        DirectoryStateStore.Options.defaults().withSnapshotThreshold(snapshotThreshold));
    return reopened.revision();
  }

  @TearDown(Level.Invocation)
  public void closeReopened() {
    if (reopened != null) {
      if (reopened.revision() != RECORDS) {
        throw new IllegalStateException("reopened at revision " + reopened.revision()
            + " instead of " + RECORDS);
      }
      reopened.close();
      reopened = null;
    }
  }

  @TearDown(Level.Trial)
  public void cleanUp() {
    StoreFiles.delete(dir);
  }
}
