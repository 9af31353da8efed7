package dev.palette.sandbox;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.reflect.Field;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated cluster's Kubernetes API server: a Fabric8 mock server in CRUD mode with the
 * simulated kubelet's dispatcher, seeded with the namespaces and Node objects a fresh cluster has.
 * Node objects are written in-process (no HTTP), which keeps seeding and resizing cheap.
 */
final class SandboxApiServer {
  /** The kubelet version every simulated node reports. */
  static final String KUBELET_VERSION = "v1.31.4";
  private static final String JSON = "application/json";

  // The mock web server logs every request at INFO; a fleet of simulated clusters would flood the
  // host program's console. Held strongly so the level is not lost when the logger is collected.
  private static final java.util.logging.Logger REQUEST_LOG = quietRequestLog();

  private final KubeletDispatcher dispatcher = new KubeletDispatcher();
  private final KubernetesMockServer server;
  // Node name → whether it was last published Ready; touched only under the cluster's lock.
  private final Map<String, Boolean> published = new HashMap<>();

  private SandboxApiServer() {
    // CRUD mode as DESIGN.md verified it: (context, web server, no expectations, dispatcher, http).
    server = new KubernetesMockServer(
        new Context(), daemonWebServer(), new HashMap<>(), dispatcher, false);
  }

  /**
   * A mock web server whose Vert.x runs on daemon threads, so that a program that forgets to
   * close its Palette still exits. The server builds its own Vert.x with the default options
   * (non-daemon threads, set explicitly) and has no way to be given another, so the unused
   * default is swapped for a daemon one before the server starts, and closed.
   */
  private static MockWebServer daemonWebServer() {
    MockWebServer web = new MockWebServer();
    Vertx daemon = Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
    try {
      Field field = MockWebServer.class.getDeclaredField("vertx");
      field.setAccessible(true);
      Vertx unused = (Vertx) field.get(web);
      field.set(web, daemon);
      unused.close();
      return web;
    } catch (ReflectiveOperationException | RuntimeException e) {
      daemon.close();
      throw new IllegalStateException("cannot give the Fabric8 mock web server daemon threads; this"
          + " version of io.fabric8:mockwebserver is not the one the sandbox was built for", e);
    }
  }

  private static java.util.logging.Logger quietRequestLog() {
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
    if (log.getLevel() == null) {
      log.setLevel(java.util.logging.Level.WARNING);
    }
    return log;
  }

  /** Starts a server seeded with {@code default}, {@code kube-system} and one Node per node. */
  static SandboxApiServer start(String clusterId, List<SandboxNode> nodes) {
    SandboxApiServer api = new SandboxApiServer();
    api.server.init();
    try {
      for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
            .withNewStatus().withPhase("Active").endStatus().build();
        api.write(HttpMethod.POST, "/api/v1/namespaces", Serialization.asJson(namespace));
      }
      api.sync(clusterId, nodes);
      return api;
    } catch (RuntimeException e) {
      api.stop();
      throw e;
    }
  }

  /** The API server URL, for example {@code http://localhost:40123/}. */
  String url() {
    return server.url("/");
  }

  /** Makes the Node objects match {@code nodes}: creates, updates readiness, deletes. */
  void sync(String clusterId, List<SandboxNode> nodes) {
    Map<String, SandboxNode> wanted = new LinkedHashMap<>();
    nodes.forEach(n -> wanted.put(n.name(), n));
    for (String gone : Set.copyOf(published.keySet())) {
      if (!wanted.containsKey(gone)) {
        write(HttpMethod.DELETE, "/api/v1/nodes/" + gone, null);
        published.remove(gone);
      }
    }
    for (SandboxNode node : wanted.values()) {
      Boolean was = published.get(node.name());
      if (was == null) {
        write(HttpMethod.POST, "/api/v1/nodes", Serialization.asJson(toNode(clusterId, node)));
      } else if (was != node.running()) {
        write(HttpMethod.PUT, "/api/v1/nodes/" + node.name(),
            Serialization.asJson(toNode(clusterId, node)));
      }
      published.put(node.name(), node.running());
    }
    dispatcher.readyNodes((int) nodes.stream().filter(SandboxNode::running).count());
  }

  void stop() {
    server.destroy();
  }

  private void write(HttpMethod method, String path, String body) {
    MockResponse response = dispatcher.call(method, path, JSON, body);
    if (response.code() >= 300 && !(method == HttpMethod.DELETE && response.code() == 404)) {
      throw new IllegalStateException(
          "the sandbox API server refused " + method + " " + path + " with " + response.code());
    }
  }

  private static Node toNode(String clusterId, SandboxNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", node.name());
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("node.kubernetes.io/instance-type", node.instanceType().name());
    labels.put("palette.dev/node-pool", node.pool());
    labels.put("palette.dev/cluster-id", clusterId);
    if (node.controlPlane()) {
      labels.put("node-role.kubernetes.io/control-plane", "");
    }
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", new Quantity(Integer.toString(node.instanceType().cpu())));
    capacity.put("memory", new Quantity(node.instanceType().memoryMiB() + "Mi"));
    capacity.put("pods", new Quantity("110"));
    if (node.instanceType().gpus() > 0) {
      capacity.put("nvidia.com/gpu", new Quantity(Integer.toString(node.instanceType().gpus())));
    }
    String since = node.since().truncatedTo(ChronoUnit.SECONDS).toString();
    return new NodeBuilder()
        .withNewMetadata()
        .withName(node.name())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withProviderID("sandbox://" + clusterId + "/" + node.name())
        .endSpec()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(new LinkedHashMap<>(capacity))
        .addNewCondition()
        .withType("Ready")
        .withStatus(node.running() ? "True" : "False")
        .withReason(node.running() ? "KubeletReady" : "KubeletNotReady")
        .withMessage(node.running() ? "kubelet is posting ready status (simulated)"
            : "node is provisioning (simulated)")
        .withLastHeartbeatTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .withLastTransitionTime(since)
        .endCondition()
        .addNewAddress().withType("Hostname").withAddress(node.name()).endAddress()
        .withNewNodeInfo()
        .withKubeletVersion(KUBELET_VERSION)
        .withKubeProxyVersion(KUBELET_VERSION)
        .withContainerRuntimeVersion("containerd://1.7.22")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withOsImage("Palette sandbox (simulation)")
        .withKernelVersion("6.1.0-sandbox")
        .withMachineID(Integer.toHexString(node.name().hashCode()))
        .withSystemUUID(Integer.toHexString(node.name().hashCode()))
        .withBootID(Integer.toHexString(node.name().hashCode()))
        .endNodeInfo()
        .endStatus()
        .build();
  }
}
