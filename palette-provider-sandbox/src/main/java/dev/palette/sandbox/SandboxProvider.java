package dev.palette.sandbox;

import dev.palette.error.ProviderException;
import dev.palette.error.Violation;
import dev.palette.model.CapacityType;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import dev.palette.model.Kubeconfig;
import dev.palette.model.NodePoolSpec;
import dev.palette.sandbox.kube.SimulatedApiServer;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.ProviderCapabilities.ControlPlane;
import dev.palette.spi.ProviderCapabilities.Pricing;
import dev.palette.spi.StepOutcome;
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
 * in-process Kubernetes API server (a {@link SimulatedApiServer}) the first time access is asked
 * for, so fleets of thousands of clusters stay cheap.
 *
 * <p>The sandbox is self-managed: a cluster has exactly one control-plane pool of 1, 3 or 5
 * nodes ({@link #validateCluster}). It does not autoscale, has GPUs through the instance type
 * {@code sandbox.gpu}, and prices by instance type. Its one region is {@code local}, with zones
 * {@code local-a}, {@code local-b} and {@code local-c}.
 *
 * <p>Every step finds the cluster by its id ({@link CloudProvider#CLUSTER_ID_TAG}) first, so a new
 * provider over the same {@link SandboxCloud} resumes what an earlier one started, and a step over
 * a fresh cloud (the simulation dies with its JVM) brings a cluster back with the same nodes. A
 * fault armed in {@link SandboxCloud#faults()} comes back as {@link StepOutcome.Failed}.
 */
public final class SandboxProvider implements CloudProvider {
  /** The cloud type this provider serves. */
  public static final String ID = "sandbox";

  /** The sandbox's one region. */
  public static final String REGION = "local";

  /** The key of the cluster's reference in {@link StepOutcome} observed identifiers. */
  public static final String CLUSTER_REF = "clusterRef";

  /** The Kubernetes minor version the simulated nodes run. */
  public static final String KUBERNETES_VERSION = "1.31";

  private static final Set<String> ZONES = Set.of("local-a", "local-b", "local-c");

  private static final ProviderCapabilities CAPABILITIES =
      new ProviderCapabilities(ControlPlane.SELF_MANAGED, false, true, Pricing.PER_INSTANCE_TYPE);

  /** The account settings the sandbox understands, with the values each allows. */
  private static final Map<String, Set<String>> SETTINGS = Map.of("region", Set.of(REGION));

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
  public ProviderCapabilities capabilities() {
    return CAPABILITIES;
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

  /**
   * The sandbox has no credentials to check: an account is valid when its shape is, and the
   * simulation answers while its {@link SandboxCloud} is open.
   */
  @Override
  public AccountCheck verifyAccount(CloudAccountSpec account) {
    cloud.requireOpen();
    List<Violation> violations = validateAccount(account);
    return violations.isEmpty()
        ? AccountCheck.valid()
        : AccountCheck.invalid(violations.stream().map(Violation::toString)
            .collect(Collectors.joining("; ")));
  }

  /**
   * The sandbox's rules: exactly one control-plane pool, of 1, 3 or 5 nodes (etcd's quorum sizes);
   * region {@code local} (or empty); zones among {@code local-a..c}; Kubernetes {@code 1.31} (or
   * empty); no autoscaling ({@code maxSize} 0); no image of its own, no GPUs beyond
   * the instance type's; a {@code providerConfig}, when set, a {@link SandboxClusterConfig}.
   */
  @Override
  public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
    List<Violation> v = new ArrayList<>();
    if (!spec.region().isEmpty() && !spec.region().equals(REGION)) {
      v.add(new Violation("region", "the sandbox has one region, '" + REGION + "'; got '"
          + Shown.of(spec.region()) + "'"));
    }
    for (int i = 0; i < spec.zones().size(); i++) {
      if (!ZONES.contains(spec.zones().get(i))) {
        v.add(new Violation("zones[" + i + "]", "'" + Shown.of(spec.zones().get(i))
            + "' is not a sandbox zone; use one of " + sorted(ZONES)));
      }
    }
    String version = spec.kubernetesVersion();
    if (!version.isEmpty() && !version.equals(KUBERNETES_VERSION)
        && !("v" + version).equals(SimulatedApiServer.KUBELET_VERSION)) {
      v.add(new Violation("kubernetesVersion", "the sandbox runs Kubernetes " + KUBERNETES_VERSION
          + " (" + SimulatedApiServer.KUBELET_VERSION + "); got '" + Shown.of(version) + "'"));
    }
    if (spec.providerConfig() != null && !(spec.providerConfig() instanceof SandboxClusterConfig)) {
      v.add(new Violation("providerConfig", "the sandbox takes a SandboxClusterConfig, not a config"
          + " for provider '" + Shown.of(spec.providerConfig().provider()) + "'"));
    }
    int controlPlanes = 0;
    for (int i = 0; i < spec.nodePools().size(); i++) {
      NodePoolSpec pool = spec.nodePools().get(i);
      String at = "nodePools[" + i + "]";
      if (pool.controlPlane()) {
        controlPlanes++;
        if (pool.size() != 1 && pool.size() != 3 && pool.size() != 5) {
          v.add(new Violation(at + ".size",
              "a control-plane pool has 1, 3 or 5 nodes, not " + pool.size()));
        }
        if (pool.capacityType() == CapacityType.SPOT) {
          v.add(new Violation(at + ".capacityType",
              "a control-plane pool is ON_DEMAND; a reclaimed spot node would lose etcd's quorum"));
        }
      }
      if (pool.autoscaled()) {
        v.add(new Violation(at + ".maxSize", "the sandbox does not autoscale: leave maxSize at 0"
            + " for a pool of size nodes, got " + pool.maxSize()));
      }
      if (!pool.image().isEmpty()) {
        v.add(new Violation(at + ".image", "the sandbox has one image; leave image empty"));
      }
      if (pool.gpuCount() != 0 || !pool.gpuType().isEmpty()) {
        v.add(new Violation(at + ".gpuCount", "sandbox GPUs come with the instance type"
            + " sandbox.gpu; leave gpuCount at 0 and gpuType empty"));
      }
    }
    if (controlPlanes != 1) {
      v.add(new Violation("nodePools", "the sandbox's control plane runs on the cluster's nodes:"
          + " a cluster has exactly one control-plane pool (controlPlane(true)), this one has "
          + controlPlanes));
    }
    return List.copyOf(v);
  }

  /** The sandbox's instance types: the same for every account in region {@code local}. */
  @Override
  public List<InstanceType> instanceTypes(CloudAccountSpec account, String region) {
    cloud.requireOpen();
    return REGION.equals(region) || region.isEmpty() ? List.copyOf(INSTANCE_TYPES.values()) : List.of();
  }

  @Override
  public StepOutcome reconcile(ClusterContext ctx) {
    try {
      Map<String, InstanceType> types = resolve(ctx.spec());
      Instant now = clock.instant();
      // A cluster deleted between look-up and step is looked up again (and re-created).
      while (true) {
        SimulatedCluster cluster =
            cloud.findOrCreate(ctx.clusterId(), ctx.project(), ctx.spec().name(), now);
        // Read after the look-up: a cluster another caller created found here is never in our future.
        Instant seen = clock.instant();
        List<SandboxNode> nodes =
            cluster.converge(ctx.spec(), types, seen, cloud.settings().nodeDelay(), cloud.faults());
        if (nodes == null) {
          cloud.remove(cluster);
          continue;
        }
        return step(cluster, nodes, seen);
      }
    } catch (ProviderException e) {
      return failed(e);
    }
  }

  @Override
  public StepOutcome delete(ClusterContext ctx) {
    try {
      SimulatedCluster cluster = cloud.find(ctx.clusterId());
      if (cluster == null) {
        return StepOutcome.deleted("cluster " + ctx.clusterId() + " is not in the sandbox");
      }
      cloud.faults().fire(FaultPoint.DELETE, ctx.clusterId());
      cluster.delete();
      cloud.remove(cluster);
      return StepOutcome.deleted("cluster " + ctx.clusterId() + " deleted from the sandbox");
    } catch (ProviderException e) {
      return failed(e);
    }
  }

  /** A kubeconfig of the cluster's simulated API server, started on first use; it does not expire. */
  @Override
  public ClusterCredentials access(ClusterContext ctx) {
    SimulatedCluster cluster = cloud.find(ctx.clusterId());
    if (cluster == null) {
      throw new ProviderException(ID, "ClusterNotFound", false,
          "cluster " + ctx.project() + "/" + ctx.spec().name() + " (" + ctx.clusterId()
              + ") does not exist in the sandbox; reconcile it first");
    }
    cloud.faults().fire(FaultPoint.KUBECONFIG, ctx.clusterId());
    boolean kubelet = !(ctx.spec().providerConfig() instanceof SandboxClusterConfig config)
        || config.kubelet();
    SimulatedApiServer api = cluster.apiServer(clock.instant(), kubelet);
    return ClusterCredentials.lasting(Kubeconfig.builder()
        .cluster(cluster.project() + "/" + cluster.name())
        .server(api.url())
        .yaml(api.kubeconfig())
        .build());
  }

  /** Closes the cloud when this provider created it. */
  @Override
  public void close() {
    if (ownsCloud) {
      cloud.close();
    }
  }

  private static StepOutcome failed(ProviderException e) {
    return new StepOutcome.Failed(e.code(), e.detail(), e.retryable(), e.retryAfter());
  }

  private StepOutcome step(SimulatedCluster cluster, List<SandboxNode> nodes, Instant now) {
    var infos = nodes.stream().map(n -> n.info(cluster.id())).toList();
    Map<String, String> observed = Map.of(CLUSTER_REF, "sandbox://" + cluster.id());
    long running = nodes.stream().filter(SandboxNode::running).count();
    boolean clusterUp = !now.isBefore(cluster.readyAt());
    if (clusterUp && running == nodes.size()) {
      return StepOutcome.ready(
          running + " simulated node(s) running in the sandbox", infos, observed);
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
    return StepOutcome.inProgress(progress,
        "provisioning in the sandbox: " + running + " of " + nodes.size()
            + " simulated node(s) running", infos, observed, after);
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
