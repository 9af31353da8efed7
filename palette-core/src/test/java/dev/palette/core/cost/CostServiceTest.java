package dev.palette.core.cost;

import static dev.palette.core.cost.CostFixtures.COLO;
import static dev.palette.core.cost.CostFixtures.COLO_TYPES;
import static dev.palette.core.cost.CostFixtures.SANDBOX_TYPES;
import static dev.palette.core.cost.CostFixtures.account;
import static dev.palette.core.cost.CostFixtures.at;
import static dev.palette.core.cost.CostFixtures.cluster;
import static dev.palette.core.cost.CostFixtures.inAccount;
import static dev.palette.core.cost.CostFixtures.node;
import static dev.palette.core.cost.CostFixtures.pool;
import static dev.palette.core.cost.CostFixtures.running;
import static dev.palette.core.cost.CostFixtures.withNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.palette.ManualClock;
import dev.palette.core.cloudaccount.CatalogFixtures;
import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.core.store.directory.DirectoryStateStore;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.CostGroup;
import dev.palette.model.CostLine;
import dev.palette.model.CostReport;
import dev.palette.model.HostCluster;
import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodeState;
import dev.palette.model.RateCard;
import dev.palette.model.UnitPrices;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostServiceTest {
  private static final Instant DAY_START = at("00:00");
  private static final Instant DAY_END = DAY_START.plusSeconds(24 * 3600);

  private final ManualClock clock = new ManualClock(at("08:00"));
  private final StateStore store = new MemoryStateStore();
  // Accounts the catalog was asked to fetch because a lookup missed.
  private final Set<String> misses = ConcurrentHashMap.newKeySet();
  private final InstanceCatalog catalog = listing(new InstanceCatalog(misses::add));

  // What the catalog controller caches for an account of each cloud, standing in for it.
  private static InstanceCatalog listing(InstanceCatalog catalog) {
    CatalogFixtures.cache(catalog, "sandbox", "sandbox-account", "", SANDBOX_TYPES);
    CatalogFixtures.cache(catalog, COLO, "colo-account", "", COLO_TYPES);
    return catalog;
  }

  private CostService service() {
    return new CostService(store, catalog, clock);
  }

  private static CostLine line(String group, String compute, String storage, String cpuCoreHours) {
    return CostLine.builder().group(group).compute(new BigDecimal(compute)).storage(new BigDecimal(storage))
        .cpuCoreHours(new BigDecimal(cpuCoreHours)).build();
  }

  private static UnitPrices coloUnits() {
    return UnitPrices.builder().cpuCoreHour(new BigDecimal("0.03")).memoryGiBHour(new BigDecimal("0.004"))
        .gpuHour(new BigDecimal("0.50")).storageGiBHour(new BigDecimal("0.0002")).build();
  }

  @Test
  void reportsAFixedDayByProjectClusterAndCloudAsComputedByHand() {
    CostService costs = service();
    costs.updateRateCard(RateCard.builder().putUnitPrice(COLO, coloUnits()).build());

    HostCluster etl = cluster("analytics", "etl", "sandbox",
        List.of(pool("control-plane", 1, "sandbox.medium", 60), pool("worker", 3, "sandbox.large", 60)),
        List.of(running("cp-1", "control-plane", "sandbox.medium"), running("worker-1", "worker", "sandbox.large"),
            running("worker-2", "worker", "sandbox.large"), running("worker-3", "worker", "sandbox.large")));
    HostCluster gpu = cluster("research", "gpu", "sandbox", List.of(pool("gpu", 2, "sandbox.gpu", 100)),
        List.of(running("gpu-1", "gpu", "sandbox.gpu"), node("gpu-2", "gpu", "sandbox.gpu", NodeState.PROVISIONING)));
    HostCluster onprem = cluster("research", "onprem", COLO, List.of(pool("metal", 1, "colo.16x64", 200)),
        List.of(running("metal-1", "metal", "colo.16x64")));

    clock.set(at("08:00"));
    costs.observe(onprem);
    clock.set(at("09:00"));
    costs.observe(gpu);
    clock.set(at("09:30"));
    costs.observe(withNodes(gpu, List.of(running("gpu-1", "gpu", "sandbox.gpu"), running("gpu-2", "gpu", "sandbox.gpu"))));
    clock.set(at("10:00"));
    costs.observe(etl);
    costs.observe(etl);
    clock.set(at("10:30"));
    costs.observe(etl);
    clock.set(at("11:30"));
    costs.observe(withNodes(gpu, List.of(node("gpu-1", "gpu", "sandbox.gpu", NodeState.DELETING),
        node("gpu-2", "gpu", "sandbox.gpu", NodeState.DELETING))));
    clock.set(at("12:00"));
    costs.clusterGone(onprem.metadata().id());
    clock.set(at("13:00"));
    costs.observe(withNodes(etl, etl.status().nodes().subList(0, 3)));
    clock.set(at("15:00"));
    costs.observe(withNodes(etl, List.of()));
    clock.set(at("18:00"));

    // Every node accrued exactly one segment despite the repeated observations.
    assertThat(store.list(RecordQuery.all(UsageSegment.KIND)).records()).hasSize(4 + 2 + 1);

    // analytics/etl, sandbox, 60 GiB disks:
    //   compute  medium 5 h x 0.10 = 0.50; large 2 x 5 h x 0.40 = 4.00; large 3 h x 0.40 = 1.20 -> 5.70
    //   storage  (5 + 5 + 5 + 3) node-h x 60 GiB = 1080 GiB-h x 0.000137 = 0.14796 -> 0.15
    //   cpu      4 x 5 + 8 x 5 + 8 x 5 + 8 x 3 = 124
    // research/gpu, sandbox, 100 GiB disks: gpu-1 09:00-11:30 (2.5 h), gpu-2 09:30-11:30 (2 h)
    //   compute  4.5 h x 1.20 = 5.40; storage 450 GiB-h x 0.000137 = 0.06165 -> 0.06; cpu 8 x 4.5 = 36
    // research/onprem, colo by units, 16 cores, 64 GiB, 1 GPU, 200 GiB, 08:00-12:00 (4 h)
    //   compute  (16 x 0.03 + 64 x 0.004 + 1 x 0.50) = 1.236 /h x 4 h = 4.944 -> 4.94
    //   storage  4 h x 200 GiB x 0.0002 = 0.16; cpu 16 x 4 = 64
    // research:  compute 5.40 + 4.944 = 10.344 -> 10.34; storage 0.06165 + 0.16 = 0.22165 -> 0.22; cpu 100
    // sandbox:   compute 5.70 + 5.40 = 11.10; storage 0.14796 + 0.06165 = 0.20961 -> 0.21; cpu 160
    CostReport byProject = costs.report(DAY_START, DAY_END, CostGroup.PROJECT, p -> true);
    assertThat(byProject.lines()).containsExactly(
        line("analytics", "5.70", "0.15", "124.00"),
        line("research", "10.34", "0.22", "100.00"));
    assertThat(byProject.total()).isEqualByComparingTo("16.41");

    CostReport byCluster = costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true);
    assertThat(byCluster.lines()).containsExactly(
        line("analytics/etl", "5.70", "0.15", "124.00"),
        line("research/gpu", "5.40", "0.06", "36.00"),
        line("research/onprem", "4.94", "0.16", "64.00"));

    CostReport byCloud = costs.report(DAY_START, DAY_END, CostGroup.CLOUD, p -> true);
    assertThat(byCloud.lines()).containsExactly(
        line("colo", "4.94", "0.16", "64.00"),
        line("sandbox", "11.10", "0.21", "160.00"));
    assertThat(byCloud.total()).isEqualByComparingTo("16.41");
    assertThat(byCloud.toTable()).contains("sandbox").contains("$11.31").contains("$16.41");

    // Host nodes are not virtual clusters.
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.VIRTUAL_CLUSTER, p -> true).lines()).isEmpty();
  }

  @Test
  void pricesACloudWithoutInstancePricesByCpuMemoryAndGpuUnits() {
    CostService costs = service();
    assertThat(costs.rateCard().instanceHourly()).doesNotContainKey(COLO);
    costs.updateRateCard(RateCard.builder().putUnitPrice(COLO, coloUnits()).build());

    HostCluster metal = cluster("lab", "metal", COLO, List.of(pool("metal", 1, "colo.16x64", 50)),
        List.of(running("metal-1", "metal", "colo.16x64")));
    clock.set(at("10:00"));
    costs.observe(metal);
    clock.set(at("12:30"));
    costs.clusterGone(metal.metadata().id());

    // 2.5 h x (16 x 0.03 + 65536/1024 x 0.004 + 1 x 0.50) = 2.5 x 1.236 = 3.09
    // storage 2.5 h x 50 GiB x 0.0002 = 0.025 -> 0.03 (half up); cpu 2.5 x 16 = 40
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("lab/metal", "3.09", "0.03", "40.00"));
  }

  @Test
  void unitPricesPrivateCloudsByDefaultAndPublishesTheCatalogsInstancePrices() {
    RateCard card = service().rateCard();

    assertThat(card.instanceHourly().get("sandbox"))
        .containsEntry("sandbox.small", new BigDecimal("0.05"))
        .containsEntry("sandbox.medium", new BigDecimal("0.10"))
        .containsEntry("sandbox.large", new BigDecimal("0.40"))
        .containsEntry("sandbox.gpu", new BigDecimal("1.20"));
    assertThat(card.unitPrices().get("sandbox").storageGiBHour()).isEqualByComparingTo("0.000137");
    assertThat(card.unitPrices().get("sandbox").cpuCoreHour()).isZero();
    for (String cloud : List.of("vsphere", "edge-native", "edge")) {
      UnitPrices units = card.unitPrices().get(cloud);
      assertThat(units.cpuCoreHour()).isPositive();
      assertThat(units.memoryGiBHour()).isPositive();
      assertThat(units.gpuHour()).isPositive();
      assertThat(units.storageGiBHour()).isEqualByComparingTo("0.000137");
    }
  }

  @Test
  void clipsSegmentsToTheWindowAndAccruesOpenSegmentsUpToNow() {
    CostService costs = service();
    HostCluster web = cluster("shop", "web", "sandbox",
        List.of(pool("a", 1, "sandbox.medium", 0), pool("b", 1, "sandbox.small", 0)),
        List.of(running("a-1", "a", "sandbox.medium")));
    clock.set(at("10:00"));
    costs.observe(web);
    clock.set(at("11:00"));
    costs.observe(withNodes(web, List.of(running("a-1", "a", "sandbox.medium"), running("b-1", "b", "sandbox.small"))));
    clock.set(at("12:00"));
    costs.observe(withNodes(web, List.of(running("b-1", "b", "sandbox.small"))));
    clock.set(at("13:00"));

    // a-1 10:00-12:00 cut to 11:30-12:00: 0.5 h x 0.10 = 0.05
    // b-1 open since 11:00, cut to 11:30-now 13:00: 1.5 h x 0.05 = 0.075 -> total 0.125 -> 0.13
    // cpu 0.5 h x 4 + 1.5 h x 2 = 5
    assertThat(costs.report(at("11:30"), at("14:00"), CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("shop/web", "0.13", "0.00", "5.00"));

    clock.set(at("13:30"));
    // b-1 now 2 h: 0.10, with a-1 0.05 -> 0.15; cpu 2 + 2 h x 2 = 6
    assertThat(costs.report(at("11:30"), at("14:00"), CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("shop/web", "0.15", "0.00", "6.00"));
    // A window before anything ran, and one starting after now, hold nothing.
    assertThat(costs.report(at("08:00"), at("10:00"), CostGroup.CLUSTER, p -> true).lines()).isEmpty();
    assertThat(costs.report(at("14:00"), at("15:00"), CostGroup.CLUSTER, p -> true).lines()).isEmpty();
  }

  @Test
  void continuesOpenSegmentsAfterARestartOverTheSameDirectory(@TempDir Path dir) {
    HostCluster web = cluster("shop", "web", "sandbox", List.of(pool("w", 2, "sandbox.medium", 60)),
        List.of(running("w-1", "w", "sandbox.medium"), running("w-2", "w", "sandbox.medium")));
    clock.set(at("10:00"));
    try (DirectoryStateStore first = DirectoryStateStore.open(dir)) {
      new CostService(first, catalog, clock).observe(web);
    }

    try (DirectoryStateStore second = DirectoryStateStore.open(dir)) {
      CostService costs = new CostService(second, catalog, clock);
      clock.set(at("11:00"));
      costs.observe(web);
      assertThat(second.list(RecordQuery.all(UsageSegment.KIND)).records()).hasSize(2);

      clock.set(at("12:00"));
      costs.observe(withNodes(web, List.of(running("w-2", "w", "sandbox.medium"))));
      clock.set(at("12:30"));
      // w-1 10:00-12:00 closed, w-2 open 10:00-now: 4.5 h x 0.10 = 0.45; 270 GiB-h x 0.000137 = 0.03699
      assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
          .containsExactly(line("shop/web", "0.45", "0.04", "18.00"));

      clock.set(at("14:00"));
      costs.clusterGone(web.metadata().id());
    }

    try (DirectoryStateStore third = DirectoryStateStore.open(dir)) {
      CostService costs = new CostService(third, catalog, clock);
      clock.set(at("20:00"));
      // w-2 closed at 14:00 stays closed: 2 h + 4 h = 6 h x 0.10 = 0.60; 360 GiB-h -> 0.04932 -> 0.05
      assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
          .containsExactly(line("shop/web", "0.60", "0.05", "24.00"));
      assertThat(third.list(RecordQuery.all(UsageSegment.KIND)).records())
          .allSatisfy(r -> assertThat(r.labels()).doesNotContainKey(CostService.OPEN_LABEL));
    }
  }

  @Test
  void rejectsNegativePricesNamingEveryField() {
    CostService costs = service();
    RateCard bad = RateCard.builder()
        .putInstanceHourly("aws", Map.of("m5.large", new BigDecimal("-0.096"), "m5.xlarge", new BigDecimal("0.192")))
        .putUnitPrice("vsphere", UnitPrices.builder().cpuCoreHour(new BigDecimal("-0.01"))
            .gpuHour(new BigDecimal("-1")).storageGiBHour(new BigDecimal("0.0001")).build())
        .build();

    assertThatThrownBy(() -> costs.updateRateCard(bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field)
            .containsExactly("instanceHourly.aws.m5.large", "unitPrices.vsphere.cpuCoreHour",
                "unitPrices.vsphere.gpuHour"))
        .hasMessageContaining("-0.096");
    assertThat(costs.overrides()).isEqualTo(RateCard.builder().build());
    assertThat(store.list(RecordQuery.all(CostService.RATE_CARD_KIND)).records()).isEmpty();
  }

  @Test
  void keepsRateCardOverridesAcrossAReopen(@TempDir Path dir) {
    RateCard overrides = RateCard.builder()
        .putInstanceHourly("sandbox", Map.of("sandbox.large", new BigDecimal("0.35")))
        .putUnitPrice("vsphere", UnitPrices.builder().cpuCoreHour(new BigDecimal("0.02"))
            .memoryGiBHour(new BigDecimal("0.003")).storageGiBHour(new BigDecimal("0.0001")).build())
        .build();
    try (DirectoryStateStore first = DirectoryStateStore.open(dir)) {
      RateCard effective = new CostService(first, catalog, clock).updateRateCard(overrides);
      assertThat(effective.instanceHourly().get("sandbox"))
          .containsEntry("sandbox.large", new BigDecimal("0.35"))
          .containsEntry("sandbox.medium", new BigDecimal("0.10"));
      // A second update replaces the stored record rather than adding one.
      new CostService(first, catalog, clock).updateRateCard(overrides);
    }

    try (DirectoryStateStore second = DirectoryStateStore.open(dir)) {
      CostService costs = new CostService(second, catalog, clock);
      assertThat(costs.overrides()).isEqualTo(overrides);
      RateCard card = costs.rateCard();
      assertThat(card.instanceHourly().get("sandbox").get("sandbox.large")).isEqualByComparingTo("0.35");
      assertThat(card.unitPrices().get("vsphere").cpuCoreHour()).isEqualByComparingTo("0.02");
      assertThat(card.unitPrices().get("vsphere").gpuHour()).isZero();
      assertThat(card.unitPrices().get("edge-native").cpuCoreHour()).isEqualByComparingTo("0.033174");

      HostCluster big = cluster("ml", "big", "sandbox", List.of(pool("w", 1, "sandbox.large", 0)),
          List.of(running("w-1", "w", "sandbox.large")));
      clock.set(at("10:00"));
      costs.observe(big);
      clock.set(at("12:00"));
      // 2 h at the override 0.35 = 0.70
      assertThat(costs.report(DAY_START, DAY_END, CostGroup.PROJECT, p -> true).lines())
          .containsExactly(line("ml", "0.70", "0.00", "16.00"));
    }
  }

  @Test
  void showsOnlyTheProjectsTheCallerMaySee() {
    CostService costs = service();
    clock.set(at("10:00"));
    for (String project : List.of("alpha", "beta", "gamma")) {
      costs.observe(cluster(project, "c", "sandbox", List.of(pool("p", 1, "sandbox.small", 0)),
          List.of(running("n-1", "p", "sandbox.small"))));
    }
    clock.set(at("12:00"));

    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> !p.equals("beta")).lines())
        .extracting(CostLine::group)
        .containsExactly("alpha/c", "gamma/c");
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLOUD, "alpha"::equals).lines())
        .containsExactly(line("sandbox", "0.10", "0.00", "4.00"));
  }

  @Test
  void rejectsAWindowThatDoesNotEndAfterItStarts() {
    CostService costs = service();
    assertThatThrownBy(() -> costs.report(at("12:00"), at("12:00"), CostGroup.PROJECT, p -> true))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("to"));
    assertThatThrownBy(() -> costs.report(at("12:00"), at("11:00"), CostGroup.PROJECT, p -> true))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aSegmentTheLedgerClaimedButNeverCreatedIsCreatedAtTheNextObservation() {
    CostService costs = service();
    HostCluster web = cluster("shop", "web", "sandbox", List.of(pool("w", 1, "sandbox.small", 0)),
        List.of(running("w-1", "w", "sandbox.small")));
    clock.set(at("10:00"));
    costs.observe(web);
    // What a crash between naming the segment in the cluster's index and creating it leaves.
    StoredRecord segment = store.list(RecordQuery.all(UsageSegment.KIND)).records().get(0);
    store.delete(segment.kind(), segment.id(), segment.revision());

    clock.set(at("11:00"));
    costs.observe(web);
    clock.set(at("12:00"));

    // Accrued again from 11:00: 1 h x 0.05; cpu 1 h x 2
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("shop/web", "0.05", "0.00", "2.00"));
  }

  @Test
  void closesASegmentWhenTheNodeIsReplacedByAnotherInstanceType() {
    CostService costs = service();
    HostCluster web = cluster("shop", "web", "sandbox", List.of(pool("w", 1, "sandbox.small", 0)),
        List.of(running("w-1", "w", "sandbox.small")));
    clock.set(at("10:00"));
    costs.observe(web);
    clock.set(at("11:00"));
    costs.observe(withNodes(web, List.of(running("w-1", "w", "sandbox.large"))));
    clock.set(at("12:00"));

    // 1 h x 0.05 + 1 h x 0.40 = 0.45; cpu 2 + 8 = 10
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("shop/web", "0.45", "0.00", "10.00"));
  }

  @Test
  void costsAVirtualClusterBySegmentsOnItsHostsNodesTimesItsShare() throws Exception {
    HostCluster web = cluster("shop", "web", "sandbox", List.of(pool("w", 1, "sandbox.large", 60)),
        List.of(running("w-1", "w", "sandbox.large")));
    clock.set(at("10:00"));
    service().observe(web);
    // What a virtual cluster controller will write: a quarter of w-1, still open.
    UsageSegment quarter = UsageSegment.builder().id("vc-dev-w-1").clusterId(web.metadata().id()).cluster("web")
        .project("shop").cloudType("sandbox").node("w-1").pool("w").instanceType("sandbox.large").cpu(8)
        .memoryMiB(32768).diskGiB(60).start(at("10:00")).virtualCluster("dev").share(new BigDecimal("0.25"))
        .build();
    ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    store.create(new StoredRecord(UsageSegment.KIND, quarter.id(), "shop", quarter.id(),
        Map.of(CostService.OPEN_LABEL, "true"), 0, json.writeValueAsString(quarter)));

    // A service built now indexes both open segments; the cluster going closes both.
    CostService costs = service();
    clock.set(at("12:00"));
    costs.clusterGone(web.metadata().id());
    clock.set(at("13:00"));

    // dev: 2 h x 0.25 x 0.40 = 0.20; storage 2 h x 0.25 x 60 GiB x 0.000137 = 0.00411 -> 0.00; cpu 2 x 0.25 x 8 = 4
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.VIRTUAL_CLUSTER, p -> true).lines())
        .containsExactly(line("shop/web/dev", "0.20", "0.00", "4.00"));
    assertThat(store.list(RecordQuery.all(UsageSegment.KIND)).records())
        .allSatisfy(r -> assertThat(r.labels()).doesNotContainKey(CostService.OPEN_LABEL));
  }

  @Test
  void opensOneSegmentPerNodeWhenObservedFromManyThreadsAtOnce() throws Exception {
    CostService costs = service();
    HostCluster web = cluster("shop", "web", "sandbox", List.of(pool("w", 3, "sandbox.small", 0)),
        List.of(running("w-1", "w", "sandbox.small"), running("w-2", "w", "sandbox.small"),
            running("w-3", "w", "sandbox.small")));
    clock.set(at("10:00"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        done.add(pool.submit(() -> costs.observe(web)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.list(RecordQuery.all(UsageSegment.KIND)).records()).hasSize(3);
  }

  @Test
  void aRateCardReadBeforeTheCatalogKnowsACloudShowsNoInstancePricesForItAndAsksForNothing() {
    InstanceCatalog empty = new InstanceCatalog(misses::add);
    CostService costs = new CostService(store, empty, clock);
    HostCluster web = cluster("shop", "web", "sandbox", List.of(pool("w", 1, "sandbox.large", 0)),
        List.of(running("w-1", "w", "sandbox.large")));
    clock.set(at("10:00"));
    costs.observe(web);
    clock.set(at("12:00"));
    misses.clear();

    RateCard card = costs.rateCard();
    CostReport unpriced = costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true);

    assertThat(card.instanceHourly()).isEmpty();
    assertThat(card.unitPrices().get("sandbox").storageGiBHour()).isEqualByComparingTo("0.000137");
    assertThat(card.unitPrices().get("vsphere").cpuCoreHour()).isEqualByComparingTo("0.033174");
    // The node's hours are counted; they are priced once the catalog has a price for its type.
    assertThat(unpriced.lines()).containsExactly(line("shop/web", "0.00", "0.00", "16.00"));
    // Neither read asked the catalog to fetch anything.
    assertThat(misses).isEmpty();

    CatalogFixtures.cache(empty, "sandbox", "sandbox-account", "", SANDBOX_TYPES);
    assertThat(costs.rateCard().instanceHourly().get("sandbox")).containsEntry("sandbox.large", new BigDecimal("0.40"));
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("shop/web", "0.80", "0.00", "16.00"));
  }

  @Test
  void pricesANodeAtTheCatalogPriceOfItsClustersAccountAndRegion() {
    String prod = account(store, "shop", "prod", "sandbox");
    account(store, "", "shared", "sandbox");
    InstanceType dearLarge = SANDBOX_TYPES.stream().filter(t -> t.name().equals("sandbox.large")).findFirst()
        .orElseThrow().withHourlyPrice(new BigDecimal("0.50"));
    CatalogFixtures.cache(catalog, "sandbox", prod, "eu-west", List.of(dearLarge));
    CostService costs = service();
    // In the project's own account, in its region; and in the tenant's account, whose list the catalog has not yet.
    HostCluster inProd = inAccount(cluster("shop", "web", "sandbox", List.of(pool("w", 1, "sandbox.large", 0)),
        List.of(running("w-1", "w", "sandbox.large"))), "prod", "eu-west");
    HostCluster inShared = inAccount(cluster("lab", "ci", "sandbox", List.of(pool("w", 1, "sandbox.large", 0)),
        List.of(running("w-1", "w", "sandbox.large"))), "shared", "");
    clock.set(at("10:00"));
    costs.observe(inProd);
    costs.observe(inShared);
    clock.set(at("12:00"));

    // shop/web 2 h x 0.50 in its account and region; lab/ci 2 h x the card's 0.50, the highest cached
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("lab/ci", "1.00", "0.00", "16.00"), line("shop/web", "1.00", "0.00", "16.00"));
    assertThat(costs.rateCard().instanceHourly().get("sandbox")).containsEntry("sandbox.large", new BigDecimal("0.50"));
    // The missed lookup of the tenant's account asked the catalog to fetch it.
    assertThat(misses).contains("account-shared");

    // The tenant's override beats every list price.
    costs.updateRateCard(RateCard.builder().putInstanceHourly("sandbox", Map.of("sandbox.large", new BigDecimal("0.30"))).build());
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("lab/ci", "0.60", "0.00", "16.00"), line("shop/web", "0.60", "0.00", "16.00"));
  }

  @Test
  void aSegmentOpenedInAnAccountKeepsThatAccountsPriceOverTheCards() {
    String prod = account(store, "shop", "prod", "sandbox");
    CatalogFixtures.cache(catalog, "sandbox", prod, "", List.of(SANDBOX_TYPES.stream()
        .filter(t -> t.name().equals("sandbox.small")).findFirst().orElseThrow().withHourlyPrice(new BigDecimal("0.02"))));
    CostService costs = service();
    HostCluster web = inAccount(cluster("shop", "web", "sandbox", List.of(pool("w", 1, "sandbox.small", 0)),
        List.of(running("w-1", "w", "sandbox.small"))), "prod", "");
    clock.set(at("10:00"));
    costs.observe(web);
    clock.set(at("12:00"));

    // 2 h x 0.02, though the card lists sandbox.small at 0.05 from the other account
    assertThat(costs.rateCard().instanceHourly().get("sandbox")).containsEntry("sandbox.small", new BigDecimal("0.05"));
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("shop/web", "0.04", "0.00", "4.00"));
  }

  @Test
  void takesANodesCapacityAsItReportsItAndFromTheCatalogWhenItReportsNone() {
    String dc = account(store, "lab", "dc", COLO);
    CatalogFixtures.cache(catalog, COLO, dc, "", COLO_TYPES);
    CostService costs = service();
    costs.updateRateCard(RateCard.builder().putUnitPrice(COLO, coloUnits()).build());
    NodeInfo smaller = running("m-1", "metal", "colo.16x64").withCpu(8).withMemoryMiB(32768).withGpus(0);
    NodeInfo silent = running("m-2", "metal", "colo.16x64").withCpu(0).withMemoryMiB(0).withGpus(0);
    HostCluster metal = inAccount(cluster("lab", "metal", COLO, List.of(pool("metal", 2, "colo.16x64", 0)),
        List.of(smaller, silent)), "dc", "");
    clock.set(at("10:00"));
    costs.observe(metal);
    clock.set(at("11:00"));

    // m-1 as reported: 8 x 0.03 + 32 x 0.004 = 0.368; m-2 as its type is listed: 16 x 0.03 + 64 x 0.004 + 0.50 = 1.236
    // 1 h: 1.604 -> 1.60; cpu 8 + 16 = 24
    assertThat(costs.report(DAY_START, DAY_END, CostGroup.CLUSTER, p -> true).lines())
        .containsExactly(line("lab/metal", "1.60", "0.00", "24.00"));
  }

  @Test
  void labelsSegmentsWithTheClusterIdTagProvidersUse() {
    assertThat(CostRecords.CLUSTER_LABEL).isEqualTo(CloudProvider.CLUSTER_ID_TAG);
  }
}
