package dev.palette.sandbox;

import dev.palette.model.NodeInfo;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one cluster in the sandbox's simulation of infrastructure.
 *
 * @param id the palette cluster id it is tagged with ({@code palette.dev/cluster-id})
 * @param project the project it was created for
 * @param name the cluster's name
 * @param createdAt when it was created, by the creating provider's clock
 * @param readyAt when its first nodes run (creation plus delay and jitter)
 * @param nodes its nodes as of the last step that touched it
 * @param apiServerRunning whether its in-process API server has been started
 */
public record SandboxCluster(
    String id,
    String project,
    String name,
    Instant createdAt,
    Instant readyAt,
    List<NodeInfo> nodes,
    boolean apiServerRunning) {

  public SandboxCluster {
    nodes = List.copyOf(nodes);
  }
}
