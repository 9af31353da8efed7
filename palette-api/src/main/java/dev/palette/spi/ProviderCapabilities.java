package dev.palette.spi;

import java.util.Objects;

/**
 * What a provider can do, which the engine and the front door read instead of knowing clouds by
 * name.
 *
 * @param controlPlane whether the cloud runs the control plane ({@link ControlPlane#MANAGED}: EKS,
 *     AKS, GKE; a cluster has worker pools only) or the cluster's own nodes do
 *     ({@link ControlPlane#SELF_MANAGED}: vSphere, edge, the sandbox; a pool has the control-plane
 *     role)
 * @param autoscaling whether a node pool may have {@code minSize < maxSize} and the cloud scales
 *     between them
 * @param gpu whether node pools may ask for GPUs
 * @param pricing how the cloud prices nodes, which tells the cost report where prices come from
 */
public record ProviderCapabilities(
    ControlPlane controlPlane, boolean autoscaling, boolean gpu, Pricing pricing) {

  public ProviderCapabilities {
    Objects.requireNonNull(controlPlane, "controlPlane");
    Objects.requireNonNull(pricing, "pricing");
  }

  /** Who runs a cluster's control plane. */
  public enum ControlPlane {
    /** The cloud runs it; the cluster's pools are all workers. */
    MANAGED,
    /** A node pool of the cluster runs it. */
    SELF_MANAGED
  }

  /** How node time is priced. */
  public enum Pricing {
    /** Each instance type has an hourly list price ({@code InstanceType.hourlyPrice() > 0}). */
    PER_INSTANCE_TYPE,
    /**
     * Nodes are priced by their CPU, memory, storage and GPU units at the tenant's unit prices;
     * instance types (VM templates, edge machines) carry no price ({@code hourlyPrice() == 0}).
     */
    PER_UNIT
  }
}
