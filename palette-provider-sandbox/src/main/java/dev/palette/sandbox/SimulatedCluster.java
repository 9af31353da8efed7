package dev.palette.sandbox;

import dev.palette.error.ProviderException;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import dev.palette.model.NodePoolSpec;
import dev.palette.sandbox.kube.SimulatedApiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One cluster of the simulation, mutable and guarded by its own monitor: steps for different
 * clusters run in parallel, steps for one cluster one at a time.
 */
final class SimulatedCluster {
  private final String id;
  private final String project;
  private final String name;
  private final Instant createdAt;
  private final Instant readyAt;
  private final String token;
  private List<SandboxNode> nodes = List.of();
  private volatile SimulatedApiServer api;
  private boolean deleted;
  private boolean initialized;

  SimulatedCluster(String id, String project, String name, Instant createdAt, Instant readyAt,
      String token) {
    this.id = id;
    this.project = project;
    this.name = name;
    this.createdAt = createdAt;
    this.readyAt = readyAt;
    this.token = token;
  }

  String id() {
    return id;
  }

  String name() {
    return name;
  }

  String project() {
    return project;
  }

  Instant readyAt() {
    return readyAt;
  }

  String token() {
    return token;
  }

  boolean apiServerRunning() {
    return api != null;
  }

  synchronized boolean deleted() {
    return deleted;
  }

  /**
   * Moves the nodes towards {@code spec} at {@code now} and returns them, or null when the cluster
   * was deleted meanwhile. The first nodes of a cluster run with it; nodes added later take
   * {@code nodeDelay}. The NODES fault fires before any change to the nodes.
   */
  synchronized List<SandboxNode> converge(HostClusterSpec spec, Map<String, InstanceType> types,
      Instant now, Duration nodeDelay, SandboxFaults faults) {
    if (deleted) {
      return null;
    }
    boolean fresh = !initialized;
    List<SandboxNode> kept = new ArrayList<>();
    List<SandboxNode> added = new ArrayList<>();
    for (NodePoolSpec pool : spec.nodePools()) {
      InstanceType type = types.get(pool.instanceType());
      List<SandboxNode> current = nodes.stream()
          .filter(n -> n.pool().equals(pool.name()))
          // A changed machine size or role means replacing the node, as a cloud would.
          .filter(n -> n.instanceType().equals(type) && n.controlPlane() == pool.controlPlane())
          .sorted(Comparator.comparingInt(SandboxNode::index))
          .toList();
      List<SandboxNode> stay = current.subList(0, Math.min(pool.size(), current.size()));
      kept.addAll(stay);
      BitSet used = new BitSet();
      stay.forEach(n -> used.set(n.index()));
      Instant ready = fresh ? readyAt : later(now.plus(nodeDelay), readyAt);
      for (int i = stay.size(); i < pool.size(); i++) {
        int index = used.nextClearBit(0);
        used.set(index);
        added.add(new SandboxNode(name + "-" + pool.name() + "-" + index, pool.name(), index, type,
            pool.controlPlane(), now, ready, false));
      }
    }
    boolean changed = !added.isEmpty() || kept.size() != nodes.size();
    if (changed) {
      faults.fire(FaultPoint.NODES, id);
    }
    initialized = true;
    List<SandboxNode> next = new ArrayList<>(kept.size() + added.size());
    kept.forEach(n -> next.add(n.at(now)));
    added.forEach(n -> next.add(n.at(now)));
    nodes = List.copyOf(next);
    publish();
    return nodes;
  }

  /** Drops a node as a vanished machine would; returns whether the cluster had it. */
  synchronized boolean lose(String nodeName) {
    List<SandboxNode> kept = nodes.stream().filter(n -> !n.name().equals(nodeName)).toList();
    if (deleted || kept.size() == nodes.size()) {
      return false;
    }
    nodes = kept;
    publish();
    return true;
  }

  /**
   * Starts the API server on first use, with the simulated kubelet on or off, and returns it; a
   * server already running keeps its kubelet setting.
   */
  synchronized SimulatedApiServer apiServer(Instant now, boolean kubelet) {
    if (deleted) {
      throw new ProviderException(SandboxProvider.ID, "ClusterNotFound", false,
          "cluster " + id + " was deleted from the sandbox");
    }
    if (now.isBefore(readyAt)) {
      throw new ProviderException(SandboxProvider.ID, "ClusterNotProvisioned", false,
          "cluster " + project + "/" + name + " (" + id + ") is still provisioning in the sandbox"
              + " and has no API server yet; ask again once it is RUNNING, in about "
              + Duration.between(now, readyAt).toMillis() + " ms");
    }
    if (api == null) {
      nodes = nodes.stream().map(n -> n.at(now)).toList();
      api = SimulatedApiServer.builder()
          .name("palette-" + project + "-" + name)
          .token(token)
          .kubelet(kubelet)
          .nodes(nodes.stream().map(n -> n.toNode(id)).toList())
          .start();
    }
    return api;
  }

  /** Stops the API server and marks the cluster gone; returns whether it was still there. */
  synchronized boolean delete() {
    stopApiServer();
    boolean was = !deleted;
    deleted = true;
    return was;
  }

  synchronized void stopApiServer() {
    SimulatedApiServer running = api;
    api = null;
    if (running != null) {
      running.close();
    }
  }

  synchronized SandboxCluster snapshot() {
    return new SandboxCluster(id, project, name, createdAt, readyAt,
        nodes.stream().map(n -> n.info(id)).toList(), api != null);
  }

  private void publish() {
    if (api != null) {
      api.nodes(nodes.stream().map(n -> n.toNode(id)).toList());
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
