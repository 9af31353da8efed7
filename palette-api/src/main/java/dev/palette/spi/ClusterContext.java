package dev.palette.spi;

import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider is told about a host cluster at each step.
 *
 * @param clusterId the record id; providers tag every cloud resource with it
 *     ({@link CloudProvider#CLUSTER_ID_TAG}) and look it up before creating anything
 * @param project the cluster's project
 * @param spec the desired state
 * @param account the cloud account to act with, credentials included: never log it
 * @param observed what the provider reported at its last step ({@link StepOutcome}), as kept in
 *     the cluster's status: its identifiers (an ARN, an endpoint, a CA, node-group names); empty
 *     before the first step. A hint, not the truth: the cloud may have lost what it names
 */
public record ClusterContext(
    String clusterId,
    String project,
    HostClusterSpec spec,
    CloudAccountSpec account,
    Map<String, String> observed) {

  public ClusterContext {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(account, "account");
    observed = Map.copyOf(observed);
  }

  /** The identifier the provider reported under {@code key}, if it did. */
  public Optional<String> observed(String key) {
    return Optional.ofNullable(observed.get(key));
  }

  /** The same cluster with {@code observed} as the provider's identifiers. */
  public ClusterContext withObserved(Map<String, String> observed) {
    return new ClusterContext(clusterId, project, spec, account, observed);
  }

  /** The same cluster with another desired state. */
  public ClusterContext withSpec(HostClusterSpec spec) {
    return new ClusterContext(clusterId, project, spec, account, observed);
  }

  // The account holds credentials; only the cluster's address and id are shown.
  @Override
  public String toString() {
    return "ClusterContext[" + project + "/" + spec.name() + ", id=" + clusterId + "]";
  }
}
