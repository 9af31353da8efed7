package dev.palette.core.facade;

import dev.palette.Operation;
import dev.palette.Progress;
import dev.palette.Subscription;
import dev.palette.error.OperationFailedException;
import dev.palette.error.OperationTimeoutException;
import dev.palette.error.PaletteException;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link Operation} that follows one record through the store's events and judges each state
 * it sees: still working (with progress), done (with a result) or failed.
 */
final class RecordOperation<T> implements Operation<T> {
  /** How a state of the record is judged. */
  sealed interface Outcome<T> {}

  record Working<T>(Progress progress) implements Outcome<T> {}

  record Done<T>(T result, Progress progress) implements Outcome<T> {}

  record Failed<T>(String message, Progress progress) implements Outcome<T> {}

  private final String description;
  private final Function<Optional<StoredRecord>, Outcome<T>> judge;
  private final CompletableFuture<T> future = new CompletableFuture<>();
  private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();
  private volatile Progress progress = new Progress("PENDING", 0, "");
  private Subscription subscription;

  private RecordOperation(String description, Function<Optional<StoredRecord>, Outcome<T>> judge) {
    this.description = description;
    this.judge = judge;
  }

  /** Starts following the record with this id; the current state is judged at once. */
  static <T> RecordOperation<T> follow(
      String description,
      EventHub hub,
      String id,
      Supplier<Optional<StoredRecord>> current,
      Function<Optional<StoredRecord>, Outcome<T>> judge) {
    RecordOperation<T> op = new RecordOperation<>(description, judge);
    Subscription s =
        hub.subscribe(
            id,
            e -> op.observe(e.type() == StoreEvent.Type.DELETED ? Optional.empty() : Optional.of(e.record())));
    synchronized (op) {
      op.subscription = s;
    }
    op.observe(current.get());
    return op;
  }

  private synchronized void observe(Optional<StoredRecord> state) {
    if (future.isDone()) {
      return;
    }
    Outcome<T> outcome = judge.apply(state);
    Progress next =
        outcome instanceof Working<T> w ? w.progress()
            : outcome instanceof Done<T> d ? d.progress()
            : ((Failed<T>) outcome).progress();
    if (!next.equals(progress)) {
      progress = next;
      listeners.forEach(l -> l.accept(next));
    }
    if (outcome instanceof Done<T> d) {
      finish();
      future.complete(d.result());
    } else if (outcome instanceof Failed<T> f) {
      finish();
      future.completeExceptionally(new OperationFailedException(description + " failed: " + f.message()));
    }
  }

  private void finish() {
    if (subscription != null) {
      subscription.close();
    }
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public T await() {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PaletteException("interrupted while waiting for " + description, e);
    } catch (ExecutionException e) {
      throw rethrow(e);
    }
  }

  @Override
  public T await(Duration timeout) {
    java.util.Objects.requireNonNull(timeout, "timeout");
    try {
      // convert() saturates where toNanos() overflows, so a huge timeout waits "forever".
      return future.get(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PaletteException("interrupted while waiting for " + description, e);
    } catch (ExecutionException e) {
      throw rethrow(e);
    } catch (TimeoutException e) {
      throw new OperationTimeoutException(
          description + " is not done after " + timeout + "; it is at " + progress
              + ". The work goes on: await again or follow it with onProgress.");
    }
  }

  private static RuntimeException rethrow(ExecutionException e) {
    return e.getCause() instanceof RuntimeException r ? r : new PaletteException(e.getMessage(), e);
  }

  @Override
  public CompletableFuture<T> toCompletableFuture() {
    return future.copy();
  }

  @Override
  public Operation<T> onProgress(Consumer<Progress> listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    synchronized (this) {
      listeners.add(listener);
      listener.accept(progress);
    }
    return this;
  }

  @Override
  public Progress progress() {
    return progress;
  }

  @Override
  public boolean isDone() {
    return future.isDone();
  }

  @Override
  public String toString() {
    return "Operation[" + description + ", " + (isDone() ? "done" : progress) + "]";
  }
}
