package dev.palette.core.hostcluster;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.Operation;
import dev.palette.Principal;
import dev.palette.core.frontdoor.Action;
import dev.palette.core.frontdoor.Awaiter;
import dev.palette.core.frontdoor.Dependents;
import dev.palette.core.frontdoor.FrontDoor;
import dev.palette.core.frontdoor.RecordOperation;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Violations;
import dev.palette.core.record.Records;
import dev.palette.dsl.Specs;
import dev.palette.error.ConflictException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.Kubeconfig;
import dev.palette.model.Metadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What host clusters do beyond the generic front door: each change returns an operation that
 * completes when the controller has carried it out, a change waits until the cluster runs, a
 * delete asks the controller, and a running cluster hands out a kubeconfig and a client.
 */
public final class HostClusterOperations {
  private static final int UPDATE_ATTEMPTS = 16;
  private static final KindDescriptor<HostCluster, HostClusterSpec, HostClusterSpec.Builder> KIND =
      HostClusterKind.DESCRIPTOR;

  // How an operation reads a host cluster and tells it is done or failed.
  private final RecordOperation.Tracking<HostCluster> tracking;

  private final FrontDoor door;
  private final Awaiter awaiter;
  private final ClusterAccess access;

  public HostClusterOperations(FrontDoor door, Awaiter awaiter, ClusterAccess access) {
    this.door = door;
    this.awaiter = awaiter;
    this.tracking = new RecordOperation.Tracking<>(stored -> door.records().codec().decode(KIND.record(), stored),
        HostCluster::status, c -> c.phase() == ClusterPhase.RUNNING, c -> c.phase() == ClusterPhase.ERROR,
        ProviderConditions::failure);
    this.access = access;
  }

  /** Creates the cluster; the operation completes when it is RUNNING. */
  public Operation<HostCluster> create(Principal caller, String project, HostClusterSpec spec) {
    return untilReady(door.create(caller, KIND, project, spec), "create");
  }

  public Operation<HostCluster> update(
      Principal caller, String project, String name, Consumer<HostClusterSpec.Builder> changes) {
    door.guard().check(caller, Action.of(KIND, "update"), project, name);
    return updateSpec(caller, project, name, current -> Specs.build("HostCluster " + shown(name),
        current.toBuilder(), changes, HostClusterSpec.Builder::build));
  }

  /** Sets one pool's size, computed from the spec read on each attempt so a racing change is kept. */
  public Operation<HostCluster> scaleNodePool(Principal caller, String project, String name, String pool, int size) {
    door.guard().check(caller, Action.of(KIND, "update"), project, name);
    return updateSpec(caller, project, name, current -> {
      if (current.nodePool(pool).isEmpty()) {
        throw new ValidationException("scale of HostCluster " + shown(name),
            List.of(new Violation("nodePools", "no pool named " + shown(pool) + "; pools: "
                + current.nodePools().stream().map(p -> p.name()).toList())));
      }
      return current.withNodePools(current.nodePools().stream()
          .map(p -> p.name().equals(pool) ? p.withSize(size) : p)
          .toList());
    });
  }

