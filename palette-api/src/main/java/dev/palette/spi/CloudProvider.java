package dev.palette.spi;

import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import java.util.List;

/**
 * A cloud type's adapter. The engine's controllers drive it one step at a time, from any thread and
 * for many clusters at once (never two steps for one cluster at once): a provider is thread-safe.
 *
 * <p>Which calls may do I/O: {@link #validateAccount} and {@link #validateCluster} are pure and
 * local (the front door calls them on every write, without a network); {@link #verifyAccount},
 * {@link #instanceTypes}, {@link #reconcile}, {@link #delete} and {@link #access} may call the
 * cloud, and are called only by the engine's controllers and its cluster-access part.
 *
 * <p>Idempotency: {@code reconcile} and {@code delete} are steps, not transactions. Any step may be
 * repeated (after a crash, a timeout, a resync), may follow a step another engine took, and may find
 * the cloud changed behind the engine's back. So a step first looks for the cluster's resources by
 * the {@link #CLUSTER_ID_TAG} tag (the {@link ClusterContext#observed() observed} identifiers are a
 * hint to find them fast, not proof they exist) and creates only what is missing: a repeated step
 * never creates a second copy of anything.
 *
 * <p>Register a provider with {@code META-INF/services/dev.palette.spi.CloudProviderFactory} or
 * explicitly with {@code Palette.builder().provider(...)}.
 */
public interface CloudProvider extends AutoCloseable {
  /** The tag (or label) that ties a cloud resource to its host cluster record. */
  String CLUSTER_ID_TAG = "palette.dev/cluster-id";

  /** The cloud type this provider serves, for example {@code sandbox} or {@code aws}; constant. */
  String id();

  /** What this provider can do; constant for the provider's life. */
  ProviderCapabilities capabilities();

  /**
   * Problems with an account's shape for this cloud (setting names and values, which credentials
   * are present), each with its field path ({@code settings.region}, {@code credentials.secretKey})
   * and what is allowed; empty when it looks usable. Pure and local: no I/O. A violation's message
   * never quotes a credential's value.
   */
  List<Violation> validateAccount(CloudAccountSpec account);

  /**
   * Asks the cloud whether an account's credentials work. May do I/O; called only by the cloud
   * account controller, which keeps the answer in the account's status.
   *
   * @return {@link AccountCheck#valid()}, or {@link AccountCheck#invalid(String)} when the cloud
   *     refused the credentials
   * @throws dev.palette.error.ProviderException when the cloud could not be asked (a timeout, a
   *     throttle): retryable, the controller asks again later
   */
  AccountCheck verifyAccount(CloudAccountSpec account);

  /**
   * This provider's own rules for a cluster: those the engine's generic rules (names, sizes, limits)
   * cannot know, for example a self-managed cloud's "exactly one control-plane pool of 1, 3 or 5
   * nodes", a managed cloud's "no control-plane pool", a region the account cannot use, a
   * {@link HostClusterSpec#providerConfig()} of the wrong type. Each violation names its field
   * ({@code nodePools[0].size}, {@code region}, {@code providerConfig.vpcId}) and what is allowed;
   * empty when the provider accepts the cluster. Pure and local: no I/O. Instance types are checked
   * by the front door against the catalog, not here.
   *
   * @param spec the cluster as the user wrote it
   * @param account the cloud account the cluster names, its credentials masked (validation needs
   *     none); when the account does not exist, one with only its name and cloud type
   */
  List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account);

  /**
   * The instance types the account may use in {@code region}, with capacity and price (see
   * {@link ProviderCapabilities#pricing()}). May do I/O; only the engine's catalog controller calls
   * it, and the engine caches the answer.
   */
  List<InstanceType> instanceTypes(CloudAccountSpec account, String region);

  /**
   * Takes one step towards the cluster's spec: creates what is missing, resizes what differs. It is
   * called for a {@code RUNNING} cluster too, when the engine opens and at every resync, so it looks
   * at what the cloud really holds and repairs drift (a lost node, a cluster the cloud forgot),
   * finding resources by {@link #CLUSTER_ID_TAG} before creating any. May do I/O.
   *
   * @return {@link StepOutcome.InProgress} while work remains, {@link StepOutcome.Ready} once the
   *     cluster matches its spec, {@link StepOutcome.Failed} when the cloud refused; a provider may
   *     also throw {@link dev.palette.error.ProviderException}, which the engine treats as Failed
   */
  StepOutcome reconcile(ClusterContext cluster);

  /**
   * Takes one step towards removing every resource of the cluster, found by
   * {@link #CLUSTER_ID_TAG}. Deleting what is already gone is {@link StepOutcome.Ready}. May do I/O.
   *
   * @return {@link StepOutcome.InProgress} while resources remain, {@link StepOutcome.Ready} once
   *     none is left, {@link StepOutcome.Failed} when the cloud refused
   */
  StepOutcome delete(ClusterContext cluster);

  /**
   * Admin access to a running cluster: a kubeconfig and, when its credential expires, when. May do
   * I/O; called only by the engine's cluster-access part, which caches the answer until shortly
   * before it expires.
   *
   * @throws dev.palette.error.ProviderException when the cluster is not there or not yet running
   */
  ClusterCredentials access(ClusterContext cluster);

  /** Releases what the provider holds (threads, connections, servers). Idempotent. */
  @Override
  default void close() {}
}
