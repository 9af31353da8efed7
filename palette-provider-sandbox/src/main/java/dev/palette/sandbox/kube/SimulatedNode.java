package dev.palette.sandbox.kube;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One Node object of a {@link SimulatedApiServer}: what a kubelet would register.
 *
 * @param name the node name
 * @param labels the node's labels ({@code kubernetes.io/hostname}, {@code kubernetes.io/os} and
 *     {@code kubernetes.io/arch} are added when absent); a control-plane node carries
 *     {@code node-role.kubernetes.io/control-plane}
 * @param cpu CPU cores, reported as capacity and allocatable
 * @param memoryMiB memory in MiB
 * @param gpus GPUs, reported as {@code nvidia.com/gpu}; 0 for none
 * @param ready whether its {@code Ready} condition is {@code True}
 * @param since when it entered its current readiness, the condition's last transition
 * @param providerId the node's {@code spec.providerID}, for example {@code sandbox://c-1/web-cp-0}
 */
public record SimulatedNode(
    String name,
    Map<String, String> labels,
    int cpu,
    int memoryMiB,
    int gpus,
    boolean ready,
    Instant since,
    String providerId) {

  public SimulatedNode {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(providerId, "providerId");
  }

  /** A ready worker node of {@code cpu} cores and {@code memoryMiB} MiB, ready since {@code since}. */
  public static SimulatedNode ready(String name, int cpu, int memoryMiB, Instant since) {
    return new SimulatedNode(name, Map.of(), cpu, memoryMiB, 0, true, since, "simulated://" + name);
  }

  /** The same node, ready or not since {@code since}. */
  public SimulatedNode withReady(boolean ready, Instant since) {
    return new SimulatedNode(name, labels, cpu, memoryMiB, gpus, ready, since, providerId);
  }
}
