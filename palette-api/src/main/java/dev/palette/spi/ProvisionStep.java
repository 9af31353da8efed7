package dev.palette.spi;

import dev.palette.model.ClusterPhase;
import dev.palette.model.NodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one provisioning step: where the cluster stands and, unless it is done, when to
 * look again.
 *
 * @param phase {@code PROVISIONING} while work remains, {@code RUNNING} when the cluster matches
 *     its spec
 * @param progress percent done, 0 to 100
 * @param message a line for humans
 * @param nodes the nodes as the provider sees them
 * @param providerRef the provider's identifier of the cluster, empty until it exists
 * @param requeueAfter when to call again; {@code null} once running
 */
public record ProvisionStep(
    ClusterPhase phase,
    int progress,
    String message,
    List<NodeInfo> nodes,
    String providerRef,
    Duration requeueAfter) {

  public ProvisionStep {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(message, "message");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(providerRef, "providerRef");
    if (phase != ClusterPhase.RUNNING && requeueAfter == null) {
      throw new IllegalArgumentException("a step that is not RUNNING must say when to look again");
    }
  }

  /** Work remains; call again after {@code after}. */
  public static ProvisionStep inProgress(
      int progress, String message, List<NodeInfo> nodes, String providerRef, Duration after) {
    return new ProvisionStep(ClusterPhase.PROVISIONING, progress, message, nodes, providerRef, after);
  }

  /** The cluster matches its spec. */
  public static ProvisionStep running(String message, List<NodeInfo> nodes, String providerRef) {
    return new ProvisionStep(ClusterPhase.RUNNING, 100, message, nodes, providerRef, null);
  }
}
