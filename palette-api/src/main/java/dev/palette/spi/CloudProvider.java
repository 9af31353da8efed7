package dev.palette.spi;

import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.InstanceType;
import dev.palette.model.Kubeconfig;
import java.util.List;

/**
 * A cloud type's adapter: the engine's host cluster controller drives it one idempotent step at a
 * time. Implementations find a cluster's resources by the {@link #CLUSTER_ID_TAG} tag before
 * creating any, so a step repeated after a crash creates nothing twice.
 *
 * <p>Register a provider with {@code META-INF/services/dev.palette.spi.CloudProviderFactory} or
 * explicitly with {@code Palette.builder().provider(...)}.
 */
public interface CloudProvider extends AutoCloseable {
  /** The tag (or label) that ties a cloud resource to its host cluster record. */
  String CLUSTER_ID_TAG = "palette.dev/cluster-id";

  /** The cloud type this provider serves, for example {@code sandbox} or {@code aws}. */
  String id();

  /** Problems with an account for this cloud, each with its field path; empty when it is usable. */
  List<Violation> validateAccount(CloudAccountSpec account);

  /** The instance types the provider knows, with capacity and price. */
  List<InstanceType> instanceTypes();

  /**
   * Takes one step towards the cluster's spec: creates what is missing, resizes what differs.
   * It is called for a {@code RUNNING} cluster too, when the engine opens and at every resync, so
   * it must look at what the cloud really holds and repair drift (a lost node, a cluster the cloud
   * no longer knows), finding resources by {@link #CLUSTER_ID_TAG} before creating any.
   *
   * @throws dev.palette.error.ProviderException when the step failed; retryable or not
   */
  ProvisionStep reconcile(ClusterContext cluster);

  /**
   * Takes one step towards removing every resource of the cluster.
   *
   * @throws dev.palette.error.ProviderException when the step failed; retryable or not
   */
  DeletionStep delete(ClusterContext cluster);

  /** An admin kubeconfig for a running cluster. */
  Kubeconfig kubeconfig(ClusterContext cluster);

  /** Releases what the provider holds (threads, connections, servers). */
  @Override
  default void close() {}
}
