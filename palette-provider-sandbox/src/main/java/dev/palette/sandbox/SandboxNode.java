package dev.palette.sandbox;

import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodeState;
import dev.palette.sandbox.kube.SimulatedNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated node: which pool and slot it fills, its machine size, when it was asked for and
 * when it runs.
 */
record SandboxNode(
    String name,
    String pool,
    int index,
    InstanceType instanceType,
    boolean controlPlane,
    Instant startedAt,
    Instant readyAt,
    boolean running) {

  SandboxNode at(Instant now) {
    boolean runs = !now.isBefore(readyAt);
    return runs == running
        ? this
        : new SandboxNode(name, pool, index, instanceType, controlPlane, startedAt, readyAt, runs);
  }

  /** When the node entered its current state. */
  Instant since() {
    return running ? readyAt : startedAt;
  }

  /** Fraction of the way from asked-for to running, 0 to 1. */
  double done(Instant now) {
    if (running) {
      return 1;
    }
    long total = readyAt.toEpochMilli() - startedAt.toEpochMilli();
    long elapsed = now.toEpochMilli() - startedAt.toEpochMilli();
    return total <= 0 ? 1 : Math.max(0, Math.min(1, (double) elapsed / total));
  }

  NodeInfo info(String clusterId) {
    return NodeInfo.builder()
        .name(name)
        .pool(pool)
        .state(running ? NodeState.RUNNING : NodeState.PROVISIONING)
        .instanceType(instanceType.name())
        .controlPlane(controlPlane)
        .cpu(instanceType.cpu())
        .memoryMiB(instanceType.memoryMiB())
        .gpus(instanceType.gpus())
        .providerId(providerId(clusterId))
        .build();
  }

  /** The Node object its simulated kubelet registers in the cluster's API server. */
  SimulatedNode toNode(String clusterId) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("node.kubernetes.io/instance-type", instanceType.name());
    labels.put("palette.dev/node-pool", pool);
    labels.put("palette.dev/cluster-id", clusterId);
    if (controlPlane) {
      labels.put("node-role.kubernetes.io/control-plane", "");
    }
    return new SimulatedNode(name, labels, instanceType.cpu(), instanceType.memoryMiB(),
        instanceType.gpus(), running, since(), providerId(clusterId));
  }

  private String providerId(String clusterId) {
    return "sandbox://" + clusterId + "/" + name;
  }
}
