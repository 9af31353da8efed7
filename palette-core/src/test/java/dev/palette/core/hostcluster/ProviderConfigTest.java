package dev.palette.core.hostcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxClusterConfig;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider's own config is stored with the cluster, reads back as its type, and reaches it. */
class ProviderConfigTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void theSandboxConfigSurvivesAReopenAndTurnsTheSimulatedKubeletOff() {
    HostClusterSpec spec = HostClusterSpec.builder().name("quiet").cloudType("sandbox")
        .cloudAccount("sandbox").region("local").addZone("local-a").kubernetesVersion("1.31")
        .providerConfig(SandboxClusterConfig.builder().kubelet(false).build())
        .nodePool(p -> p.name("cp").size(1).controlPlane(true).instanceType("sandbox.small"))
        .build();
    try (SandboxCloud cloud = new SandboxCloud(SandboxSettings.instant())) {
      create(cloud, spec);
      reopenAndCheck(cloud, spec);
    }
  }

  private void create(SandboxCloud cloud, HostClusterSpec spec) {
    try (Palette first = open(cloud)) {
      ClusterMode cm = first.clusterMode();
      cm.projects().create(p -> p.name("p"));
      cm.cloudAccounts().inProject("p").create(a -> a.name("sandbox").cloudType("sandbox"));
      cm.clusters().inProject("p").create(spec).await(WAIT);
    }
  }

  private void reopenAndCheck(SandboxCloud cloud, HostClusterSpec spec) {
    try (Palette second = open(cloud)) {
      var cluster = second.clusterMode().clusters().inProject("p").withName("quiet");
      HostCluster read = cluster.require();
      assertThat(read.spec()).isEqualTo(spec);
      assertThat(read.spec().providerConfig()).isInstanceOf(SandboxClusterConfig.class);

      try (KubernetesClient client = cluster.client()) {
        Deployment written = client.apps().deployments().inNamespace("default")
            .resource(deployment()).create();
        assertThat(Readiness.getInstance().isReady(written)).isFalse();
      }
    }
  }

  private Palette open(SandboxCloud cloud) {
    return Palette.builder().directoryStore(dir).discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC())).build();
  }

  private static Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
