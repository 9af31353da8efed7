package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.palette.ClusterMode;
import dev.palette.ManualClock;
import dev.palette.Palette;
import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.core.cost.CostService;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.QuotaExceededException;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.model.CostGroup;
import dev.palette.model.CostLine;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.Metadata;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.NodeState;
import dev.palette.model.RateCard;
import dev.palette.spi.RecordQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one store: nothing either keeps in its JVM may contradict the other. The audit
 * chain, the tenant limits and the usage ledger live in store records changed by compare-and-set.
 */
class TwoEnginesTest {
  private final MemoryStateStore shared = new MemoryStateStore();
  private final List<Palette> palettes = new ArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void close() {
    pool.shutdownNow();
    palettes.forEach(Palette::close);
  }

  private ClusterMode engine() {
    Palette palette = Palette.builder().store(shared).discoverProviders(false).build();
    palettes.add(palette);
    return palette.clusterMode();
  }

  @Test
  void twoHundredAuditedChangesFromEachEngineLeaveOneIntactChainOfFourHundred() throws Exception {
    ClusterMode first = engine();
    ClusterMode second = engine();
    List<Callable<?>> changes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String a = "first-" + i;
      String b = "second-" + i;
      changes.add(() -> first.users().create(u -> u.name(a)));
      changes.add(() -> second.users().create(u -> u.name(b)));
    }

    assertThat(race(changes, 8)).isEqualTo(400);

    List<Long> oneToFourHundred = LongStream.rangeClosed(1, 400).boxed().toList();
    for (ClusterMode engine : List.of(first, second)) {
      assertThat(engine.audit().query(AuditQuery.builder().build()))
          .extracting(AuditEvent::sequence).isEqualTo(oneToFourHundred);
      assertThat(engine.audit().verify()).isEqualTo(new AuditVerification(400, 0, ""));
    }
  }

  @Test
  void closingOneEngineLeavesTheSharedStoreAndTheOtherEngineWorking() {
    ClusterMode first = engine();
    ClusterMode second = engine();
    first.users().create(u -> u.name("before"));
    palettes.remove(0).close();

    second.users().create(u -> u.name("after"));
    java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
    var watch = second.users().watch(e -> heard.incrementAndGet());
    try {
      second.users().create(u -> u.name("watched"));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> heard.get() >= 1);
    } finally {
      watch.close();
    }
    assertThat(second.users().list()).extracting(u -> u.name()).contains("before", "after", "watched");
    assertThat(second.audit().verify().intact()).isTrue();
  }

  @Test
  void fiftyCreatesRacingFromBothEnginesAgainstALimitOfThirtyLeaveExactlyThirty() throws Exception {
    ClusterMode first = engine();
    ClusterMode second = engine();
    first.tenant().updateLimits(l -> l.projects(30));
    List<Callable<?>> creates = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ClusterMode engine = i % 2 == 0 ? first : second;
      String name = "p-" + i;
      creates.add(() -> engine.projects().create(p -> p.name(name)));
    }

    assertThat(race(creates, creates.size())).isEqualTo(30);

    assertThat(first.projects().list()).hasSize(30);
    assertThat(second.projects().list()).hasSize(30);
    assertThat(second.audit().verify().intact()).isTrue();
  }

  @Test
  void aClusterObservedByTheLedgersOfTwoEnginesIsCountedOnce() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
    CostService first = new CostService(shared, new InstanceCatalog(account -> {}), clock);
    CostService second = new CostService(shared, new InstanceCatalog(account -> {}), clock);
    first.updateRateCard(RateCard.builder()
        .putInstanceHourly("colo", Map.of("colo.large", new BigDecimal("1.00"))).build());
    HostCluster web = cluster(List.of(running("w-1"), running("w-2")));

    // Both engines' controllers see every status write, in any order, at once.
    List<Callable<?>> observations = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      CostService costs = i % 2 == 0 ? first : second;
      observations.add(() -> {
        costs.observe(web);
        return null;
      });
    }
    race(observations, observations.size());
    clock.set(Instant.parse("2026-03-02T11:00:00Z"));
    // w-1 stops; each engine sees it, and both then see it start again.
    first.observe(cluster(List.of(running("w-2"))));
    second.observe(cluster(List.of(running("w-2"))));
    clock.set(Instant.parse("2026-03-02T11:30:00Z"));
    race(List.of(() -> {
      second.observe(web);
      return null;
    }, () -> {
      first.observe(web);
      return null;
    }), 2);
    clock.set(Instant.parse("2026-03-02T12:00:00Z"));
    first.clusterGone(web.metadata().id());
    second.clusterGone(web.metadata().id());

    // w-1 10:00-11:00 and 11:30-12:00, w-2 10:00-12:00: 3.5 node-hours at 1.00, counted once.
    for (CostService costs : List.of(first, second)) {
      assertThat(costs.report(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"),
          CostGroup.CLUSTER, p -> true).lines())
          .extracting(CostLine::group, CostLine::compute)
          .containsExactly(tuple("shop/web", new BigDecimal("3.50")));
    }
    assertThat(shared.list(RecordQuery.all("UsageSegment")).records()).hasSize(3);
  }

  private static NodeInfo running(String name) {
    return NodeInfo.builder().name(name).pool("w").instanceType("colo.large").cpu(4).memoryMiB(16_384)
        .state(NodeState.RUNNING).build();
  }

  private static HostCluster cluster(List<NodeInfo> nodes) {
    Instant created = Instant.parse("2026-03-02T00:00:00Z");
    return HostCluster.builder()
        .metadata(Metadata.builder().kind(HostCluster.KIND).id("shop-web").name("web").project("shop")
            .createdAt(created).updatedAt(created).build())
        .spec(HostClusterSpec.builder().name("web").cloudType("colo").cloudAccount("colo")
            .nodePools(List.of(NodePoolSpec.builder().name("w").size(2).instanceType("colo.large").diskGiB(0).build()))
            .build())
        .status(HostClusterStatus.builder().nodes(nodes).build())
        .build();
  }

  /**
   * Runs the tasks on {@code parallel} threads, all released at once by one barrier, and returns
   * how many returned normally; a task may fail only by exceeding the tenant limit.
   */
  private int race(List<Callable<?>> tasks, int parallel) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(parallel);
    AtomicInteger succeeded = new AtomicInteger();
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < parallel; t++) {
      int first = t;
      threads.add(pool.submit(() -> {
        barrier.await(30, TimeUnit.SECONDS);
        for (int i = first; i < tasks.size(); i += parallel) {
          try {
            tasks.get(i).call();
            succeeded.incrementAndGet();
          } catch (QuotaExceededException e) {
            // The limit refused it; the caller counts how many got through.
          }
        }
        return null;
      }));
    }
    for (Future<?> thread : threads) {
      thread.get(60, TimeUnit.SECONDS);
    }
    return succeeded.get();
  }
}
