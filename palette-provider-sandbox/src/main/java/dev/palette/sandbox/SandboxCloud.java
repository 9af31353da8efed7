package dev.palette.sandbox;

import dev.palette.error.ProviderException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The infrastructure behind the {@code sandbox} cloud type: a simulation, in memory, of clusters,
 * their nodes and their Kubernetes API servers. It outlives the {@link SandboxProvider}s that act
 * on it, as a real cloud outlives its clients, so a new provider resumes where an old one stopped.
 * Thread-safe. {@link #close()} stops every API server it started.
 */
public final class SandboxCloud implements AutoCloseable {
  private static final SecureRandom TOKENS = new SecureRandom();

  private final SandboxSettings settings;
  private final SandboxFaults faults = new SandboxFaults();
  private final ConcurrentMap<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
  private final AtomicLong created = new AtomicLong();
  private volatile boolean closed;

  public SandboxCloud(SandboxSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A cloud with {@link SandboxSettings#defaults()}. */
  public SandboxCloud() {
    this(SandboxSettings.defaults());
  }

  public SandboxSettings settings() {
    return settings;
  }

  /** Where to arm injected failures. */
  public SandboxFaults faults() {
    return faults;
  }

  /** How many clusters were ever created, deleted ones included. */
  public long clustersCreated() {
    return created.get();
  }

  /** Every cluster the simulation holds now, ordered by id. */
  public List<SandboxCluster> clusters() {
    return clusters.values().stream()
        .map(SimulatedCluster::snapshot)
        .sorted(Comparator.comparing(SandboxCluster::id))
        .toList();
  }

  /** The cluster tagged with {@code clusterId}, if the simulation holds it. */
  public Optional<SandboxCluster> cluster(String clusterId) {
    return Optional.ofNullable(clusters.get(clusterId)).map(SimulatedCluster::snapshot);
  }

  /** How many clusters have a started, not yet stopped API server. */
  public int runningApiServers() {
    return (int) clusters.values().stream().filter(SimulatedCluster::apiServerRunning).count();
  }

  /**
   * Removes a node of a cluster behind the engine's back, as a machine that vanished would, so a
   * test can watch the engine notice the drift and bring the node back.
   *
   * @return whether the cluster tagged {@code clusterId} had a node named {@code nodeName}
   */
  public boolean loseNode(String clusterId, String nodeName) {
    SimulatedCluster cluster = find(clusterId);
    return cluster != null && cluster.lose(nodeName);
  }

  /** Stops every API server; the cloud then refuses further work. */
  @Override
  public void close() {
    closed = true;
    clusters.values().forEach(SimulatedCluster::stopApiServer);
  }

  /** The live cluster tagged with {@code clusterId}, or null. */
  SimulatedCluster find(String clusterId) {
    requireOpen();
    return clusters.get(clusterId);
  }

  /**
   * The cluster tagged with {@code clusterId}, created (and counted) when absent. The CREATE fault
   * fires only when a cluster is about to be created.
   */
  SimulatedCluster findOrCreate(String clusterId, String project, String name, Instant now) {
    requireOpen();
    SimulatedCluster existing = clusters.get(clusterId);
    if (existing != null) {
      return existing;
    }
    faults.fire(FaultPoint.CREATE, clusterId);
    Instant readyAt = now.plus(settings.provisioningDelay()).plus(jitter(clusterId));
    return clusters.computeIfAbsent(clusterId, id -> {
      created.incrementAndGet();
      return new SimulatedCluster(id, project, name, now, readyAt, newToken());
    });
  }

  /** Forgets a cluster that was deleted. */
  void remove(SimulatedCluster cluster) {
    clusters.remove(cluster.id(), cluster);
  }

  void requireOpen() {
    if (closed) {
      throw new ProviderException(SandboxProvider.ID, "CloudClosed", false,
          "this sandbox cloud was closed; create a new SandboxCloud");
    }
  }

  private Duration jitter(String clusterId) {
    long bound = settings.jitter().toMillis();
    if (bound == 0) {
      return Duration.ZERO;
    }
    // With a seed, each cluster draws from its own stream, whatever the order clusters come in.
    double draw = settings.seed().isPresent()
        ? new Random(settings.seed().getAsLong() ^ clusterId.hashCode()).nextDouble()
        : ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (draw * bound));
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    TOKENS.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
