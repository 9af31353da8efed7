package dev.palette.sandbox;

import dev.palette.error.ProviderException;
import dev.palette.error.Violation;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import dev.palette.model.Kubeconfig;
import dev.palette.model.NodePoolSpec;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.DeletionStep;
import dev.palette.spi.ProvisionStep;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code sandbox} cloud provider: a simulation of infrastructure, never a real cloud. Host
 * clusters live in a {@link SandboxCloud}, take a configurable time to provision, and get an
 * in-process Kubernetes API server (a Fabric8 mock server with a simulated kubelet) the first time
 * a kubeconfig is asked for, so fleets of thousands of clusters stay cheap.
 *
 * <p>Every step finds the cluster by its id ({@link CloudProvider#CLUSTER_ID_TAG}) first, so a new
 * provider over the same {@link SandboxCloud} resumes what an earlier one started, and a step over
 * a fresh cloud (the simulation dies with its JVM) brings a cluster back with the same nodes.
 */
public final class SandboxProvider implements CloudProvider {
  /** The cloud type this provider serves. */
  public static final String ID = "sandbox";

  /** The account settings the sandbox understands, with the values each allows. */
  private static final Map<String, Set<String>> SETTINGS = Map.of("region", Set.of("local"));

  private static final Map<String, InstanceType> INSTANCE_TYPES = instanceTypeMap(List.of(
      type("sandbox.small", 2, 4096, 0, "0.05"),
      type("sandbox.medium", 4, 8192, 0, "0.10"),
      type("sandbox.large", 8, 32768, 0, "0.40"),
      type("sandbox.gpu", 8, 65536, 1, "1.20")));

  private final SandboxCloud cloud;
  private final Clock clock;
  private final boolean ownsCloud;

  /** A provider over {@code cloud}, which the caller keeps and closes. */
  public SandboxProvider(SandboxCloud cloud, Clock clock) {
    this(cloud, clock, false);
  }

  /** A provider over a cloud of its own with {@code settings}, closed with the provider. */
  public SandboxProvider(SandboxSettings settings, Clock clock) {
    this(new SandboxCloud(settings), clock, true);
  }

  /** A provider over a cloud of its own with default settings and the system clock. */
  public SandboxProvider() {
    this(SandboxSettings.defaults(), Clock.systemUTC());
  }

  private SandboxProvider(SandboxCloud cloud, Clock clock, boolean ownsCloud) {
    this.cloud = Objects.requireNonNull(cloud, "cloud");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownsCloud = ownsCloud;
  }

  /** The simulated infrastructure this provider acts on. */
  public SandboxCloud cloud() {
    return cloud;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Violation> validateAccount(CloudAccountSpec account) {
    List<Violation> violations = new ArrayList<>();
    if (!ID.equals(account.cloudType())) {
      violations.add(new Violation("cloudType",
          "must be '" + ID + "' for the sandbox provider, got '" + account.cloudType() + "'"));
    }
    account.settings().forEach((key, value) -> {
      Set<String> allowed = SETTINGS.get(key);
      if (allowed == null) {
        violations.add(new Violation("settings." + key,
            "unknown setting; the sandbox understands " + sorted(SETTINGS.keySet())));
      } else if (!allowed.contains(value)) {
        violations.add(new Violation("settings." + key,
            "'" + value + "' is not allowed; use one of " + sorted(allowed)));
      }
    });
    return List.copyOf(violations);
  }

  @Override
  public List<InstanceType> instanceTypes() {
    return List.copyOf(INSTANCE_TYPES.values());
  }

  @Override
  public ProvisionStep reconcile(ClusterContext ctx) {
    Map<String, InstanceType> types = resolve(ctx.spec());
    Instant now = clock.instant();
    String ref = providerRef(ctx);
    // A cluster deleted between look-up and step is looked up again (and re-created).
    while (true) {
      SimulatedCluster cluster =
          cloud.findOrCreate(ctx.clusterId(), ctx.project(), ctx.spec().name(), now);
      List<SandboxNode> nodes =
          cluster.converge(ctx.spec(), types, now, cloud.settings().nodeDelay(), cloud.faults());
      if (nodes == null) {
        cloud.remove(cluster);
        continue;
      }
      return step(cluster, nodes, now, ref);
    }
  }

  @Override
  public DeletionStep delete(ClusterContext ctx) {
    SimulatedCluster cluster = cloud.find(ctx.clusterId());
    if (cluster == null) {
      return DeletionStep.done("cluster " + ctx.clusterId() + " is not in the sandbox");
    }
    cloud.faults().fire(FaultPoint.DELETE, ctx.clusterId());
    cluster.delete();
    cloud.remove(cluster);
    return DeletionStep.done("cluster " + ctx.clusterId() + " deleted from the sandbox");
  }

  @Override
  public Kubeconfig kubeconfig(ClusterContext ctx) {
    SimulatedCluster cluster = cloud.find(ctx.clusterId());
    if (cluster == null) {
      throw new ProviderException(ID, "ClusterNotFound", false,
          "cluster " + ctx.project() + "/" + ctx.spec().name() + " (" + ctx.clusterId()
              + ") does not exist in the sandbox; reconcile it first");
    }
    cloud.faults().fire(FaultPoint.KUBECONFIG, ctx.clusterId());
    String server = cluster.apiServer(clock.instant());
    String name = cluster.project() + "/" + cluster.name();
    return Kubeconfig.builder()
        .cluster(name)
        .server(server)
        .yaml(kubeconfigYaml(name, server, cluster.token()))
        .build();
  }

  /** Closes the cloud when this provider created it. */
  @Override
  public void close() {
    if (ownsCloud) {
      cloud.close();
    }
  }

  private ProvisionStep step(
      SimulatedCluster cluster, List<SandboxNode> nodes, Instant now, String ref) {
    var infos = nodes.stream().map(SandboxNode::info).toList();
    long running = nodes.stream().filter(SandboxNode::running).count();
    boolean clusterUp = !now.isBefore(cluster.readyAt());
    if (clusterUp && running == nodes.size()) {
      return ProvisionStep.running(
          running + " simulated node(s) running in the sandbox", infos, ref);
    }
    double done = nodes.isEmpty()
        ? 0
        : nodes.stream().mapToDouble(n -> n.done(now)).average().orElse(0);
    int progress = (int) Math.max(0, Math.min(99, Math.floor(done * 100)));
    Instant next = nodes.stream().filter(n -> !n.running()).map(SandboxNode::readyAt)
        .min(Instant::compareTo).orElse(cluster.readyAt());
    Duration longest = nodes.stream().filter(n -> !n.running())
        .map(n -> Duration.between(n.startedAt(), n.readyAt()))
        .max(Duration::compareTo).orElse(Duration.between(now, cluster.readyAt()));
    // Look again in slices of a fifth of the wait, so a caller sees the progress move.
    Duration after = min(longest.dividedBy(5), Duration.between(now, next));
    if (after.compareTo(Duration.ofMillis(1)) < 0) {
      after = Duration.ofMillis(1);
    }
    return ProvisionStep.inProgress(progress,
        "provisioning in the sandbox: " + running + " of " + nodes.size()
            + " simulated node(s) running", infos, ref, after);
  }

  private static Map<String, InstanceType> resolve(HostClusterSpec spec) {
    Map<String, InstanceType> types = new HashMap<>();
    Set<String> pools = new HashSet<>();
    for (int i = 0; i < spec.nodePools().size(); i++) {
      NodePoolSpec pool = spec.nodePools().get(i);
      if (!pools.add(pool.name())) {
        throw new ProviderException(ID, "InvalidNodePool", false,
            "nodePools[" + i + "].name '" + pool.name() + "' is used by two pools");
      }
      if (pool.size() < 0) {
        throw new ProviderException(ID, "InvalidNodePool", false,
            "nodePools[" + i + "].size must not be negative, got " + pool.size());
      }
      InstanceType type = INSTANCE_TYPES.get(pool.instanceType());
      if (type == null) {
        throw new ProviderException(ID, "UnknownInstanceType", false,
            "nodePools[" + i + "].instanceType '" + pool.instanceType()
                + "' is not a sandbox instance type; use one of " + INSTANCE_TYPES.keySet());
      }
      types.put(type.name(), type);
    }
    return types;
  }

  private static String providerRef(ClusterContext ctx) {
    return "sandbox://" + ctx.clusterId();
  }

  private static String kubeconfigYaml(String cluster, String server, String token) {
    String context = "palette-" + cluster.replace('/', '-');
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
        """.formatted(context, server, user, token);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String sorted(Set<String> values) {
    return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
  }

  private static InstanceType type(String name, int cpu, int memoryMiB, int gpus, String price) {
    return InstanceType.builder().name(name).cpu(cpu).memoryMiB(memoryMiB).gpus(gpus)
        .hourlyPrice(new BigDecimal(price)).build();
  }

  private static Map<String, InstanceType> instanceTypeMap(List<InstanceType> types) {
    Map<String, InstanceType> map = new LinkedHashMap<>();
    types.forEach(t -> map.put(t.name(), t));
    return java.util.Collections.unmodifiableMap(map);
  }
}
