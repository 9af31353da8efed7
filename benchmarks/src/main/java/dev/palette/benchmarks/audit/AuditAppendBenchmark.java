package dev.palette.benchmarks.audit;

import dev.palette.Principal;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditOutcome;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost one audited call pays for its audit event: hash, JSON encoding and the store write of
 * {@link AuditTrail#append} on the memory store. The target is at most 10 % of a mutating call.
 * The benchmark jar logs through slf4j-nop, so the log line's cost is not included.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AuditAppendBenchmark -wi 2 -i 3 -w 2s -r 3s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Thread)
public class AuditAppendBenchmark {
  // A fresh store every so often keeps the heap bounded; its cost is amortized to nothing.
  private static final int EVENTS_PER_STORE = 100_000;
  private static final Principal ACTOR = Principal.user("alice");

  private static final String BODY = "{\"sequence\":1,\"time\":\"2026-11-26T01:02:32.123456Z\","
      + "\"actor\":\"alice\",\"actorType\":\"user\",\"action\":\"UPDATE\","
      + "\"permission\":\"cluster.update\",\"resourceKind\":\"HostCluster\","
      + "\"resourceName\":\"gpu-1\",\"project\":\"ml-modeling\",\"outcome\":\"SUCCESS\","
      + "\"message\":\"updated HostCluster ml-modeling/gpu-1\",\"previousHash\":\""
      + "0".repeat(64) + "\",\"hash\":\"" + "0".repeat(64) + "\"}";

  private MemoryStateStore store;
  private AuditTrail trail;
  private int appended;

  @Setup(Level.Iteration)
  public void freshTrail() {
    store = new MemoryStateStore();
    trail = new AuditTrail(store, Clock.systemUTC());
    appended = 0;
  }

  /** The memory store write alone, with a body of the same size, for comparison. */
  @Benchmark
  public StoredRecord storeCreateBaseline() {
    if (++appended == EVENTS_PER_STORE) {
      freshTrail();
    }
    String name = Long.toString(appended);
    return store.create(new StoredRecord("AuditEvent", "audit-" + name + "-" + store.revision(),
        "ml-modeling", name + "-" + store.revision(), Map.of(), 0, BODY));
  }

  @Benchmark
  public AuditEvent append() {
    if (++appended == EVENTS_PER_STORE) {
      freshTrail();
    }
    return trail.append(ACTOR, AuditAction.UPDATE, "cluster.update", "HostCluster", "gpu-1",
        "ml-modeling", AuditOutcome.SUCCESS, "updated HostCluster ml-modeling/gpu-1");
  }
}
