package dev.palette.core.cost;

import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.InstanceType;
import dev.palette.model.Metadata;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.NodeState;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.StepOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Hand-built clusters, a clock the test moves, and a private cloud without list prices. */
final class CostFixtures {
  static final String DAY = "2026-03-02";

  private CostFixtures() {}

  /** An instant on the test day, {@code hh:mm} UTC. */
  static Instant at(String hhmm) {
    return Instant.parse(DAY + "T" + hhmm + ":00Z");
  }

  static NodePoolSpec pool(String name, int size, String instanceType, int diskGiB) {
    return NodePoolSpec.builder().name(name).size(size).instanceType(instanceType).diskGiB(diskGiB).build();
  }

  static NodeInfo node(String name, String pool, String instanceType, NodeState state) {
    return NodeInfo.builder().name(name).pool(pool).instanceType(instanceType).state(state).build();
  }

  static NodeInfo running(String name, String pool, String instanceType) {
    return node(name, pool, instanceType, NodeState.RUNNING);
  }

  /** A cluster whose id is {@code project-name}, with the pools and the nodes given. */
  static HostCluster cluster(String project, String name, String cloudType, List<NodePoolSpec> pools,
      List<NodeInfo> nodes) {
    Instant created = Instant.parse(DAY + "T00:00:00Z");
    return HostCluster.builder()
        .metadata(Metadata.builder().kind(HostCluster.KIND).id(project + "-" + name).name(name)
            .project(project).createdAt(created).updatedAt(created).build())
        .spec(HostClusterSpec.builder().name(name).cloudType(cloudType).cloudAccount(cloudType)
            .nodePools(pools).build())
        .status(HostClusterStatus.builder().nodes(nodes).build())
        .build();
  }

  /** The same cluster with another node list. */
  static HostCluster withNodes(HostCluster cluster, List<NodeInfo> nodes) {
    return cluster.withStatus(cluster.status().withNodes(nodes));
  }



  /**
   * A private cloud: its one VM template has capacity but no list price, so it is priced by units.
   * Only what the cost service asks of a provider works.
   */
  static final class ColoProvider implements CloudProvider {
    static final String ID = "colo";

    @Override
    public String id() {
      return ID;
    }

    @Override
    public List<Violation> validateAccount(CloudAccountSpec account) {
      return List.of();
    }

    @Override
    public ProviderCapabilities capabilities() {
      return new ProviderCapabilities(ProviderCapabilities.ControlPlane.SELF_MANAGED, false, true,
          ProviderCapabilities.Pricing.PER_UNIT);
    }

    @Override
    public AccountCheck verifyAccount(CloudAccountSpec account) {
      throw new UnsupportedOperationException("the colo test provider only lists instance types");
    }

    @Override
    public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
      return List.of();
    }

    @Override
    public List<InstanceType> instanceTypes(CloudAccountSpec account, String region) {
      return List.of(InstanceType.builder().name("colo.16x64").cpu(16).memoryMiB(65536).gpus(1)
          .hourlyPrice(BigDecimal.ZERO).build());
    }

    @Override
    public StepOutcome reconcile(ClusterContext cluster) {
      throw new UnsupportedOperationException("the colo test provider only lists instance types");
    }

    @Override
    public StepOutcome delete(ClusterContext cluster) {
      throw new UnsupportedOperationException("the colo test provider only lists instance types");
    }

    @Override
    public ClusterCredentials access(ClusterContext cluster) {
      throw new UnsupportedOperationException("the colo test provider only lists instance types");
    }
  }
}
