package dev.palette;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A handle on long work that the engine carries out in the background, such as provisioning a
 * host cluster. The work goes on whether or not anyone awaits it, and survives a restart when the
 * store is durable.
 *
 * @param <T> what the work yields when it is done
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

  /** The result as a future; cancelling it stops waiting, not the work. */
  CompletableFuture<T> toCompletableFuture();

  /** Calls the listener now with the current progress and again on every change until done. */
  Operation<T> onProgress(Consumer<Progress> listener);

  /** The latest progress. */
  Progress progress();

  boolean isDone();
}
