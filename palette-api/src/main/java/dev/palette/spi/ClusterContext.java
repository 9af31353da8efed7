package dev.palette.spi;

import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;

/**
 * What a provider is told about a host cluster at each step.
 *
 * @param clusterId the record id; providers tag every cloud resource with it
 *     ({@link CloudProvider#CLUSTER_ID_TAG}) and look it up before creating anything
 * @param project the cluster's project
 * @param spec the desired state
 * @param account the cloud account to act with
 * @param status the last status the controller wrote
 */
public record ClusterContext(
    String clusterId,
    String project,
    HostClusterSpec spec,
    CloudAccountSpec account,
    HostClusterStatus status) {

  @Override
  public String toString() {
    return "ClusterContext[" + project + "/" + spec.name() + ", id=" + clusterId + "]";
  }
}
