package dev.palette.sandbox;

import dev.palette.ManualClock;
import static dev.palette.sandbox.Clusters.context;
import static dev.palette.sandbox.Clusters.resized;
import static dev.palette.sandbox.Clusters.untilRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.model.Kubeconfig;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.StepOutcome;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxApiServerTest {
  private final SandboxCloud cloud = new SandboxCloud(SandboxSettings.instant());
  private final SandboxProvider provider = new SandboxProvider(cloud, Clock.systemUTC());
  private final ClusterContext ctx = context("c-1", "web", 3);
  private Kubeconfig kubeconfig;
  private KubernetesClient client;

  @BeforeEach
  void startCluster() {
    untilRunning(provider, ctx);
    kubeconfig = provider.access(ctx).kubeconfig();
    client = connect(kubeconfig);
  }

  @AfterEach
  void stop() {
    client.close();
    cloud.close();
  }

  private static KubernetesClient connect(Kubeconfig kubeconfig) {
    Config config = Config.fromKubeconfig(kubeconfig.yaml());
    // Fail at once against a stopped server instead of backing off.
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Test
  void theKubeconfigNamesTheClusterAndCarriesABearerToken() {
    assertThat(kubeconfig.cluster()).isEqualTo("demo/web");
    assertThat(kubeconfig.server()).startsWith("http://");
    assertThat(kubeconfig.yaml()).contains("token:").contains(kubeconfig.server());
    assertThat(kubeconfig.toString()).doesNotContain("token");
    Config config = Config.fromKubeconfig(kubeconfig.yaml());
    assertThat(config.getAutoOAuthToken()).isNotBlank();
    assertThat(config.getNamespace()).isEqualTo("default");
  }

  @Test
  void eachClusterGetsItsOwnToken() {
    ClusterContext other = context("c-2", "api", 1);
    untilRunning(provider, other);

    String token = Config.fromKubeconfig(kubeconfig.yaml()).getAutoOAuthToken();
    String otherToken = Config.fromKubeconfig(provider.access(other).kubeconfig().yaml()).getAutoOAuthToken();

    assertThat(otherToken).isNotEqualTo(token);
  }

  @Test
  void askingTwiceStartsOneApiServer() {
    Kubeconfig again = provider.access(ctx).kubeconfig();

    assertThat(again.server()).isEqualTo(kubeconfig.server());
    assertThat(cloud.runningApiServers()).isEqualTo(1);
  }

  @Test
  void theApiServerHasTheSystemNamespaces() {
    assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system");
    Namespace defaults = client.namespaces().withName("default").get();
    assertThat(defaults.getStatus().getPhase()).isEqualTo("Active");
  }

  @Test
  void theApiServerListsOneNodePerNodeWithLabelsAndCapacity() {
    List<Node> nodes = client.nodes().list().getItems();

    assertThat(nodes).extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrder("web-cp-0", "web-workers-0", "web-workers-1", "web-workers-2");
    Node worker = client.nodes().withName("web-workers-1").get();
    assertThat(worker.getMetadata().getLabels())
        .containsEntry("kubernetes.io/hostname", "web-workers-1")
        .containsEntry("node.kubernetes.io/instance-type", "sandbox.medium")
        .containsEntry("palette.dev/node-pool", "workers")
        .containsEntry("palette.dev/cluster-id", "c-1")
        .doesNotContainKey("node-role.kubernetes.io/control-plane");
    assertThat(worker.getStatus().getCapacity())
        .containsEntry("cpu", new Quantity("4"))
        .containsEntry("memory", new Quantity("8192Mi"))
        .containsEntry("pods", new Quantity("110"))
        .doesNotContainKey("nvidia.com/gpu");
    assertThat(worker.getStatus().getAllocatable()).containsEntry("cpu", new Quantity("4"));
    assertThat(worker.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.");
    assertThat(worker.getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .extracting(NodeCondition::getStatus).containsExactly("True");
    assertThat(Readiness.isNodeReady(worker)).isTrue();

    assertThat(client.nodes().withLabel("node-role.kubernetes.io/control-plane").list().getItems())
        .extracting(n -> n.getMetadata().getName()).containsExactly("web-cp-0");
    assertThat(client.nodes().withLabel("palette.dev/node-pool", "workers").list().getItems())
        .hasSize(3);
  }

  @Test
  void gpuNodesReportTheirGpus() {
    ClusterContext gpu = context("c-gpu", "ml", 1, "sandbox.gpu");
    untilRunning(provider, gpu);
    try (KubernetesClient ml = connect(provider.access(gpu).kubeconfig())) {
      Node node = ml.nodes().withName("ml-workers-0").get();

      assertThat(node.getStatus().getCapacity())
          .containsEntry("nvidia.com/gpu", new Quantity("1"))
          .containsEntry("memory", new Quantity("65536Mi"));
      assertThat(node.getStatus().getAllocatable()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    }
  }

  @Test
  void aDeploymentCreatedThroughTheClientBecomesReady() {
    Deployment created = client.apps().deployments().inNamespace("default")
        .resource(deployment("nginx", 3)).create();

    assertThat(created.getStatus().getReadyReplicas()).isEqualTo(3);
    Deployment stored = client.apps().deployments().inNamespace("default").withName("nginx").get();
    assertThat(stored.getStatus().getReplicas()).isEqualTo(3);
    assertThat(stored.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(stored.getStatus().getUpdatedReplicas()).isEqualTo(3);
    assertThat(stored.getStatus().getObservedGeneration())
        .isEqualTo(stored.getMetadata().getGeneration());
    assertThat(stored.getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Available");
          assertThat(c.getStatus()).isEqualTo("True");
        });
    assertThat(Readiness.getInstance().isReady(stored)).isTrue();
  }

  @Test
  void aDeploymentEditedToMoreReplicasIsReadyAtItsNewSize() {
    client.apps().deployments().inNamespace("default").resource(deployment("nginx", 1)).create();

    client.apps().deployments().inNamespace("default").withName("nginx")
        .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(4).endSpec().build());

    Deployment stored = client.apps().deployments().inNamespace("default").withName("nginx").get();
    assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(4);
    assertThat(Readiness.getInstance().isReady(stored)).isTrue();
  }

  @Test
  void aStatusWrittenThroughUpdateStatusIsKept() {
    client.apps().deployments().inNamespace("default").resource(deployment("nginx", 2)).create();
    Deployment current = client.apps().deployments().inNamespace("default").withName("nginx").get();
    current.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(1).build());

    client.apps().deployments().inNamespace("default").resource(current).updateStatus();

    Deployment stored = client.apps().deployments().inNamespace("default").withName("nginx").get();
    assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(1);
  }

  @Test
  void aPodCreatedThroughTheClientIsRunningAndReady() {
    Pod pod = client.pods().inNamespace("default").resource(new PodBuilder()
        .withNewMetadata().withName("shell").endMetadata()
        .withNewSpec().addNewContainer().withName("sh").withImage("busybox:1.36").endContainer()
        .endSpec().build()).create();

    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    Pod stored = client.pods().inNamespace("default").withName("shell").get();
    assertThat(Readiness.isPodReady(stored)).isTrue();
    assertThat(stored.getStatus().getContainerStatuses()).singleElement()
        .satisfies(cs -> assertThat(cs.getReady()).isTrue());
  }

  @Test
  void aStatefulSetAndADaemonSetBecomeReady() {
    client.apps().statefulSets().inNamespace("default").resource(new StatefulSetBuilder()
        .withNewMetadata().withName("db").endMetadata()
        .withNewSpec().withReplicas(2).withServiceName("db")
        .withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("postgres:16").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();
    client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder()
        .withNewMetadata().withName("agent").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
        .withNewSpec().addNewContainer().withName("a").withImage("agent:1").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();

    StatefulSet db = client.apps().statefulSets().inNamespace("default").withName("db").get();
    DaemonSet agent = client.apps().daemonSets().inNamespace("kube-system").withName("agent").get();
    assertThat(Readiness.getInstance().isReady(db)).isTrue();
    assertThat(agent.getStatus().getNumberReady()).isEqualTo(4);
    assertThat(agent.getStatus().getDesiredNumberScheduled()).isEqualTo(4);
  }

  @Test
  void otherKindsAreStoredAsSent() {
    ConfigMap sent = new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("a", "1").build();

    client.configMaps().inNamespace("default").resource(sent).create();

    assertThat(client.configMaps().inNamespace("default").withName("settings").get().getData())
        .isEqualTo(Map.of("a", "1"));
  }

  @Test
  void scalingWorkersFromThreeToFiveShowsFiveWorkerNodes() {
    untilRunning(provider, resized(ctx, 5));

    assertThat(client.nodes().withLabel("palette.dev/node-pool", "workers").list().getItems())
        .hasSize(5)
        .allSatisfy(n -> assertThat(Readiness.isNodeReady(n)).isTrue());

    untilRunning(provider, resized(ctx, 1));
    assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrder("web-cp-0", "web-workers-0");
  }

  @Test
  void deleteStopsTheApiServerAndRemovesTheCluster() {
    assertThat(client.nodes().list().getItems()).hasSize(4);

    assertThat(provider.delete(ctx)).isInstanceOf(StepOutcome.Ready.class);

    assertThat(cloud.runningApiServers()).isZero();
    assertThat(cloud.cluster("c-1")).isEmpty();
    assertThatThrownBy(() -> client.nodes().list()).isInstanceOf(KubernetesClientException.class);
  }

  @Test
  void closingTheCloudStopsEveryApiServer() {
    ClusterContext other = context("c-2", "api", 1);
    untilRunning(provider, other);
    provider.access(other).kubeconfig();
    assertThat(cloud.runningApiServers()).isEqualTo(2);

    cloud.close();

    assertThat(cloud.runningApiServers()).isZero();
    assertThatThrownBy(() -> client.nodes().list()).isInstanceOf(KubernetesClientException.class);
  }

  @Test
  void serverSideApplyCreatesWhenAbsentAndMergesWhenPresent() {
    ConfigMap first = new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata()
        .addToData("a", "1").build();

    ConfigMap created = client.configMaps().inNamespace("default").resource(first)
        .fieldManager("palette").forceConflicts().serverSideApply();

    assertThat(created.getData()).containsEntry("a", "1");
    assertThat(created.getMetadata().getManagedFields()).singleElement()
        .satisfies(f -> {
          assertThat(f.getManager()).isEqualTo("palette");
          assertThat(f.getOperation()).isEqualTo("Apply");
        });

    ConfigMap second = new ConfigMapBuilder().withNewMetadata().withName("app")
        .addToLabels("palette.dev/inventory", "d-1").endMetadata().addToData("b", "2").build();
    ConfigMap merged = client.configMaps().inNamespace("default").resource(second)
        .fieldManager("palette").forceConflicts().serverSideApply();

    assertThat(merged.getData()).containsEntry("a", "1").containsEntry("b", "2");
    assertThat(merged.getMetadata().getLabels()).containsEntry("palette.dev/inventory", "d-1");
    assertThat(merged.getMetadata().getManagedFields()).hasSize(1);
    assertThat(client.configMaps().inNamespace("default").withName("app").get().getData())
        .containsOnlyKeys("a", "b");
  }

  @Test
  void aDeploymentAppliedServerSideBecomesReady() {
    Deployment applied = client.apps().deployments().inNamespace("default")
        .resource(deployment("api", 2)).fieldManager("palette").forceConflicts().serverSideApply();

    assertThat(applied.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(client.apps().deployments().inNamespace("default").withName("api").isReady())
        .isTrue();

    Deployment upgraded = deployment("api", 3);
    upgraded.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28");
    Deployment reapplied = client.apps().deployments().inNamespace("default").resource(upgraded)
        .fieldManager("palette").forceConflicts().serverSideApply();

    assertThat(reapplied.getSpec().getTemplate().getSpec().getContainers()).singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.28"));
    assertThat(reapplied.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(reapplied.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  @SuppressWarnings("try") // the watch is held open only for its events
  void aWatchSeesTheDeploymentReady() throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(1);
    try (Watch watch = client.apps().deployments().inNamespace("default").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment deployment) {
        if (Readiness.getInstance().isReady(deployment)) {
          ready.countDown();
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      client.apps().deployments().inNamespace("default").resource(deployment("nginx", 2)).create();

      // A generous bound that only guards against a hang; the event normally comes at once.
      assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void nodesAddedToARunningClusterTurnReadyOnTheApiServerWhenTheyRun() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    SandboxSettings settings = SandboxSettings.builder().provisioningDelay(Duration.ofSeconds(5))
        .jitter(Duration.ZERO).nodeDelay(Duration.ofSeconds(2)).build();
    try (SandboxProvider slow = new SandboxProvider(settings, clock)) {
      ClusterContext small = context("c-slow", "slow", 1);
      Clusters.untilRunning(slow, small, clock::advance);
      try (KubernetesClient slowClient = connect(slow.access(small).kubeconfig())) {
        StepOutcome adding = slow.reconcile(resized(small, 2));

        assertThat(adding).isInstanceOf(StepOutcome.InProgress.class);
        assertThat(Readiness.isNodeReady(slowClient.nodes().withName("slow-workers-1").get()))
            .isFalse();

        Clusters.untilRunning(slow, resized(small, 2), clock::advance);

        assertThat(slowClient.nodes().list().getItems()).hasSize(3)
            .allSatisfy(n -> assertThat(Readiness.isNodeReady(n)).isTrue());
      }
    }
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName(name).withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
