package dev.palette.core.hostcluster;

import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.NotFoundException;
import dev.palette.model.CloudAccount;
import dev.palette.model.HostCluster;
import dev.palette.model.Kubeconfig;
import dev.palette.spi.ClusterContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * INTERIM (lead: replace at merge by the controllers branch's caching ClusterAccess, same
 * signatures): access to a running cluster. This stand-in asks the provider on every call.
 */
public final class ClusterAccess {
  private final Records records;
  private final ProviderRegistry providers;

  public ClusterAccess(Records records, ProviderRegistry providers) {
    this.records = records;
    this.providers = providers;
  }

  /** An admin kubeconfig of a running cluster. */
  public Kubeconfig kubeconfig(HostCluster cluster) {
    String project = cluster.metadata().project();
    CloudAccount account = records
        .getInProjectOrTenantWithSecrets(RecordKind.CLOUD_ACCOUNT, project, cluster.spec().cloudAccount())
        .orElseThrow(() -> new NotFoundException("CloudAccount " + cluster.spec().cloudAccount() + " does not exist"));
    return providers.require(cluster.spec().cloudType()).kubeconfig(new ClusterContext(
        cluster.metadata().id(), project, cluster.spec(), account.spec(), cluster.status()));
  }

  /** A new Fabric8 client signed in with {@link #kubeconfig}; the caller closes it. */
  public KubernetesClient client(HostCluster cluster) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig(cluster).yaml())).build();
  }
}
