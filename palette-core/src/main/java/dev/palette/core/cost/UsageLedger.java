package dev.palette.core.cost;

import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.model.HostCluster;
import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.NodeState;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger of the time each node spends {@code RUNNING}, as segment records in the store and
 * nowhere else, so that any number of engines observing the same cluster count its usage once.
 *
 * <p>A segment is opened by creating a record whose id follows from the cluster, the node and how
 * many closed segments that node has: engines racing to open the same node's segment create the
 * same id, and all but one get a conflict and leave it. A segment is closed by compare-and-set on
 * its record; an engine that loses finds it closed already. Nothing is held in memory between
 * calls.
 */
final class UsageLedger {
  private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);

  private final StateStore store;
  private final Supplier<Collection<CloudProvider>> providers;
  private final Clock clock;

  UsageLedger(StateStore store, Supplier<Collection<CloudProvider>> providers, Clock clock) {
    this.store = store;
    this.providers = providers;
    this.clock = clock;
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
    List<StoredRecord> open = store.list(RecordQuery.inScope(UsageSegment.KIND, cluster.metadata().project())
        .withLabels(Map.of(CloudProvider.CLUSTER_ID_TAG, clusterId, CostRecords.OPEN_LABEL, "true")));
    if (running.isEmpty() && open.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Map<String, NodeInfo> toOpen = new LinkedHashMap<>(running);
    for (StoredRecord record : open) {
      UsageSegment segment = CostRecords.read(record, UsageSegment.class);
      if (!segment.virtualCluster().isEmpty()) {
        continue;
      }
      NodeInfo node = running.get(segment.node());
      // A node replaced by another of a different type under the same name is a new segment.
      if (node == null || !node.instanceType().equals(segment.instanceType())) {
        close(record, segment, now);
      } else {
        toOpen.remove(segment.node());
      }
    }
    for (NodeInfo node : toOpen.values()) {
      open(cluster, node, now);
    }
  }

  /** Closes every open segment of a cluster whose record is gone, at the clock's current instant. */
  void clusterGone(String clusterId) {
    Instant now = clock.instant();
    // By the open label alone: a virtual cluster's segment need not carry the cluster id label.
    for (StoredRecord record : store.list(RecordQuery.all(UsageSegment.KIND)
        .withLabels(Map.of(CostRecords.OPEN_LABEL, "true")))) {
      UsageSegment segment = CostRecords.read(record, UsageSegment.class);
      if (segment.clusterId().equals(clusterId)) {
        close(record, segment, now);
      }
    }
  }

  private void open(HostCluster cluster, NodeInfo node, Instant now) {
    String clusterId = cluster.metadata().id();
    // Every engine that sees this node without an open segment counts the same closed segments;
    // an open one another engine made meanwhile is not counted, so ours collides with it.
    long earlier = store.list(RecordQuery.inScope(UsageSegment.KIND, cluster.metadata().project())
            .withLabels(Map.of(CloudProvider.CLUSTER_ID_TAG, clusterId))).stream()
        .map(r -> CostRecords.read(r, UsageSegment.class))
        .filter(s -> s.virtualCluster().isEmpty() && s.node().equals(node.name()) && !s.open())
        .count();
    String cloudType = cluster.spec().cloudType();
    Optional<InstanceType> type = instanceType(cloudType, node.instanceType());
    UsageSegment segment =
        UsageSegment.builder()
            .id(segmentId(clusterId, node.name(), earlier))
            .clusterId(clusterId)
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
    try {
      store.create(CostRecords.segment(segment));
      if (type.isEmpty()) {
        LOG.warn("HostCluster {}: node {} runs instance type '{}', which provider '{}' does not list;"
            + " it is costed by a rate card instance price only", address(cluster), node.name(),
            node.instanceType(), cloudType);
      }
      LOG.debug("HostCluster {}: node {} started accruing at {}", address(cluster), node.name(), now);
    } catch (ConflictException e) {
      // Another engine, or thread, opened this segment first.
    }
  }

  private void close(StoredRecord record, UsageSegment open, Instant now) {
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

  // The same cluster, node and count of earlier segments give the same id in every engine.
  private static String segmentId(String clusterId, String node, long earlier) {
    return UUID.nameUUIDFromBytes((clusterId + "/" + node + "/" + earlier).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private Optional<InstanceType> instanceType(String cloudType, String name) {
    for (CloudProvider provider : providers.get()) {
      if (provider.id().equals(cloudType)) {
        return provider.instanceTypes().stream().filter(t -> t.name().equals(name)).findFirst();
      }
    }
    return Optional.empty();
  }

  private static String address(HostCluster cluster) {
    String project = cluster.metadata().project();
    return project.isEmpty() ? cluster.metadata().name() : project + "/" + cluster.metadata().name();
  }
}
