package dev.palette.core.cost;

import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.InstanceType;
import dev.palette.model.Metadata;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.NodeState;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Hand-built clusters whose nodes report the capacity of their instance type, the sandbox's
 * instance types, and a private cloud whose one type has no list price.
 */
final class CostFixtures {
  static final String DAY = "2026-03-02";

  /** A private cloud, priced by units: its one VM template has capacity but no list price. */
  static final String COLO = "colo";
  static final List<InstanceType> COLO_TYPES = List.of(InstanceType.builder().name("colo.16x64").cpu(16)
      .memoryMiB(65536).gpus(1).hourlyPrice(BigDecimal.ZERO).build());

  /** The sandbox's instance types and list prices, as its provider lists them. */
  static final List<InstanceType> SANDBOX_TYPES = sandboxTypes();

  private CostFixtures() {}

  /** An instant on the test day, {@code hh:mm} UTC. */
  static Instant at(String hhmm) {
    return Instant.parse(DAY + "T" + hhmm + ":00Z");
  }

  static NodePoolSpec pool(String name, int size, String instanceType, int diskGiB) {
    return NodePoolSpec.builder().name(name).size(size).instanceType(instanceType).diskGiB(diskGiB).build();
  }

  /** A node reporting the capacity of its instance type, as the sandbox's nodes do. */
  static NodeInfo node(String name, String pool, String instanceType, NodeState state) {
    Optional<InstanceType> type = Stream.concat(SANDBOX_TYPES.stream(), COLO_TYPES.stream())
        .filter(t -> t.name().equals(instanceType)).findFirst();
    return NodeInfo.builder().name(name).pool(pool).instanceType(instanceType).state(state)
        .cpu(type.map(InstanceType::cpu).orElse(0)).memoryMiB(type.map(InstanceType::memoryMiB).orElse(0))
        .gpus(type.map(InstanceType::gpus).orElse(0)).build();
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

  /** The same cluster in the cloud account of this name and in this region. */
  static HostCluster inAccount(HostCluster cluster, String account, String region) {
    return cluster.withSpec(cluster.spec().withCloudAccount(account).withRegion(region));
  }

  /**
   * Stores a cloud account of this name in the project ({@code ""}: the tenant) and returns its
   * record id, the key its instance types are cached under; the ledger reads nothing else of it.
   */
  static String account(StateStore store, String project, String name, String cloudType) {
    String id = "account-" + (project.isEmpty() ? "" : project + "-") + name;
    store.create(new StoredRecord(CloudAccount.KIND, id, project, name, Map.of(), 0,
        "{\"spec\":{\"name\":\"" + name + "\",\"cloudType\":\"" + cloudType + "\"}}"));
    return id;
  }

  private static List<InstanceType> sandboxTypes() {
    try (SandboxProvider sandbox = new SandboxProvider()) {
      return sandbox.instanceTypes(CloudAccountSpec.builder().name("any").cloudType("sandbox").build(), "");
    }
  }
}
