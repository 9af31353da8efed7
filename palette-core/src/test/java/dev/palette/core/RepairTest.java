package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.ManualClock;
import dev.palette.Palette;
import dev.palette.dsl.HostClusterResource;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the outside loses is brought back: a cloud that forgot its clusters while the process was
 * away (the sandbox's state dies with its JVM), and a node that vanished behind the engine's back.
 */
class RepairTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration RESYNC = Duration.ofMinutes(10);
  private static final List<String> NODES =
      List.of("gpu-1-control-plane-0", "gpu-1-worker-0", "gpu-1-worker-1", "gpu-1-worker-2");
  @TempDir Path dir;

  @Test
  void aRunningClusterIsBroughtBackWithTheSameNodesAfterAReopenWithAFreshCloud() {
    String id;
    try (SandboxCloud first = new SandboxCloud(SandboxSettings.instant());
        Palette palette = open(first, Clock.systemUTC(), Duration.ofMinutes(10))) {
      Fixtures.projectWithAccount(palette.clusterMode());
      HostCluster running = palette.clusterMode().clusters().inProject(PROJECT)
          .create(Fixtures.cluster("gpu-1")).await(WAIT);
      id = running.metadata().id();
      assertThat(nodeNames(gpu1(palette))).containsExactlyInAnyOrderElementsOf(NODES);
    }

    try (SandboxCloud fresh = new SandboxCloud(SandboxSettings.instant());
        Palette reopened = open(fresh, Clock.systemUTC(), Duration.ofMinutes(10))) {
      assertThat(gpu1(reopened).require().phase()).isEqualTo(ClusterPhase.RUNNING);

      await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
          assertThat(nodeNames(gpu1(reopened))).containsExactlyInAnyOrderElementsOf(NODES));

      assertThat(fresh.cluster(id)).isPresent();
      assertThat(fresh.clusters()).hasSize(1);
      assertThat(fresh.clustersCreated()).isOne();
      assertThat(gpu1(reopened).require().phase()).isEqualTo(ClusterPhase.RUNNING);
    }
  }

  @Test
  void aNodeLostBehindTheEnginesBackIsBackWithinOneResyncPeriod() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
    try (SandboxCloud cloud = new SandboxCloud(SandboxSettings.instant());
        Palette palette = open(cloud, clock, RESYNC)) {
      Fixtures.projectWithAccount(palette.clusterMode());
      String id = palette.clusterMode().clusters().inProject(PROJECT)
          .create(Fixtures.cluster("gpu-1")).await(WAIT).metadata().id();
      assertThat(nodeNames(gpu1(palette))).containsExactlyInAnyOrderElementsOf(NODES);

      assertThat(cloud.loseNode(id, "gpu-1-worker-1")).isTrue();
      assertThat(nodeNames(gpu1(palette))).doesNotContain("gpu-1-worker-1");
      // Only the resync can notice: nothing about the record changed.
      clock.advance(RESYNC);

      await().atMost(WAIT).untilAsserted(() ->
          assertThat(nodeNames(gpu1(palette))).containsExactlyInAnyOrderElementsOf(NODES));
      assertThat(cloud.clustersCreated()).isOne();
    }
  }

  private Palette open(SandboxCloud cloud, Clock clock, Duration resync) {
    return Palette.builder()
        .directoryStore(dir)
        .clock(clock)
        .resyncPeriod(resync)
        .discoverProviders(false)
        .provider(new SandboxProvider(cloud, clock))
        .build();
  }

  private static HostClusterResource gpu1(Palette palette) {
    return palette.clusterMode().clusters().inProject(PROJECT).withName("gpu-1");
  }

  private static List<String> nodeNames(HostClusterResource cluster) {
    Config config = Config.fromKubeconfig(cluster.kubeconfig().yaml());
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      return client.nodes().list().getItems().stream().map(Node::getMetadata).map(m -> m.getName()).toList();
    }
  }
}
