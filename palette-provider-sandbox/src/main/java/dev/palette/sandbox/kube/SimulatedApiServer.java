package dev.palette.sandbox.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated Kubernetes API server, in process: a Fabric8 mock server in CRUD mode (objects are
 * stored, listed, watched, patched and deleted as on a real server), with server-side apply
 * ({@code PATCH} with {@code application/apply-patch+yaml}) and, optionally, a simulated kubelet and
 * controller manager that give Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods and Jobs
 * the status of a healthy cluster as they are written. It starts with the namespaces
 * {@code default}, {@code kube-system}, {@code kube-public} and {@code kube-node-lease} and one
 * Node object per {@link SimulatedNode}.
 *
 * <p>The sandbox provider gives each of its clusters one; tests of anything that talks to a
 * cluster (a layer applier, a virtual-cluster driver) start one of their own:
 *
 * <pre>{@code
 * try (SimulatedApiServer api = SimulatedApiServer.builder()
 *     .node(SimulatedNode.ready("node-0", 4, 8192, Instant.now()))
 *     .start()) {
 *   api.client().apps().deployments().inNamespace("default").resource(deployment).serverSideApply();
 * }
 * }</pre>
 *
 * <p>Simplifications: server-side apply replaces lists instead of merging them by key and detects
 * no conflicts between field managers; authentication is not checked (the kubeconfig's token is
 * for clients that insist on one). Thread-safe. Its threads are daemons, so a program that forgets
 * {@link #close()} still exits.
 */
public final class SimulatedApiServer implements AutoCloseable {
  /** The kubelet version every simulated node reports. */
  public static final String KUBELET_VERSION = "v1.31.4";
  private static final String JSON = "application/json";
  private static final SecureRandom TOKENS = new SecureRandom();

  // The mock web server logs every request at INFO; a fleet of simulated clusters would flood the
  // host program's console. Held strongly so the level is not lost when the logger is collected.
  private static final java.util.logging.Logger REQUEST_LOG = quietRequestLog();

  private final KubeletDispatcher dispatcher;
  private final KubernetesMockServer server;
  private final String name;
  private final String token;
  // Node name -> what was last published; guarded by this.
  private final Map<String, SimulatedNode> published = new LinkedHashMap<>();
  private KubernetesClient client;
  private boolean closed;

  private SimulatedApiServer(Builder builder) {
    this.name = builder.name;
    this.token = builder.token == null ? newToken() : builder.token;
    this.dispatcher = new KubeletDispatcher(builder.kubelet);
    // CRUD mode as DESIGN.md verified it: (context, web server, no expectations, dispatcher, http).
    this.server = new KubernetesMockServer(
        new Context(), daemonWebServer(), new HashMap<>(), dispatcher, false);
  }

  /** A builder with one default: the simulated kubelet on, no nodes, a random token. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server with no nodes and the kubelet on. */
  public static SimulatedApiServer start() {
    return builder().start();
  }

  /** The API server URL, for example {@code http://localhost:40123/}. */
  public String url() {
    return server.url("/");
  }

  /** The bearer token the kubeconfig carries; not checked by the server. */
  public String token() {
    return token;
  }

  /**
   * A kubeconfig for this server, as YAML, whose cluster, context and user are named after the
   * server's name; the namespace is {@code default}.
   */
  public String kubeconfig() {
    String context = name;
    String user = context + "-admin";
    return """
        apiVersion: v1
        kind: Config
        preferences: {}
        clusters:
        - name: "%1$s"
          cluster:
            server: "%2$s"
        contexts:
        - name: "%1$s"
          context:
            cluster: "%1$s"
            user: "%3$s"
            namespace: default
        current-context: "%1$s"
        users:
        - name: "%3$s"
          user:
            token: "%4$s"
        """.formatted(context, url(), user, token);
  }

  /**
   * A Fabric8 client of this server, made on first use and closed with the server: do not close
   * it. For a client of your own, build one from {@link #kubeconfig()}.
   */
  public synchronized KubernetesClient client() {
    requireOpen();
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig())).build();
    }
    return client;
  }

  /** The nodes as last published, in the order given. */
  public synchronized List<SimulatedNode> nodes() {
    return List.copyOf(published.values());
  }

  /**
   * Makes the Node objects match {@code nodes}: creates the new ones, updates those whose readiness
   * changed, deletes those not listed. Written in process, without HTTP, so resizing stays cheap;
   * watchers see the changes. The simulated DaemonSet controller schedules one pod per ready node.
   */
  public synchronized void nodes(List<SimulatedNode> nodes) {
    requireOpen();
    Map<String, SimulatedNode> wanted = new LinkedHashMap<>();
    nodes.forEach(n -> wanted.put(n.name(), n));
    for (String gone : Set.copyOf(published.keySet())) {
      if (!wanted.containsKey(gone)) {
        write(HttpMethod.DELETE, "/api/v1/nodes/" + gone, null);
        published.remove(gone);
      }
    }
    for (SimulatedNode node : wanted.values()) {
      SimulatedNode was = published.get(node.name());
      if (was == null) {
        write(HttpMethod.POST, "/api/v1/nodes", Serialization.asJson(toNode(node)));
      } else if (was.ready() != node.ready()) {
        write(HttpMethod.PUT, "/api/v1/nodes/" + node.name(), Serialization.asJson(toNode(node)));
      }
    }
    published.clear();
    published.putAll(wanted);
    dispatcher.readyNodes((int) nodes.stream().filter(SimulatedNode::ready).count());
  }

  /** Stops the server and closes its client. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (client != null) {
      client.close();
    }
    server.destroy();
  }

  @Override
  public String toString() {
    return "SimulatedApiServer[" + name + ", " + (closed ? "closed" : url()) + "]";
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this simulated API server was closed");
    }
  }

  private void seed(List<SimulatedNode> nodes) {
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
          .withNewStatus().withPhase("Active").endStatus().build();
      write(HttpMethod.POST, "/api/v1/namespaces", Serialization.asJson(namespace));
    }
    nodes(nodes);
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

  private void write(HttpMethod method, String path, String body) {
    MockResponse response = dispatcher.call(method, path, JSON, body);
    if (response.code() >= 300 && !(method == HttpMethod.DELETE && response.code() == 404)) {
      throw new IllegalStateException(
          "the simulated API server refused " + method + " " + path + " with " + response.code());
    }
  }

  private static Node toNode(SimulatedNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", node.name());
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.putAll(node.labels());
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", new Quantity(Integer.toString(node.cpu())));
    capacity.put("memory", new Quantity(node.memoryMiB() + "Mi"));
    capacity.put("pods", new Quantity("110"));
    if (node.gpus() > 0) {
      capacity.put("nvidia.com/gpu", new Quantity(Integer.toString(node.gpus())));
    }
    String since = node.since().truncatedTo(ChronoUnit.SECONDS).toString();
    String id = Integer.toHexString(node.name().hashCode());
    return new NodeBuilder()
        .withNewMetadata()
        .withName(node.name())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withProviderID(node.providerId())
        .endSpec()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(new LinkedHashMap<>(capacity))
        .addNewCondition()
        .withType("Ready")
        .withStatus(node.ready() ? "True" : "False")
        .withReason(node.ready() ? "KubeletReady" : "KubeletNotReady")
        .withMessage(node.ready() ? "kubelet is posting ready status (simulated)"
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
        .withMachineID(id)
        .withSystemUUID(id)
        .withBootID(id)
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    TOKENS.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Options of a {@link SimulatedApiServer}; {@link #start()} starts one with them. */
  public static final class Builder {
    private String name = "simulated";
    private boolean kubelet = true;
    private String token;
    private final List<SimulatedNode> nodes = new ArrayList<>();

    private Builder() {}

    /** The name of the kubeconfig's cluster, context and user; {@code simulated} by default. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Whether the simulated kubelet marks workloads ready as they are written; on by default. Off,
     * objects are stored exactly as sent, for a test of what waits on readiness.
     */
    public Builder kubelet(boolean kubelet) {
      this.kubelet = kubelet;
      return this;
    }

    /** The kubeconfig's bearer token; a random one by default. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Adds a Node object the server starts with. */
    public Builder node(SimulatedNode node) {
      nodes.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    /** Adds the Node objects the server starts with. */
    public Builder nodes(List<SimulatedNode> nodes) {
      nodes.forEach(this::node);
      return this;
    }

    /** Starts the server on a free port of the loopback interface. */
    public SimulatedApiServer start() {
      SimulatedApiServer api = new SimulatedApiServer(this);
      api.server.init();
      try {
        api.seed(List.copyOf(nodes));
        return api;
      } catch (RuntimeException e) {
        api.close();
        throw e;
      }
    }
  }
}
