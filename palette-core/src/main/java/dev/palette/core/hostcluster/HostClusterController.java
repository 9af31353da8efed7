package dev.palette.core.hostcluster;

import dev.palette.core.controller.Reconciler;
import dev.palette.core.controller.SecondaryWatch;
import dev.palette.core.controller.Result;
import dev.palette.core.cost.CostService;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.ProviderException;
import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterPhase;
import dev.palette.model.Condition;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.NodeInfo;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a host cluster's provider one step at a time: provisions it to {@code RUNNING}, applies
 * spec changes, and on deletion removes its cloud resources before the record itself. Each step's
 * {@link StepOutcome} is written to the status: nodes, progress and the provider's observed
 * identifiers, which go back to the provider in the next step's {@link ClusterContext}; a
 * {@link StepOutcome.Failed} (or a thrown {@link ProviderException}) keeps the cloud's error code in
 * a {@link ProviderConditions} condition and is retried when the provider says it may be.
 */
public final class HostClusterController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(HostClusterController.class);
  private static final RecordKind<HostCluster> KIND = RecordKind.HOST_CLUSTER;

  /** Kept on every host cluster until its cloud resources are gone. */
  public static final String FINALIZER = "palette.dev/host-cluster";

  private final Records records;
  private final ProviderRegistry providers;
  private final CostService costs;
  private final Clock clock;

  public HostClusterController(Records records, ProviderRegistry providers, CostService costs, Clock clock) {
    this.records = records;
    this.providers = providers;
    this.costs = costs;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return HostCluster.KIND;
  }

  @Override
  public Optional<String> finalizer() {
    return Optional.of(FINALIZER);
  }

  /** A cloud account's change (rotated credentials, a new verdict) wakes the clusters that use it. */
  @Override
  public List<SecondaryWatch> watches() {
    return List.of(new SecondaryWatch(CloudAccount.KIND, new ClustersUsingAccount(records)));
  }

  @Override
  public Result reconcile(String id) {
    Optional<HostCluster> found = records.get(KIND, id);
    if (found.isEmpty()) {
      return Result.done();
    }
    HostCluster cluster = found.get();
    Optional<CloudProvider> provider = providers.find(cluster.spec().cloudType());
    if (provider.isEmpty()) {
      return fail(cluster, providers.unknown(cluster.spec().cloudType()));
    }
    try {
      return cluster.metadata().deletionRequested()
          ? delete(cluster, provider.get())
          : provision(cluster, provider.get());
    } catch (ProviderException e) {
      return failed(cluster, e);
    } catch (ConflictException e) {
      // The record changed under us; the change has queued us again.
      return Result.done();
    }
  }

  private Result failed(HostCluster cluster, ProviderException e) {
    if (!e.retryable()) {
      return fail(cluster, e);
    }
    LOG.info("{} {}: {}; will retry", KIND.name(), Records.address(cluster), e.getMessage());
    writeStatus(cluster, s -> s.failures(cluster.status().failures() + 1).message(e.getMessage())
        .conditions(ProviderConditions.failed(cluster.status().conditions(), e, clock.instant())));
    // The cloud's own wait wins over the backoff when it named one.
    return e.retryAfter().<Result>map(Result::requeueAfter).orElseGet(() -> Result.retry(e));
  }

  private Result provision(HostCluster cluster, CloudProvider provider) {
    HostClusterStatus status = cluster.status();
    long generation = cluster.metadata().generation();
    if (status.phase() == ClusterPhase.ERROR && status.observedGeneration() >= generation) {
      return Result.done();
    }
    // A RUNNING cluster is still stepped: the step is idempotent, and it is how drift outside (a
    // lost node, a cloud that forgot the cluster after a restart) is noticed and repaired.
    StepOutcome outcome = provider.reconcile(context(cluster));
    if (outcome instanceof StepOutcome.Failed f) {
      return failed(cluster, exception(provider, f));
    }
    if (outcome instanceof StepOutcome.Ready r) {
      return provisioned(cluster, 100, r.message(), r.nodes(), r.observed(), null);
    }
    StepOutcome.InProgress p = (StepOutcome.InProgress) outcome;
    return provisioned(cluster, p.progress(), p.message(), p.nodes(), p.observed(), p.after());
  }

  /** Writes a successful provisioning step; {@code after} is null once the cluster is ready. */
  private Result provisioned(HostCluster cluster, int progress, String message, List<NodeInfo> nodes,
      Map<String, String> observed, Duration after) {
    HostClusterStatus status = cluster.status();
    long generation = cluster.metadata().generation();
    boolean running = after == null;
    // A cluster that ran once stays RUNNING while a spec change rolls out, as in Palette.
    ClusterPhase phase =
        running || status.phase() == ClusterPhase.RUNNING ? ClusterPhase.RUNNING : ClusterPhase.PROVISIONING;
    HostClusterStatus next = status.toBuilder()
        .phase(phase)
        .progress(progress)
        .message(message)
        .nodes(nodes)
        .observed(observed)
        .failures(0)
        .conditions(ProviderConditions.cleared(status.conditions()))
        .observedGeneration(running ? generation : status.observedGeneration())
        .build();
    // Usage accrues from the moment the provider reports nodes running, before anyone is told.
    costs.observe(cluster.withStatus(next));
    HostCluster written = writeStatus(cluster, next);
    if (running && status.phase() != ClusterPhase.RUNNING) {
      LOG.info("{} {} is RUNNING with {} nodes", KIND.name(), Records.address(written), nodes.size());
    }
    return running ? Result.done() : Result.requeueAfter(after);
  }

  private Result delete(HostCluster cluster, CloudProvider provider) {
    StepOutcome outcome = provider.delete(context(cluster));
    if (outcome instanceof StepOutcome.Failed f) {
      return failed(cluster, exception(provider, f));
    }
    if (outcome instanceof StepOutcome.Ready) {
      costs.clusterGone(cluster.metadata().id());
      records.removeFinalizer(KIND, cluster, FINALIZER);
      LOG.info("{} {} is deleted", KIND.name(), Records.address(cluster));
      return Result.done();
    }
    StepOutcome.InProgress p = (StepOutcome.InProgress) outcome;
    writeStatus(cluster, s -> s.phase(ClusterPhase.DELETING).progress(p.progress())
        .message(p.message()).observed(p.observed()).failures(0));
    return Result.requeueAfter(p.after());
  }

  /** A failed outcome as the exception the status, the operation and the retry policy know. */
  private static ProviderException exception(CloudProvider provider, StepOutcome.Failed f) {
    return new ProviderException(provider.id(), f.code(), f.retryable(), f.retryAfter().orElse(null),
        f.message(), null);
  }

  private Result fail(HostCluster cluster, String message) {
    return fail(cluster, message, cluster.status().conditions());
  }

  private Result fail(HostCluster cluster, ProviderException e) {
    return fail(cluster, e.getMessage(),
        ProviderConditions.failed(cluster.status().conditions(), e, clock.instant()));
  }

  private Result fail(HostCluster cluster, String message, List<Condition> conditions) {
    LOG.warn("{} {} failed: {}", KIND.name(), Records.address(cluster), message);
    writeStatus(
        cluster,
        s -> s.phase(cluster.metadata().deletionRequested() ? ClusterPhase.DELETING : ClusterPhase.ERROR)
            .message(message)
            .conditions(conditions)
            .observedGeneration(cluster.metadata().generation()));
    return Result.done();
  }

  private ClusterContext context(HostCluster cluster) {
    String project = cluster.metadata().project();
    String accountName = cluster.spec().cloudAccount();
    CloudAccount account =
        records
            .getInProjectOrTenantWithSecrets(RecordKind.CLOUD_ACCOUNT, project, accountName)
            .orElseThrow(
                () -> new ProviderException(cluster.spec().cloudType(), "CloudAccountNotFound", false,
                    "cloud account '" + accountName + "' no longer exists in project " + project
                        + " or the tenant"));
    return new ClusterContext(
        cluster.metadata().id(), project, cluster.spec(), account.spec(), cluster.status().observed());
  }

  private HostCluster writeStatus(
      HostCluster cluster, java.util.function.UnaryOperator<HostClusterStatus.Builder> change) {
    return writeStatus(cluster, change.apply(cluster.status().toBuilder()).build());
  }

  private HostCluster writeStatus(HostCluster cluster, HostClusterStatus next) {
    if (next.equals(cluster.status())) {
      return cluster;
    }
    HostCluster updated =
        cluster.withStatus(next).withMetadata(cluster.metadata().withUpdatedAt(clock.instant()));
    try {
      return records.updateStatus(KIND, updated);
    } catch (NotFoundException e) {
      return cluster;
    }
  }

}
