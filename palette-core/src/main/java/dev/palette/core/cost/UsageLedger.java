package dev.palette.core.cost;

import dev.palette.core.record.Records;

import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.model.CloudAccount;
import dev.palette.model.HostCluster;
import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.NodeState;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger of the time each node spends {@code RUNNING}, as records in the store and nowhere
 * else, so that any number of engines observing the same cluster count its usage once.
 *
 * <p>Each cluster has one index record of kind {@value #INDEX_KIND} naming the open segment of
 * each of its running nodes. What to open and close is decided against the index and committed
 * by compare-and-set on it; an engine that loses reads the index again and decides again, so two
 * engines never open two segments for one node. A segment is closed before the index lets go of
 * it and created after the index names it; a crash between the two leaves an entry whose segment
 * is closed (dropped at the next observation) or missing (created then, from that instant), never
 * an open segment nobody knows. An observation that changes nothing reads the index and the open
 * segments, one record each, and writes nothing.
 *
 * <p>A segment takes the node's capacity as the node reports it, and its instance type's price in
 * the cluster's cloud account and region from the {@link InstanceCatalog} (the type's capacity
 * too, for a node that reports none); it never asks a provider.
 */
final class UsageLedger {
  /** The record kind of each cluster's index of open segments. */
  static final String INDEX_KIND = "UsageLedger";
  private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);

  /** The body of an index: node name to its open segment. */
  record Index(Map<String, Entry> open) {
    Index {
      open = open == null ? Map.of() : Map.copyOf(open);
    }
  }

  /** A node's open segment and the instance type it was opened for. */
  record Entry(String segment, String instanceType) {}

  private final StateStore store;
  private final InstanceCatalog catalog;
  private final Clock clock;
  // Clusters with open segments but no index when the ledger started: written by a ledger older than
  // the index. An index is written before its segments, so no other cluster can be in that state.
  private final Set<String> unindexed;

  UsageLedger(StateStore store, InstanceCatalog catalog, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
    this.unindexed = unindexedClusters(store);
  }

  private static Set<String> unindexedClusters(StateStore store) {
    Set<String> clusters = new HashSet<>();
    for (StoredRecord r : store.list(RecordQuery.all(UsageSegment.KIND)
        .withLabels(Map.of(CostRecords.OPEN_LABEL, "true"))).records()) {
      String cluster = r.labels().get(CostRecords.CLUSTER_LABEL);
      if (cluster != null && store.get(INDEX_KIND, indexId(cluster)).isEmpty()) {
        clusters.add(cluster);
      }
    }
    return Set.copyOf(clusters);
  }

  /**
   * Opens a segment for each {@code RUNNING} node of the cluster that has none, and closes the
   * segments of nodes that are gone or no longer running, at the clock's current instant.
   */
  void observe(HostCluster cluster) {
    String clusterId = cluster.metadata().id();
    Map<String, NodeInfo> running = new LinkedHashMap<>();
    for (NodeInfo node : cluster.status().nodes()) {
      if (node.state() == NodeState.RUNNING) {
        running.put(node.name(), node);
      }
    }
    while (true) {
      Optional<StoredRecord> stored = store.get(INDEX_KIND, indexId(clusterId));
      if (stored.isEmpty() && running.isEmpty()) {
        return;
      }
      Index index = stored.map(r -> CostRecords.read(r, Index.class)).orElseGet(() -> fromSegments(cluster));
      Instant now = clock.instant();
      Map<String, Entry> next = new LinkedHashMap<>();
      List<NodeInfo> missing = new ArrayList<>();
      for (Map.Entry<String, Entry> e : index.open().entrySet()) {
        NodeInfo node = running.get(e.getKey());
        Optional<StoredRecord> segment = store.get(UsageSegment.KIND, e.getValue().segment());
        // The label says whether it is open, so an observation decodes no segment.
        boolean open = segment.map(r -> r.labels().containsKey(CostRecords.OPEN_LABEL)).orElse(false);
        // A node replaced by another of a different type under the same name is a new segment.
        if (node == null || !node.instanceType().equals(e.getValue().instanceType())) {
          segment.ifPresent(r -> close(r, now));
        } else if (open || segment.isEmpty()) {
          next.put(e.getKey(), e.getValue());
          if (segment.isEmpty()) {
            // The index named it, but the engine that claimed it stopped before creating it.
            missing.add(node);
          }
        }
      }
      List<NodeInfo> opened = new ArrayList<>();
      for (NodeInfo node : running.values()) {
        if (!next.containsKey(node.name())) {
          next.put(node.name(), new Entry(UUID.randomUUID().toString(), node.instanceType()));
          opened.add(node);
        }
      }
      if (stored.isPresent() && next.equals(index.open())) {
        missing.forEach(node -> open(cluster, node, next.get(node.name()).segment(), now));
        return;
      }
      if (!commit(cluster, stored, new Index(next))) {
        // Another engine, or thread, changed the index: decide again on what it wrote.
        continue;
      }
      missing.forEach(node -> open(cluster, node, next.get(node.name()).segment(), now));
      opened.forEach(node -> open(cluster, node, next.get(node.name()).segment(), now));
      return;
    }
  }

  /** Closes every open segment of a cluster whose record is gone, at the clock's current instant. */
  void clusterGone(String clusterId) {
    Instant now = clock.instant();
    // By the open label alone: a virtual cluster's segment need not carry the cluster id label.
    for (StoredRecord record : store.list(RecordQuery.all(UsageSegment.KIND)
        .withLabels(Map.of(CostRecords.OPEN_LABEL, "true"))).records()) {
      if (CostRecords.read(record, UsageSegment.class).clusterId().equals(clusterId)) {
        close(record, now);
      }
    }
    store.get(INDEX_KIND, indexId(clusterId)).ifPresent(index -> {
      try {
        store.delete(INDEX_KIND, index.id(), index.revision());
      } catch (ConflictException | NotFoundException e) {
        // Another engine saw the cluster go too; its delete, or its last observation, stands.
      }
    });
  }

  // The open segments of a cluster whose index is not there yet: none, or those of an older ledger.
  private Index fromSegments(HostCluster cluster) {
    Map<String, Entry> open = new LinkedHashMap<>();
    if (!unindexed.contains(cluster.metadata().id())) {
      // A cluster first seen by this ledger: looking for segments would scan them all, for none.
      return new Index(open);
    }
    for (StoredRecord record : store.list(RecordQuery.inScope(UsageSegment.KIND, cluster.metadata().project())
        .withLabels(Map.of(CostRecords.CLUSTER_LABEL, cluster.metadata().id(), CostRecords.OPEN_LABEL, "true"))).records()) {
      UsageSegment segment = CostRecords.read(record, UsageSegment.class);
      if (segment.virtualCluster().isEmpty()) {
        open.put(segment.node(), new Entry(segment.id(), segment.instanceType()));
      }
    }
    return new Index(open);
  }

  // Compare-and-set of the index; false when another write came first.
  private boolean commit(HostCluster cluster, Optional<StoredRecord> current, Index next) {
    String id = indexId(cluster.metadata().id());
    StoredRecord record = new StoredRecord(INDEX_KIND, id, cluster.metadata().project(), id, Map.of(), 0,
        CostRecords.write(next));
    try {
      if (current.isPresent()) {
        store.update(record, current.get().revision());
      } else {
        store.create(record);
      }
      return true;
    } catch (ConflictException | NotFoundException e) {
      return false;
    }
  }

  private void open(HostCluster cluster, NodeInfo node, String id, Instant now) {
    String cloudType = cluster.spec().cloudType();
    Optional<InstanceType> type = instanceType(cluster, node.instanceType());
    // A node that reports no capacity at all is taken to be what the catalog says its type is.
    boolean reported = node.cpu() > 0 || node.memoryMiB() > 0 || node.gpus() > 0;
    UsageSegment segment =
        UsageSegment.builder()
            .id(id)
            .clusterId(cluster.metadata().id())
            .cluster(cluster.metadata().name())
            .project(cluster.metadata().project())
            .cloudType(cloudType)
            .node(node.name())
            .pool(node.pool())
            .instanceType(node.instanceType())
            .cpu(reported ? node.cpu() : type.map(InstanceType::cpu).orElse(0))
            .memoryMiB(reported ? node.memoryMiB() : type.map(InstanceType::memoryMiB).orElse(0))
            .gpus(reported ? node.gpus() : type.map(InstanceType::gpus).orElse(0))
            .hourlyPrice(type.map(InstanceType::hourlyPrice).filter(p -> p.signum() > 0).orElse(BigDecimal.ZERO))
            // A pool already gone from the spec has no known disk size; guessing one would invent cost.
            .diskGiB(cluster.spec().nodePool(node.pool()).map(NodePoolSpec::diskGiB).orElse(0))
            .start(now)
            .build();
    try {
      store.create(CostRecords.segment(segment));
    } catch (ConflictException e) {
      // Another engine repaired the same missing segment first.
      return;
    }
    if (type.isEmpty() && !reported) {
      LOG.warn("HostCluster {}: node {} reports no capacity and instance type '{}' of cloud type '{}' is"
          + " not in the instance catalog of its account and region yet; it is costed by a rate card"
          + " instance price only", Records.address(cluster), node.name(), node.instanceType(), cloudType);
    }
    LOG.debug("HostCluster {}: node {} started accruing at {}", Records.address(cluster), node.name(), now);
  }

  // Closes a segment if it is still open; an engine that loses the compare-and-set closed it already.
  private void close(StoredRecord record, Instant now) {
    UsageSegment open = CostRecords.read(record, UsageSegment.class);
    if (!open.open()) {
      return;
    }
    UsageSegment closed = open.withEnd(now);
    try {
      store.update(CostRecords.segment(closed), record.revision());
    } catch (ConflictException e) {
      // Only a close changes a segment, so another engine or thread closed it first.
    } catch (NotFoundException e) {
      // Someone removed the record (retention, say); there is nothing left to close.
      LOG.warn("usage segment {} of node {} was removed before it closed", closed.id(), closed.node());
    }
  }

  private static String indexId(String clusterId) {
    return "usage-ledger-" + clusterId;
  }

  // The type as the catalog lists it for the cluster's account and region; empty while not cached.
  private Optional<InstanceType> instanceType(HostCluster cluster, String name) {
    return accountId(cluster)
        .flatMap(account -> catalog.instanceTypes(cluster.spec().cloudType(), account, cluster.spec().region()))
        .flatMap(types -> types.stream().filter(t -> t.name().equals(name)).findFirst());
  }

  // The record id of the cloud account the cluster names: in its project, else the tenant's.
  private Optional<String> accountId(HostCluster cluster) {
    String name = cluster.spec().cloudAccount();
    return store.getByName(CloudAccount.KIND, cluster.metadata().project(), name)
        .or(() -> store.getByName(CloudAccount.KIND, "", name))
        .map(StoredRecord::id);
  }

}
