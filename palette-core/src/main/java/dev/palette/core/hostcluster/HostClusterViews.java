package dev.palette.core.hostcluster;

import dev.palette.Operation;
import dev.palette.core.frontdoor.Views;
import dev.palette.dsl.HostClusterResource;
import dev.palette.dsl.HostClusters;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.Kubeconfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;

/** The host cluster collections: the generic reads, with the kind's own operations for changes. */
public final class HostClusterViews {
  private HostClusterViews() {}

  /** Host clusters of one project. */
  public static HostClusters inProject(Views.Caller caller, HostClusterOperations ops, String project) {
    return new ClustersView(caller, ops, project);
  }

  private static final class ClustersView extends Views.ListView<HostCluster> implements HostClusters {
    private final HostClusterOperations ops;

    ClustersView(Views.Caller caller, HostClusterOperations ops, String project) {
      super(caller, HostClusterKind.DESCRIPTOR, project);
      this.ops = ops;
    }

    @Override
    public Operation<HostCluster> create(HostClusterSpec spec) {
      return ops.create(caller.principal(), project, spec);
    }

    @Override
    public HostClusterResource withName(String name) {
      return new ClusterView(caller, ops, project, name);
    }
  }

  private static final class ClusterView extends Views.RecordView<HostCluster> implements HostClusterResource {
    private final HostClusterOperations ops;

    ClusterView(Views.Caller caller, HostClusterOperations ops, String project, String name) {
      super(caller, HostClusterKind.DESCRIPTOR, project, name);
      this.ops = ops;
    }

    @Override
    public Operation<HostCluster> update(Consumer<HostClusterSpec.Builder> changes) {
      return ops.update(caller.principal(), project, name, changes);
    }

    @Override
    public Operation<HostCluster> scaleNodePool(String pool, int size) {
      return ops.scaleNodePool(caller.principal(), project, name, pool, size);
    }

    @Override
    public Operation<Void> delete() {
      return ops.delete(caller.principal(), project, name);
    }

    @Override
    public Operation<HostCluster> untilReady() {
      return ops.untilReady(caller.principal(), project, name);
    }

    @Override
    public Kubeconfig kubeconfig() {
      return ops.kubeconfig(caller.principal(), project, name);
    }

    @Override
    public KubernetesClient client() {
      return ops.client(caller.principal(), project, name);
    }
  }
}
