package dev.palette.core.cost;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.palette.model.PaletteStyle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One stretch of time a node spent running, with what the node is made of, so that it can be
 * priced later at whatever rate card then applies. Stored as a record of kind {@link #KIND} in the
 * project of its cluster.
 *
 * <p>A host node's segment has an empty {@link #virtualCluster()} and a {@link #share()} of 1. A
 * virtual cluster is costed by segments of its own that reference its host's nodes, name the
 * virtual cluster, and carry the share of each node its allocation holds (for example 0.25 for a
 * quarter of the node's CPU); pricing multiplies by the share, so no other type has to change.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = UsageSegment.class)
@JsonDeserialize(as = UsageSegment.class)
public interface UsageSegmentDef {
  /** The record kind segments are stored under. */
  String KIND = "UsageSegment";

  /** Identifier of the segment, also its record id and name. */
  String id();

  /** The host cluster's record id. */
  String clusterId();

  /** The host cluster's name. */
  String cluster();

  /** The host cluster's project; empty for a tenant-scoped cluster. */
  @Value.Default
  default String project() {
    return "";
  }

  String cloudType();

  String node();

  String pool();

  String instanceType();

  /**
   * CPU cores of the node when the segment opened, as the node reported them or, when it reported
   * none, as the instance catalog lists its type; 0 when neither knew.
   */
  int cpu();

  /** Memory of the node in MiB, known the same way as {@link #cpu()}. */
  int memoryMiB();

  /** GPUs of the node, known the same way as {@link #cpu()}. */
  @Value.Default
  default int gpus() {
    return 0;
  }

  /**
   * The instance type's hourly list price in the cluster's cloud account and region when the
   * segment opened, from the instance catalog; 0 when the catalog did not know it then (or lists
   * the type without a price), and the rate card's price for the type applies instead.
   */
  @Value.Default
  default BigDecimal hourlyPrice() {
    return BigDecimal.ZERO;
  }

  /** The disk size of the node's pool when the segment opened. */
  int diskGiB();

  Instant start();

  /** Absent while the node still runs. */
  Optional<Instant> end();

  /** The virtual cluster this segment is costed to; empty for a host node. */
  @Value.Default
  default String virtualCluster() {
    return "";
  }

  /** The fraction of the node this segment pays for; 1 for a whole node. */
  @Value.Default
  default BigDecimal share() {
    return BigDecimal.ONE;
  }

  @Value.Derived
  @com.fasterxml.jackson.annotation.JsonIgnore
  default boolean open() {
    return end().isEmpty();
  }
}
