package dev.palette;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A handle on long work that the engine carries out in the background on a record of any kind
 * with a {@linkplain dev.palette.model.Status status}, such as provisioning a host cluster. It
 * follows the record through its states: the work is done or failed when the kind says so of a
 * status that describes the spec the work was asked for. The work goes on whether or not anyone
 * awaits it, and survives a restart when the store is durable.
 *
 * @param <T> what the work yields when it is done: the record in the state that completed it, or
 *     {@code Void} for work whose end is the record's removal
 */
public interface Operation<T> {
  /** What the work is, for example {@code create HostCluster ml-modeling/gpu-1}. */
  String description();

  /** Blocks until the work is done and returns its result. */
  T await();

  /**
   * Blocks until the work is done or the timeout passes.
   *
   * @throws dev.palette.error.OperationTimeoutException when the timeout passes first
   * @throws dev.palette.error.OperationFailedException when the work failed
   */
  T await(Duration timeout);

  /**
   * Blocks until a state of the work satisfies the condition, and returns that state. The latest
   * state is tested first, then every later one the operation sees, in order. Work that yields
   * {@code Void} (a deletion) has no record state to hand over: its end is tested, as {@code null}.
   *
   * @throws dev.palette.error.OperationTimeoutException naming the work and its last status when the
   *     timeout passes first
   * @throws dev.palette.error.OperationFailedException when the work failed, or ended in a state
   *     that does not satisfy the condition, first
   */
  T waitUntil(Predicate<T> condition, Duration timeout);

  /** The result as a future; cancelling it stops waiting, not the work. */
  CompletableFuture<T> toCompletableFuture();

  /**
   * Follows the work's progress. The listener is first given every progress the operation has
   * seen so far, oldest first (so a listener attached after {@code create()} returned still sees
   * {@code PENDING}), then every change until the work is done.
   *
   * <p>Listeners run on a daemon thread of the engine, one call at a time per operation and in
   * order; they never run on the caller's thread or the engine's event thread. A listener that is
   * slow or throws delays or harms no other operation: what it throws is logged at WARN and the
   * next progress is delivered as usual. The result is available to {@link #await()} before the
   * listener hears of the final progress, so a listener may await its own operation.
   *
   * @return a subscription; close it to stop the calls
   */
  Subscription onProgress(Consumer<Progress> listener);

  /** The latest progress. */
  Progress progress();

  boolean isDone();
}
