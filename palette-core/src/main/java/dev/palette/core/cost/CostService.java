package dev.palette.core.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.palette.core.record.Json;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.palette.error.NotFoundException;
import dev.palette.error.PaletteException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.CostGroup;
import dev.palette.model.CostLine;
import dev.palette.model.CostReport;
import dev.palette.model.HostCluster;
import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.NodeState;
import dev.palette.model.RateCard;
import dev.palette.model.UnitPrices;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage and cost: a ledger of the time each node spends {@code RUNNING}, priced by a rate card when
 * a report is asked for.
 *
 * <p><b>Ledger.</b> The host cluster controller calls {@link #observe(HostCluster)} after each status
 * write. A node seen {@code RUNNING} opens a {@link UsageSegment}; a node gone or in another state
 * closes its segment at the same instant; {@link #clusterGone(String)} closes all of a cluster's.
 * Segments are records of kind {@link UsageSegment#KIND} in the cluster's project, so a durable
 * store keeps them. Open segments are also indexed in memory, rebuilt from the store when the
 * service is built, so a restart carries on accruing and {@code observe} reads nothing from the
 * store. Observing the same status again changes nothing. One service writes a store's segments.
 *
 * <p><b>Virtual clusters.</b> A virtual cluster will be costed by segments of its own that reference
 * its host's nodes, name the virtual cluster and carry the share of each node its allocation holds;
 * prices are multiplied by {@link UsageSegment#share()}, so neither the model nor the reports change.
 *
 * <p><b>Rate card.</b> {@link #rateCard()} is the providers' instance prices and default unit prices
 * with the tenant's overrides, stored as a record of kind {@link #RATE_CARD_KIND}, on top.
 *
 * <p><b>Reports.</b> A segment costs, for the hours it overlaps the report's window, times its share:
 * its instance type's hourly price when the card has one for its cloud type, otherwise its CPU
 * cores, memory GiB and GPUs at the cloud's unit prices; plus its disk GiB at the storage price.
 * Sums are kept unrounded and each line rounded to cents at the end.
 */
public final class CostService {
  private static final Logger LOG = LoggerFactory.getLogger(CostService.class);

  /** The record kind of the tenant's rate card overrides. */
  public static final String RATE_CARD_KIND = "RateCard";

  /** Marks the records of open segments, so a restart reads only those. */
  static final String OPEN_LABEL = "palette.dev/usage-open";

  private static final String RATE_CARD_ID = "rate-card-overrides";
  private static final String RATE_CARD_NAME = "overrides";
  private static final int SCALE = 12;
  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
  private static final UnitPrices NO_UNIT_PRICES = UnitPrices.builder().build();

  private final StateStore store;
  private final Supplier<Collection<CloudProvider>> providers;
  private final Clock clock;
  private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();
  private final Object rateCardLock = new Object();
  private volatile RateCard overrides;

  /**
   * A service over the segments and rate card in {@code store}; open segments found there keep
   * accruing.
   *
   * @param providers the providers whose instance types give capacities and list prices, asked on
   *     every use so that providers registered later count
   */
  public CostService(StateStore store, Supplier<Collection<CloudProvider>> providers, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.providers = Objects.requireNonNull(providers, "providers");
    this.clock = Objects.requireNonNull(clock, "clock");
    RecordQuery open = RecordQuery.all(UsageSegment.KIND).withLabels(Map.of(OPEN_LABEL, "true"));
    for (StoredRecord record : store.list(open).records()) {
      UsageSegment segment = read(record, UsageSegment.class);
      if (segment.open()) {
        ledgers.computeIfAbsent(segment.clusterId(), k -> new Ledger())
            .open.put(SegmentKey.of(segment), new OpenSegment(segment, record.revision()));
      }
    }
    this.overrides = store.get(RATE_CARD_KIND, RATE_CARD_ID)
        .map(r -> read(r, RateCard.class))
        .orElse(RateCard.builder().build());
  }

  // ---- ledger ----

  /**
   * Opens a segment for each {@code RUNNING} node of the cluster that has none, and closes the
   * segments of nodes that are gone or no longer running, at the clock's current instant.
   */
  public void observe(HostCluster cluster) {
    String clusterId = cluster.metadata().id();
    Map<String, NodeInfo> running = new LinkedHashMap<>();
    for (NodeInfo node : cluster.status().nodes()) {
      if (node.state() == NodeState.RUNNING) {
        running.put(node.name(), node);
      }
    }
    if (running.isEmpty() && !ledgers.containsKey(clusterId)) {
      return;
    }
    while (true) {
      Ledger ledger = ledgers.computeIfAbsent(clusterId, k -> new Ledger());
      synchronized (ledger) {
        // clusterGone retired this ledger after we looked it up; take the fresh one.
        if (ledger.retired) {
          continue;
        }
        Instant now = clock.instant();
        for (Iterator<Map.Entry<SegmentKey, OpenSegment>> it = ledger.open.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<SegmentKey, OpenSegment> entry = it.next();
          if (!entry.getKey().virtualCluster().isEmpty()) {
            continue;
          }
          NodeInfo node = running.get(entry.getKey().node());
          // A node replaced by another of a different type under the same name is a new segment.
          if (node == null || !node.instanceType().equals(entry.getValue().segment().instanceType())) {
            close(entry.getValue(), now);
            it.remove();
          }
        }
        for (NodeInfo node : running.values()) {
          SegmentKey key = new SegmentKey("", node.name());
          if (!ledger.open.containsKey(key)) {
            ledger.open.put(key, open(cluster, node, now));
          }
        }
        return;
      }
    }
  }

  /** Closes every open segment of a cluster whose record is gone, at the clock's current instant. */
  public void clusterGone(String clusterId) {
    Ledger ledger = ledgers.get(clusterId);
    if (ledger == null) {
      return;
    }
    synchronized (ledger) {
      Instant now = clock.instant();
      for (Iterator<OpenSegment> it = ledger.open.values().iterator(); it.hasNext(); ) {
        close(it.next(), now);
        it.remove();
      }
      ledger.retired = true;
      ledgers.remove(clusterId, ledger);
    }
  }

  private OpenSegment open(HostCluster cluster, NodeInfo node, Instant now) {
    String cloudType = cluster.spec().cloudType();
    Optional<InstanceType> type = instanceType(cluster, node.instanceType());
    if (type.isEmpty()) {
      LOG.warn("HostCluster {}: node {} runs instance type '{}', which provider '{}' does not list;"
          + " it is costed by a rate card instance price only", address(cluster), node.name(),
          node.instanceType(), cloudType);
    }
    UsageSegment segment =
        UsageSegment.builder()
            .id(UUID.randomUUID().toString())
            .clusterId(cluster.metadata().id())
            .cluster(cluster.metadata().name())
            .project(cluster.metadata().project())
            .cloudType(cloudType)
            .node(node.name())
            .pool(node.pool())
            .instanceType(node.instanceType())
            .cpu(type.map(InstanceType::cpu).orElse(0))
            .memoryMiB(type.map(InstanceType::memoryMiB).orElse(0))
            .gpus(type.map(InstanceType::gpus).orElse(0))
            // A pool already gone from the spec has no known disk size; guessing one would invent cost.
            .diskGiB(cluster.spec().nodePool(node.pool()).map(NodePoolSpec::diskGiB).orElse(0))
            .start(now)
            .build();
    StoredRecord stored = store.create(encode(segment));
    LOG.debug("HostCluster {}: node {} started accruing at {}", address(cluster), node.name(), now);
    return new OpenSegment(segment, stored.revision());
  }

  private void close(OpenSegment open, Instant now) {
    UsageSegment closed = open.segment().withEnd(now);
    try {
      store.update(encode(closed), open.revision());
    } catch (NotFoundException e) {
      // Someone removed the record (retention, say); there is nothing left to close.
      LOG.warn("usage segment {} of node {} was removed before it closed", closed.id(), closed.node());
    }
  }

  private Optional<InstanceType> instanceType(HostCluster cluster, String name) {
    String cloudType = cluster.spec().cloudType();
    for (CloudProvider provider : providers.get()) {
      if (provider.id().equals(cloudType)) {
        return provider.instanceTypes(RateCards.listPriceAccount(cloudType), cluster.spec().region())
            .stream().filter(t -> t.name().equals(name)).findFirst();
      }
    }
    return Optional.empty();
  }

  // ---- rate card ----

  /**
   * The providers' instance prices and the default unit prices, with the tenant's overrides on top.
   *
   * <p>Instance prices come from each provider's {@link CloudProvider#instanceTypes}; a type listed
   * at a price of zero (a private cloud's VM template) has no list price and is priced by units.
   * Default unit prices, in US dollars: storage on every cloud $0.10 per GiB-month (AWS gp2's list
   * price) over 730 hours, 0.000137 per GiB-hour; on {@code vsphere}, {@code openstack},
   * {@code maas}, {@code edge-native} and {@code edge}, CPU at 0.033174 per core-hour and memory at
   * 0.004446 per GiB-hour (Google Compute Engine N1 custom machines, us-central1, on demand) and
   * GPUs at 0.35 per GPU-hour (an NVIDIA T4 there). Public cloud types get the storage price only.
   */
  public RateCard rateCard() {
    return RateCards.merge(RateCards.defaults(providers.get()), overrides);
  }

  /** The tenant's overrides as last stored; empty when there are none. */
  public RateCard overrides() {
    return overrides;
  }

  /**
   * Replaces the tenant's overrides. Each instance price given replaces that one price; the unit
   * prices given for a cloud type replace all four of that cloud's (a price left out is 0).
   *
   * @return the effective rate card
   * @throws ValidationException naming every negative price by its field path
   */
  public RateCard updateRateCard(RateCard newOverrides) {
    List<Violation> violations = RateCards.validate(newOverrides);
    if (!violations.isEmpty()) {
      throw new ValidationException("RateCard overrides", violations);
    }
    synchronized (rateCardLock) {
      StoredRecord record =
          new StoredRecord(RATE_CARD_KIND, RATE_CARD_ID, "", RATE_CARD_NAME, Map.of(), 0, write(newOverrides));
      Optional<StoredRecord> current = store.get(RATE_CARD_KIND, RATE_CARD_ID);
      if (current.isPresent()) {
        store.update(record, current.get().revision());
      } else {
        store.create(record);
      }
      overrides = newOverrides;
    }
    return rateCard();
  }

  // ---- reports ----

  /**
   * What the nodes cost over {@code [from, to)}; open segments count up to the earlier of
   * {@code to} and now.
   *
   * @param projectVisible which projects the caller may see (the empty string is the tenant)
   * @throws ValidationException when {@code from} is not before {@code to}
   */
  public CostReport report(Instant from, Instant to, CostGroup groupBy, Predicate<String> projectVisible) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(projectVisible, "projectVisible");
    if (!from.isBefore(to)) {
      throw new ValidationException("cost report", List.of(
          new Violation("to", to + " is not after from " + from + "; give a window that ends after it starts")));
    }
    Instant now = clock.instant();
    RateCard card = rateCard();
    Map<String, Sum> sums = new TreeMap<>();
    for (StoredRecord record : store.list(RecordQuery.all(UsageSegment.KIND)).records()) {
      if (!projectVisible.test(record.project())) {
        continue;
      }
      UsageSegment segment = read(record, UsageSegment.class);
      Optional<String> group = group(segment, groupBy);
      Instant start = max(segment.start(), from);
      Instant end = min(segment.end().orElse(now), to);
      if (group.isEmpty() || !start.isBefore(end)) {
        continue;
      }
      sums.computeIfAbsent(group.get(), k -> new Sum()).add(segment, hours(start, end), card);
    }
    return CostReport.builder()
        .from(from)
        .to(to)
        .groupBy(groupBy)
        .lines(sums.entrySet().stream().map(e -> e.getValue().line(e.getKey())).toList())
        .build();
  }

  private static Optional<String> group(UsageSegment segment, CostGroup groupBy) {
    return switch (groupBy) {
      case PROJECT -> Optional.of(segment.project());
      case CLUSTER -> Optional.of(segment.project() + "/" + segment.cluster());
      // Host segments already show under the other groupings; this one is about tenants of hosts.
      case VIRTUAL_CLUSTER -> segment.virtualCluster().isEmpty()
          ? Optional.empty()
          : Optional.of(segment.project() + "/" + segment.cluster() + "/" + segment.virtualCluster());
      case CLOUD -> Optional.of(segment.cloudType());
    };
  }

  private static BigDecimal hours(Instant start, Instant end) {
    Duration d = Duration.between(start, end);
    BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    return seconds.divide(SECONDS_PER_HOUR, SCALE, RoundingMode.HALF_UP);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** One group's unrounded running totals. */
  private static final class Sum {
    private BigDecimal compute = BigDecimal.ZERO;
    private BigDecimal storage = BigDecimal.ZERO;
    private BigDecimal cpuCoreHours = BigDecimal.ZERO;

    void add(UsageSegment s, BigDecimal hours, RateCard card) {
      BigDecimal weight = hours.multiply(s.share());
      BigDecimal price = card.instanceHourly().getOrDefault(s.cloudType(), Map.of()).get(s.instanceType());
      UnitPrices units = card.unitPrices().getOrDefault(s.cloudType(), NO_UNIT_PRICES);
      BigDecimal hourly = price != null
          ? price
          : units.cpuCoreHour().multiply(BigDecimal.valueOf(s.cpu()))
              .add(units.memoryGiBHour().multiply(BigDecimal.valueOf(s.memoryMiB()).divide(MIB_PER_GIB)))
              .add(units.gpuHour().multiply(BigDecimal.valueOf(s.gpus())));
      compute = compute.add(weight.multiply(hourly));
      storage = storage.add(weight.multiply(BigDecimal.valueOf(s.diskGiB())).multiply(units.storageGiBHour()));
      cpuCoreHours = cpuCoreHours.add(weight.multiply(BigDecimal.valueOf(s.cpu())));
    }

    CostLine line(String group) {
      return CostLine.builder()
          .group(group)
          .compute(compute.setScale(2, RoundingMode.HALF_UP))
          .storage(storage.setScale(2, RoundingMode.HALF_UP))
          .cpuCoreHours(cpuCoreHours.setScale(2, RoundingMode.HALF_UP))
          .build();
    }
  }

  // ---- records ----

  private StoredRecord encode(UsageSegment segment) {
    Map<String, String> labels = new HashMap<>();
    labels.put(CloudProvider.CLUSTER_ID_TAG, segment.clusterId());
    if (segment.open()) {
      labels.put(OPEN_LABEL, "true");
    }
    return new StoredRecord(UsageSegment.KIND, segment.id(), segment.project(), segment.id(), labels, 0,
        write(segment));
  }

  private String write(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot encode " + value.getClass().getSimpleName() + ": "
          + e.getClass().getSimpleName());
    }
  }

  private <T> T read(StoredRecord record, Class<T> type) {
    try {
      return Json.mapper().readValue(record.body(), type);
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot decode " + record.describe() + ": " + e.getOriginalMessage());
    }
  }

  private static String address(HostCluster cluster) {
    String project = cluster.metadata().project();
    return project.isEmpty() ? cluster.metadata().name() : project + "/" + cluster.metadata().name();
  }

  /** The open segments of one cluster; guarded by its own monitor. */
  private static final class Ledger {
    final Map<SegmentKey, OpenSegment> open = new HashMap<>();
    boolean retired;
  }

  /** An open segment and the revision its record was stored at. */
  private record OpenSegment(UsageSegment segment, long revision) {}

  /** What identifies an open segment within its cluster. */
  private record SegmentKey(String virtualCluster, String node) {
    static SegmentKey of(UsageSegment segment) {
      return new SegmentKey(segment.virtualCluster(), segment.node());
    }
  }
}
