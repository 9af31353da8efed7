package dev.palette.core.hostcluster;

import dev.palette.error.ProviderException;
import dev.palette.model.ClusterPhase;
import dev.palette.model.Condition;
import dev.palette.model.HostCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A provider's last failure kept in a host cluster's status as a condition, so the cloud's error
 * code survives into the record and into a failed operation instead of being flattened to text.
 */
public final class ProviderConditions {
  /** The condition type of a provider failure; its reason is the cloud's error code. */
  public static final String TYPE = "ProviderError";

  private ProviderConditions() {}

  /** The conditions with the provider failure set to {@code failure}. */
  static List<Condition> failed(List<Condition> conditions, ProviderException failure, Instant now) {
    List<Condition> next = new ArrayList<>(cleared(conditions));
    next.add(Condition.builder().type(TYPE).status(true).reason(failure.code())
        .message(failure.detail()).lastTransitionTime(now).build());
    return next;
  }

  /** The conditions without a provider failure. */
  static List<Condition> cleared(List<Condition> conditions) {
    return conditions.stream().filter(c -> !c.type().equals(TYPE)).toList();
  }

  /**
   * The provider failure recorded on the cluster, if any. On an {@code ERROR} cluster it was not
   * retryable; otherwise the controller is retrying it.
   */
  public static Optional<ProviderException> failure(HostCluster cluster) {
    return cluster.status().conditions().stream()
        .filter(c -> c.type().equals(TYPE) && c.status())
        .findFirst()
        .map(c -> new ProviderException(cluster.spec().cloudType(), c.reason(),
            cluster.phase() != ClusterPhase.ERROR, c.message()));
  }
}
