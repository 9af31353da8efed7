package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** What the controller last observed of a host cluster. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = HostClusterStatus.class)
@JsonDeserialize(as = HostClusterStatus.class)
public interface HostClusterStatusDef extends Status {
  /** A short description for logs and debuggers, which {@code toString()} returns; never a secret. */
  default String summary() {
    return Summary.of("HostClusterStatus", phase().name(), progress() + "%",
        Summary.count(nodes().size(), "node"), "observed gen " + observedGeneration(),
        failures() == 0 ? "" : Summary.count(failures(), "failure"));
  }

  @Value.Default
  default ClusterPhase phase() {
    return ClusterPhase.PENDING;
  }

  @Override
  default String phaseName() {
    return phase().name();
  }

  /** Percent done of the current phase's work, 0 to 100. */
  @Value.Default
  default int progress() {
    return 0;
  }

  @Value.Default
  default String message() {
    return "";
  }

  /** The spec generation the status describes; below {@code metadata.generation} while work is pending. */
  @Value.Default
  default long observedGeneration() {
    return 0;
  }

  List<Condition> conditions();

  List<NodeInfo> nodes();

  /**
   * The provider's identifiers of the cluster as its last step reported them (an ARN, an endpoint,
   * a CA bundle, node-group names), handed back to it at the next step; never a secret. Empty until
   * the cluster exists there.
   */
  Map<String, String> observed();

  /** Failed attempts since the last success; reset when a step succeeds. */
  @Value.Default
  default int failures() {
    return 0;
  }
}
