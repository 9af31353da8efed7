package dev.palette.sandbox;

import dev.palette.model.InstanceType;
import dev.palette.model.NodeInfo;
import dev.palette.model.NodeState;
import java.time.Instant;

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

  NodeInfo info() {
    return NodeInfo.builder()
        .name(name)
        .pool(pool)
        .state(running ? NodeState.RUNNING : NodeState.PROVISIONING)
        .instanceType(instanceType.name())
        .controlPlane(controlPlane)
        .build();
  }
}
