package dev.palette.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated API server on its own, as core's tests and the layer applier use it. */
class SimulatedApiServerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void itStartsWithTheSystemNamespacesAndTheGivenNodesWithTheirCapacity() {
    SimulatedNode gpu = new SimulatedNode("gpu-0", Map.of("pool", "ml"), 8, 65536, 1, true, T0,
        "test://gpu-0");
    try (SimulatedApiServer api = SimulatedApiServer.builder()
        .node(SimulatedNode.ready("node-0", 4, 8192, T0)).node(gpu).start()) {
      KubernetesClient client = api.client();

      assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
          .contains("default", "kube-system", "kube-public", "kube-node-lease");
      Node node = client.nodes().withName("gpu-0").get();
      assertThat(node.getStatus().getCapacity()).containsEntry("cpu", new Quantity("8"))
          .containsEntry("memory", new Quantity("65536Mi"))
          .containsEntry("nvidia.com/gpu", new Quantity("1"));
      assertThat(node.getMetadata().getLabels()).containsEntry("pool", "ml")
          .containsEntry("kubernetes.io/hostname", "gpu-0");
      assertThat(node.getSpec().getProviderID()).isEqualTo("test://gpu-0");
      assertThat(node.getStatus().getNodeInfo().getKubeletVersion())
          .isEqualTo(SimulatedApiServer.KUBELET_VERSION);
      assertThat(Readiness.isNodeReady(node)).isTrue();
    }
  }

  @Test
  void itsKubeconfigConnectsAnyClientWithItsToken() {
    try (SimulatedApiServer api = SimulatedApiServer.builder().name("edge-1").token("t0ken").start();
        KubernetesClient own = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(api.kubeconfig())).build()) {
      Config config = Config.fromKubeconfig(api.kubeconfig());

      assertThat(config.getMasterUrl()).isEqualTo(api.url());
      assertThat(config.getAutoOAuthToken()).isEqualTo("t0ken");
      assertThat(config.getCurrentContext().getName()).isEqualTo("edge-1");
      assertThat(own.namespaces().withName("default").get()).isNotNull();
      assertThat(api.toString()).doesNotContain("t0ken");
    }
  }

  @Test
  void serverSideApplyCreatesWhenAbsentAndMergesWhenPresent() {
    try (SimulatedApiServer api = SimulatedApiServer.start()) {
      var configMaps = api.client().configMaps().inNamespace("default");

      configMaps.resource(configMap(Map.of("a", "1"))).fieldManager("test").forceConflicts()
          .serverSideApply();
      ConfigMap merged = configMaps.resource(configMap(Map.of("b", "2"))).fieldManager("test")
          .forceConflicts().serverSideApply();

      assertThat(merged.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
      assertThat(configMaps.withName("app").get().getData()).containsEntry("b", "2");
      assertThat(merged.getMetadata().getManagedFields()).singleElement()
          .satisfies(f -> assertThat(f.getManager()).isEqualTo("test"));
    }
  }

  @Test
  void withTheKubeletOnADeploymentIsReadyAsSoonAsItIsWritten() {
    try (SimulatedApiServer api = SimulatedApiServer.start()) {
      Deployment written = api.client().apps().deployments().inNamespace("default")
          .resource(deployment()).create();

      assertThat(Readiness.getInstance().isReady(written)).isTrue();
      assertThat(written.getStatus().getReadyReplicas()).isEqualTo(2);
    }
  }

  @Test
  void withTheKubeletOffAWorkloadIsStoredAsSentAndNeverReady() {
    try (SimulatedApiServer api = SimulatedApiServer.builder().kubelet(false).start()) {
      api.client().apps().deployments().inNamespace("default").resource(deployment()).create();

      Deployment stored = api.client().apps().deployments().inNamespace("default").withName("web").get();
      assertThat(stored.getStatus()).isNull();
      assertThat(Readiness.getInstance().isReady(stored)).isFalse();
    }
  }

  @Test
  void publishingNodesAddsUpdatesAndRemovesNodeObjects() {
    SimulatedNode a = SimulatedNode.ready("a", 2, 4096, T0);
    SimulatedNode b = SimulatedNode.ready("b", 2, 4096, T0).withReady(false, T0);
    try (SimulatedApiServer api = SimulatedApiServer.builder().node(a).start()) {
      api.nodes(List.of(a, b));
      assertThat(Readiness.isNodeReady(api.client().nodes().withName("b").get())).isFalse();

      api.nodes(List.of(b.withReady(true, T0.plusSeconds(5))));

      assertThat(api.client().nodes().list().getItems()).singleElement()
          .satisfies(n -> assertThat(Readiness.isNodeReady(n)).isTrue());
      assertThat(api.nodes()).extracting(SimulatedNode::name).containsExactly("b");
    }
  }

  @Test
  void closingIsIdempotentAndStopsTheServer() {
    SimulatedApiServer api = SimulatedApiServer.start();
    KubernetesClient client = api.client();
    Namespace before = client.namespaces().withName("default").get();

    api.close();
    api.close();

    assertThat(before).isNotNull();
    assertThatThrownBy(api::client).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> api.nodes(List.of())).isInstanceOf(IllegalStateException.class);
  }

  private static ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata().withData(data)
        .build();
  }

  private static Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
