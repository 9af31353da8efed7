package dev.palette.core.hostcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.error.ValidationException;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.NodeInfo;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Control-plane rules are the provider's: a managed-control-plane cloud takes a cluster of worker
 * pools only, while the self-managed sandbox still wants its control-plane pool.
 */
class ManagedControlPlaneTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PROJECT = "platform";
  private Palette palette;
  private ClusterMode cm;

  @BeforeEach
  void start() {
    palette = Palette.builder().discoverProviders(false)
        .provider(new SandboxProvider(SandboxSettings.instant(), Clock.systemUTC()))
        .provider(new ManagedSandboxProvider(
            new SandboxProvider(SandboxSettings.instant(), Clock.systemUTC())))
        .build();
    cm = palette.clusterMode();
    cm.projects().create(p -> p.name(PROJECT));
    cm.cloudAccounts().inProject(PROJECT).create(a -> a.name("sandbox").cloudType("sandbox"));
    cm.cloudAccounts().inProject(PROJECT)
        .create(a -> a.name("managed").cloudType(ManagedSandboxProvider.ID));
  }

  @AfterEach
  void stop() {
    palette.close();
  }

  private static HostClusterSpec workersOnly(String cloudType, String account) {
    return HostClusterSpec.builder().name("workers-only").cloudType(cloudType).cloudAccount(account)
        .nodePool(p -> p.name("general").size(2).instanceType("sandbox.medium"))
        .nodePool(p -> p.name("gpu").size(1).instanceType("sandbox.gpu"))
        .build();
  }

  @Test
  void aManagedControlPlaneCloudRunsAClusterOfWorkerPoolsOnly() {
    HostCluster running = cm.clusters().inProject(PROJECT)
        .create(workersOnly(ManagedSandboxProvider.ID, "managed")).await(WAIT);

    assertThat(running.phase()).isEqualTo(ClusterPhase.RUNNING);
    assertThat(running.status().nodes()).hasSize(3).noneMatch(NodeInfo::controlPlane);
    assertThat(running.status().nodes()).filteredOn(n -> n.pool().equals("gpu"))
        .extracting(NodeInfo::gpus).containsExactly(1);
    assertThat(running.status().observed()).containsKey(SandboxProvider.CLUSTER_REF);
  }

  @Test
  void aManagedControlPlaneCloudRefusesAControlPlanePoolWithItsMessage() {
    HostClusterSpec withControlPlane = workersOnly(ManagedSandboxProvider.ID, "managed").toBuilder()
        .nodePool(p -> p.name("cp").size(1).controlPlane(true).instanceType("sandbox.medium"))
        .build();

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> cm.clusters().inProject(PROJECT).create(withControlPlane));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("nodePools[2].controlPlane");
      assertThat(v.message()).contains("the cloud runs the control plane");
    });
    assertThat(cm.clusters().inProject(PROJECT).list()).isEmpty();
  }

  @Test
  void theSelfManagedSandboxStillRefusesAClusterWithoutAControlPlaneWithItsMessage() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> cm.clusters().inProject(PROJECT).create(workersOnly("sandbox", "sandbox")));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("nodePools");
      assertThat(v.message()).isEqualTo("the sandbox's control plane runs on the cluster's nodes:"
          + " a cluster has exactly one control-plane pool (controlPlane(true)), this one has 0");
    });
    assertThat(cm.clusters().inProject(PROJECT).list()).isEmpty();
  }
}
