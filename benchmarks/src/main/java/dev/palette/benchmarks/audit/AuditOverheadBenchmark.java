package dev.palette.benchmarks.audit;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.dsl.TeamResource;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditOutcome;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What auditing adds to a mutating call, on the memory store: {@code teamUpdate} is a whole
 * {@code teams().withName(..).addMember/removeMember} call (authorize, read, write, audit), and
 * {@code auditAppend} is the audit append it contains, alone, with an event of the same shape. The
 * overhead is {@code auditAppend / (teamUpdate - auditAppend)}; the target is 10 %.
 *
 * <p>Each iteration runs a batch of {@value #BATCH} calls on fresh stores and scores the whole batch
 * (divide by the batch size for one call): the memory store keeps every audit event, so unbounded
 * iterations would measure the garbage collector rather than the call.
 *
 * <p>The heap is committed and touched up front ({@code -Xms2g -XX:+AlwaysPreTouch}): otherwise
 * the heap grows during the run and an iteration that allocates into pages never touched before
 * pays a page fault per 4 KiB (very dear in a VM), which made {@code auditAppend} bimodal, about
 * 2 or 10 µs a call, depending only on where the heap happened to be in its growth.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar AuditOverhead}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, batchSize = AuditOverheadBenchmark.BATCH)
@Measurement(iterations = 20, batchSize = AuditOverheadBenchmark.BATCH)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class AuditOverheadBenchmark {
  static final int BATCH = 20_000;

  private Palette palette;
  private TeamResource team;
  private AuditTrail trail;
  private boolean member;

  @Setup(Level.Iteration)
  public void start() {
    palette = Palette.builder().store(new MemoryStateStore()).discoverProviders(false).build();
    ClusterMode cm = palette.clusterMode();
    cm.users().create(u -> u.name("alice"));
    cm.teams().create(t -> t.name("ml-team"));
    team = cm.teams().withName("ml-team");
    trail = new AuditTrail(new MemoryStateStore(), Clock.systemUTC());
  }

  @TearDown(Level.Iteration)
  public void stop() {
    palette.close();
  }

  @Benchmark
  public Object teamUpdate() {
    member = !member;
    return member ? team.addMember("alice") : team.removeMember("alice");
  }

  @Benchmark
  public Object auditAppend() {
    return trail.append(Principal.TENANT_ADMIN, AuditAction.UPDATE, "team.update", "Team", "ml-team", "",
        AuditOutcome.SUCCESS, "added alice to team ml-team");
  }
}
