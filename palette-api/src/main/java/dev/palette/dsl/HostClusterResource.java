package dev.palette.dsl;

import dev.palette.Operation;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.Kubeconfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;

/** One host cluster and its day-2 operations. */
public interface HostClusterResource extends Gettable<HostCluster> {
  /**
   * Changes the spec; the returned operation completes when the cluster runs the new spec.
   *
   * @param changes applied to a builder that holds the current spec; the name cannot change
   * @throws dev.palette.error.ConflictException while the cluster is provisioning or deleting
   */
  Operation<HostCluster> update(Consumer<HostClusterSpec.Builder> changes);

  /** Sets the size of one node pool; shorthand for an {@link #update}. */
  Operation<HostCluster> scaleNodePool(String pool, int size);

  /** Asks for deletion; the operation completes once the cluster and its resources are gone. */
  Operation<Void> delete();

  /** Follows the cluster until it runs its current spec, for example after reopening a store. */
  Operation<HostCluster> untilReady();

  /**
   * An admin kubeconfig.
   *
   * @throws dev.palette.error.ConflictException when the cluster is not running
   */
  Kubeconfig kubeconfig();

  /**
   * A new Fabric8 client for the cluster's API server, signed in with an admin {@link #kubeconfig()}.
   * Each call opens a new client; the caller closes it, best with try-with-resources:
   * {@code try (KubernetesClient k8s = cluster.client()) { k8s.nodes().list(); }}.
   *
   * @throws dev.palette.error.ConflictException when the cluster is not running
   */
  KubernetesClient client();
}