  // Read, change, validate and compare-and-set, again from a fresh read when another write won.
  private Operation<HostCluster> updateSpec(Principal caller, String project, String name,
      UnaryOperator<HostClusterSpec> change) {
    Records records = door.records();
    for (int attempt = 1; ; attempt++) {
      HostCluster current = records.require(KIND.record(), project, name);
      ClusterPhase phase = current.phase();
      if (current.metadata().deletionRequested()) {
        throw new ConflictException("HostCluster " + KindDescriptor.address(project, name)
            + " is being deleted; it cannot be updated");
      }
      if (phase == ClusterPhase.PENDING || phase == ClusterPhase.PROVISIONING) {
        throw new ConflictException("HostCluster " + KindDescriptor.address(project, name) + " is " + phase
            + ": it cannot be updated until it is RUNNING; await its create operation (or untilReady()) first");
      }
      HostClusterSpec spec = change.apply(current.spec());
      Violations v = new Violations();
      KIND.validate(door.context(), v, project, current.spec(), spec);
      v.throwIfAny("HostCluster " + shown(name));
      if (spec.equals(current.spec())) {
        return untilReady(current, "update");
      }
      HostCluster next = withSpec(current, spec);
      boolean newReferences = !spec.cloudAccount().equals(current.spec().cloudAccount())
          || !spec.profiles().equals(current.spec().profiles());
      List<Dependents.Owner> owners = newReferences ? door.rules().owners(KIND, next) : List.of();
      try {
        HostCluster written = door.guard().write(caller, Action.of(KIND, "update"), project, name, sequence -> {
          HostCluster stamped = Records.stamped(KIND.record(), next, sequence);
          return newReferences
              ? door.dependents().update(KIND.record(), current, stamped, owners,
                  restored -> withSpec(restored, current.spec()))
              : records.update(KIND.record(), stamped);
        }, w -> KIND.updated(current, w));
        return untilReady(written, "update");
      } catch (ConflictException e) {
        // Another write won; the change is computed again from what it wrote.
        if (attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  // The spec's labels are the one source of truth; the metadata's copy is what label queries see.
  private HostCluster withSpec(HostCluster cluster, HostClusterSpec spec) {
    Metadata m = cluster.metadata();
    return cluster.withSpec(spec).withMetadata(
        m.withGeneration(m.generation() + 1).withLabels(spec.labels()).withUpdatedAt(door.clock().instant()));
  }

  /**
   * Asks the controller to delete the cluster, unless a record that refers to it blocks that; the
   * operation completes once the cluster is gone.
   */
  public Operation<Void> delete(Principal caller, String project, String name) {
    Action action = Action.of(KIND, "delete");
    door.guard().check(caller, action, project, name);
    for (int attempt = 1; ; attempt++) {
      HostCluster current = door.records().require(KIND.record(), project, name);
      HostCluster written = current;
      if (!current.metadata().deletionRequested()) {
        String blockers = door.rules().blockers(KIND, current);
        if (blockers != null) {
          throw new ConflictException(blockers);
        }
        try {
          written = door.guard().update(caller, action, project, name, KIND.record(),
              current.withMetadata(current.metadata().withDeletionRequested(true)
                  .withUpdatedAt(door.clock().instant())),
              w -> "asked to delete host cluster " + name);
        } catch (ConflictException e) {
          if (attempt == UPDATE_ATTEMPTS) {
            throw e;
          }
          continue;
        }
      }
      return awaiter.untilGone("delete HostCluster " + KindDescriptor.address(project, name), KIND, written,
          tracking);
    }
  }

  public Operation<HostCluster> untilReady(Principal caller, String project, String name) {
    door.guard().check(caller, Action.of(KIND, "get"), project, name);
    return untilReady(door.records().require(KIND.record(), project, name), "reconcile");
  }

  /** An admin kubeconfig of a running cluster, from the engine's cluster access. */
  public Kubeconfig kubeconfig(Principal caller, String project, String name) {
    return access.kubeconfig(running(caller, project, name));
  }

  /** A new client of a running cluster; the caller closes it. */
  public KubernetesClient client(Principal caller, String project, String name) {
    // The caller's own client, closed by the caller; the engine's shared one stays with the engine.
    Kubeconfig kubeconfig = access.kubeconfig(running(caller, project, name));
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.yaml())).build();
  }

  private HostCluster running(Principal caller, String project, String name) {
    door.guard().check(caller, Action.of(KIND, "kubeconfig"), project, name);
    HostCluster cluster = door.records().require(KIND.record(), project, name);
    if (cluster.phase() != ClusterPhase.RUNNING) {
      throw new ConflictException("HostCluster " + KindDescriptor.address(project, name) + " is "
          + cluster.phase() + "; a kubeconfig exists once it is RUNNING");
    }
    return cluster;
  }

  private Operation<HostCluster> untilReady(HostCluster cluster, String verb) {
    return awaiter.untilDone(verb + " HostCluster " + KindDescriptor.address(cluster.metadata().project(),
        cluster.name()), KIND, cluster, tracking);
  }
}
