package dev.palette.spi;

import dev.palette.model.NodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link CloudProvider#reconcile} or {@link CloudProvider#delete} step. The
 * engine keeps {@code nodes} and {@code observed} in the cluster's status and hands
 * {@code observed} back in the next {@link ClusterContext}.
 */
public sealed interface StepOutcome {

  /**
   * Work remains: the cloud is creating, resizing or removing something.
   *
   * @param progress percent done, 0 to 99
   * @param message a line for humans, for example {@code "creating node group workers"}
   * @param nodes the nodes as the cloud reports them now (empty while deleting)
   * @param observed the provider's identifiers found or created so far
   * @param after when to step again; the engine waits this long (or less, if the spec changes)
   */
  record InProgress(
      int progress, String message, List<NodeInfo> nodes, Map<String, String> observed, Duration after)
      implements StepOutcome {
    public InProgress {
      if (progress < 0 || progress > 99) {
        throw new IllegalArgumentException("progress is 0 to 99 while in progress, got " + progress);
      }
      Objects.requireNonNull(message, "message");
      nodes = List.copyOf(nodes);
      observed = Map.copyOf(observed);
      Objects.requireNonNull(after, "after");
      if (after.isNegative()) {
        throw new IllegalArgumentException("after must not be negative, got " + after);
      }
    }
  }

  /**
   * Done: after {@code reconcile}, the cluster matches its spec; after {@code delete}, nothing of it
   * is left in the cloud (then {@code nodes} and {@code observed} are empty).
   *
   * @param message a line for humans
   * @param nodes the cluster's nodes
   * @param observed the provider's identifiers of the cluster
   */
  record Ready(String message, List<NodeInfo> nodes, Map<String, String> observed)
      implements StepOutcome {
    public Ready {
      Objects.requireNonNull(message, "message");
      nodes = List.copyOf(nodes);
      observed = Map.copyOf(observed);
    }
  }

  /**
   * The cloud refused the step.
   *
   * @param code the cloud's error code, for example {@code Throttling} or {@code QuotaExceeded}
   * @param message the cloud's description, never a credential
   * @param retryable whether the same step may succeed later unchanged (throttling, a timeout);
   *     a non-retryable failure puts the cluster in {@code ERROR} until its spec changes
   * @param retryAfter how long the cloud asked to wait, when it said; otherwise the engine backs off
   */
  record Failed(String code, String message, boolean retryable, Optional<Duration> retryAfter)
      implements StepOutcome {
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /** Work remains; step again after {@code after}. */
  static StepOutcome inProgress(int progress, String message, List<NodeInfo> nodes,
      Map<String, String> observed, Duration after) {
    return new InProgress(progress, message, nodes, observed, after);
  }

  /** The cluster matches its spec. */
  static StepOutcome ready(String message, List<NodeInfo> nodes, Map<String, String> observed) {
    return new Ready(message, nodes, observed);
  }

  /** Nothing of the cluster is left in the cloud. */
  static StepOutcome deleted(String message) {
    return new Ready(message, List.of(), Map.of());
  }

  /** A failure the engine may retry, after the cloud's {@code retryAfter} when given (else null). */
  static StepOutcome retryable(String code, String message, Duration retryAfter) {
    return new Failed(code, message, true, Optional.ofNullable(retryAfter));
  }

  /** A failure retrying cannot fix; the cluster waits for a spec change. */
  static StepOutcome permanent(String code, String message) {
    return new Failed(code, message, false, Optional.empty());
  }
}
