package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A group of identical nodes in a host cluster. The fields are those every cloud has; what only one
 * cloud has goes in the cluster's {@link HostClusterSpecDef#providerConfig() providerConfig}.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = NodePoolSpec.class)
@JsonDeserialize(as = NodePoolSpec.class)
public interface NodePoolSpecDef {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("NodePoolSpec", name(), size() + " x " + instanceType(),
        controlPlane() ? "control plane" : "", autoscaled() ? minSize() + ".." + maxSize() : "",
        capacityType() == CapacityType.SPOT ? "spot" : "");
  }

  String name();

  /** Number of nodes; zero is allowed for worker pools. When {@link #autoscaled()}, the size to start at. */
  int size();

  /**
   * Whether the pool runs the control plane (on a self-managed cloud); false by default. Also set
   * through {@code role(NodeRole)}.
   */
  @Value.Default
  default boolean controlPlane() {
    return false;
  }

  /** The pool's role: {@link NodeRole#CONTROL_PLANE} when {@link #controlPlane()}, else worker. */
  default NodeRole role() {
    return controlPlane() ? NodeRole.CONTROL_PLANE : NodeRole.WORKER;
  }

  /**
   * The fewest nodes the cloud's autoscaler may leave, when {@link #autoscaled()}; 0 by default.
   * Ignored for a fixed-size pool.
   */
  @Value.Default
  default int minSize() {
    return 0;
  }

  /**
   * The most nodes the cloud's autoscaler may add; 0 by default, for a fixed-size pool of
   * {@link #size()} nodes. Above 0 the pool autoscales between {@link #minSize()} and this, starting
   * at {@code size}, on a provider whose capabilities say it autoscales.
   */
  @Value.Default
  default int maxSize() {
    return 0;
  }

  /** Whether the cloud scales the pool between {@link #minSize()} and {@link #maxSize()}. */
  default boolean autoscaled() {
    return maxSize() > 0;
  }

  /** The provider's instance type, for example {@code sandbox.medium} or {@code m5.xlarge}. */
  String instanceType();

  /** The root disk of each node, in GiB; 60 by default. */
  @Value.Default
  default int diskGiB() {
    return 60;
  }

  /**
   * The machine image, in the provider's terms (an AMI id, a vSphere template, an OS image name);
   * empty by default, for the provider's image for the cluster's Kubernetes version.
   */
  @Value.Default
  default String image() {
    return "";
  }

  /** How the machines are bought; {@link CapacityType#ON_DEMAND} by default. */
  @Value.Default
  default CapacityType capacityType() {
    return CapacityType.ON_DEMAND;
  }

  /** Taints put on every node of the pool; none by default. */
  List<Taint> taints();

  /**
   * GPUs asked for on each node beyond what the instance type has (a vSphere passthrough, an edge
   * host's card); 0 by default.
   */
  @Value.Default
  default int gpuCount() {
    return 0;
  }

  /** The GPU model asked for, for example {@code nvidia-tesla-t4}; empty for any. */
  @Value.Default
  default String gpuType() {
    return "";
  }

  /** Kubernetes labels put on every node of the pool. */
  Map<String, String> labels();

  /** Adds role and taint shorthands to the generated {@link NodePoolSpec.Builder}. */
  abstract class Builder {
    /** Sets whether the pool runs the control plane; generated. */
    public abstract NodePoolSpec.Builder controlPlane(boolean controlPlane);

    /** Adds one taint; generated. */
    public abstract NodePoolSpec.Builder addTaint(Taint taint);

    /** Sets the pool's role: the same as {@code controlPlane(role == CONTROL_PLANE)}. */
    public NodePoolSpec.Builder role(NodeRole role) {
      return controlPlane(role == NodeRole.CONTROL_PLANE);
    }

    /** Sets both autoscaling bounds. */
    public NodePoolSpec.Builder autoscale(int minSize, int maxSize) {
      minSize(minSize);
      return maxSize(maxSize);
    }

    /** Sets the lower autoscaling bound; generated. */
    public abstract NodePoolSpec.Builder minSize(int minSize);

    /** Sets the upper autoscaling bound; generated. */
    public abstract NodePoolSpec.Builder maxSize(int maxSize);

    /** Adds the taint {@code key=value:effect}. */
    public NodePoolSpec.Builder taint(String key, String value, TaintEffect effect) {
      return addTaint(Taint.builder().key(key).value(value).effect(effect).build());
    }
  }
}
