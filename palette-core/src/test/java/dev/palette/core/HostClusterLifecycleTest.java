package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Palette;
import dev.palette.Progress;
import dev.palette.dsl.HostClusterResource;
import dev.palette.error.ConflictException;
import dev.palette.error.OperationFailedException;
import dev.palette.event.RecordEvent;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.sandbox.FaultPoint;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostClusterLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private SandboxCloud cloud;
  private Palette palette;

  private ClusterMode start(SandboxSettings settings) {
    cloud = new SandboxCloud(settings);
    palette = Palette.builder()
        .discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC()))
        .build();
    ClusterMode cm = palette.clusterMode();
    Fixtures.projectWithAccount(cm);
    return cm;
  }

  @AfterEach
  void stop() {
    if (palette != null) {
      palette.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void clusterGoesThroughProvisioningToRunningAndIsListedAndWatched() {
    ClusterMode cm = start(SandboxSettings.builder().provisioningDelay(Duration.ofMillis(600))
        .jitter(Duration.ZERO).build());
    List<RecordEvent<HostCluster>> events = new CopyOnWriteArrayList<>();
    cm.clusters().inProject(PROJECT).watch(events::add);
    List<Progress> progress = new CopyOnWriteArrayList<>();

    Operation<HostCluster> create = cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1"));
    // Attached after create() returned: the operation replays what it saw, PENDING included.
    create.onProgress(progress::add);
    HostCluster running = create.await(WAIT);

    assertThat(running.phase()).isEqualTo(ClusterPhase.RUNNING);
    assertThat(running.status().nodes()).hasSize(4);
    Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(progress)
        .extracting(Progress::phase)
        .startsWith("PENDING")
        .containsSubsequence("PENDING", "PROVISIONING", "RUNNING")
        .endsWith("RUNNING"));
    assertThat(progress.get(progress.size() - 1).percent()).isEqualTo(100);
    assertThat(cm.clusters().inProject(PROJECT).list()).extracting(HostCluster::name).containsExactly("gpu-1");
    assertThat(cm.clusters().inAnyScope().list()).hasSize(1);
    assertThat(cm.clusters().inProject(PROJECT).withName("gpu-1").require().isReady()).isTrue();
    Awaitility.await().atMost(WAIT).untilAsserted(() ->
        assertThat(events).first().extracting(RecordEvent::type).isEqualTo(RecordEvent.Type.ADDED));
  }

  @Test
  void aLateProgressListenerHearsEveryProgressFromTheFirst() {
    ClusterMode cm = start(SandboxSettings.instant());
    Operation<HostCluster> create = cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1"));
    create.await(WAIT);
    List<Progress> early = new CopyOnWriteArrayList<>();
    List<Progress> late = new CopyOnWriteArrayList<>();

    create.onProgress(early::add);
    Awaitility.await().atMost(WAIT).untilAsserted(() ->
        assertThat(early).extracting(Progress::phase).startsWith("PENDING").endsWith("RUNNING"));
    create.onProgress(late::add);

    Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(late).isEqualTo(early));
  }

  @Test
  void kubeconfigServesNodesThroughFabric8AndScalingAddsWorkers() {
    ClusterMode cm = start(SandboxSettings.instant());
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(WAIT);
    HostClusterResource gpu1 = cm.clusters().inProject(PROJECT).withName("gpu-1");

    assertThat(nodes(gpu1)).hasSize(4);
    HostCluster scaled = gpu1.scaleNodePool("worker", 5).await(WAIT);

    assertThat(scaled.spec().nodePool("worker").orElseThrow().size()).isEqualTo(5);
    assertThat(scaled.metadata().generation()).isEqualTo(2);
    assertThat(scaled.status().nodes()).hasSize(6);
    assertThat(nodes(gpu1))
        .filteredOn(n -> !n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"))
        .hasSize(5);
  }

  @Test
  void deletionRemovesTheRecordAndStopsTheApiServer() {
    ClusterMode cm = start(SandboxSettings.instant());
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(WAIT);
    HostClusterResource gpu1 = cm.clusters().inProject(PROJECT).withName("gpu-1");
    gpu1.kubeconfig();
    assertThat(cloud.runningApiServers()).isEqualTo(1);

    List<Progress> progress = new CopyOnWriteArrayList<>();
    Operation<Void> delete = gpu1.delete();
    delete.onProgress(progress::add);
    delete.await(WAIT);

    Awaitility.await().atMost(WAIT).untilAsserted(() ->
        assertThat(progress).extracting(Progress::phase).endsWith("DELETED"));
    assertThat(progress.get(0)).isEqualTo(new Progress("DELETING", 0, "deletion requested"));
    assertThat(gpu1.get()).isEmpty();
    assertThat(cloud.runningApiServers()).isZero();
    assertThat(cloud.clusters()).isEmpty();
  }

  @Test
  void updatesWhileProvisioningAreRefused() {
    ClusterMode cm = start(SandboxSettings.builder().provisioningDelay(Duration.ofSeconds(30)).build());
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("slow"));
    HostClusterResource slow = cm.clusters().inProject(PROJECT).withName("slow");

    assertThatThrownBy(() -> slow.scaleNodePool("worker", 5))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("cannot be updated until it is RUNNING");
    assertThat(slow.require().spec().nodePool("worker").orElseThrow().size()).isEqualTo(3);
    assertThat(slow.require().metadata().generation()).isEqualTo(1);
  }

  @Test
  void retryableFaultsAreRetriedUntilTheClusterRuns() {
    ClusterMode cm = start(SandboxSettings.instant());
    cloud.faults().failNext(FaultPoint.CREATE, 2, true);

    HostCluster running = cm.clusters().inProject(PROJECT).create(Fixtures.cluster("flaky")).await(WAIT);

    assertThat(running.phase()).isEqualTo(ClusterPhase.RUNNING);
    assertThat(cloud.faults().pending(FaultPoint.CREATE)).isZero();
    assertThat(cloud.clustersCreated()).isEqualTo(1);
  }

  @Test
  void aPermanentFaultEndsInErrorAndFailsTheOperation() {
    ClusterMode cm = start(SandboxSettings.instant());
    cloud.faults().failNext(FaultPoint.CREATE, 1, false);

    Operation<HostCluster> create = cm.clusters().inProject(PROJECT).create(Fixtures.cluster("doomed"));

    assertThatThrownBy(() -> create.await(WAIT))
        .isInstanceOf(OperationFailedException.class)
        .hasMessageContaining("InjectedFault");
    assertThat(cm.clusters().inProject(PROJECT).withName("doomed").require().phase())
        .isEqualTo(ClusterPhase.ERROR);
  }

  private static List<Node> nodes(HostClusterResource cluster) {
    try (KubernetesClient client = cluster.client()) {
      return client.nodes().list().getItems();
    }
  }
}
