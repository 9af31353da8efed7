package dev.palette.core.facade;

import dev.palette.Operation;
import dev.palette.Progress;
import dev.palette.Subscription;
import dev.palette.error.OperationFailedException;
import dev.palette.error.OperationTimeoutException;
import dev.palette.error.PaletteClosedException;
import dev.palette.error.PaletteException;
import dev.palette.error.ProviderException;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Operation} that follows one record through the store's events and judges each state
 * it sees: still working (with progress), done (with a result) or failed. It keeps every progress
 * it saw, so a listener attached late hears the whole story, and calls listeners on its own
 * serial executor, never on the event thread, after the result is set.
 */
final class RecordOperation<T> implements Operation<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RecordOperation.class);

  /** How a state of the record is judged. */
  sealed interface Outcome<T> {}

  record Working<T>(Progress progress) implements Outcome<T> {}

  record Done<T>(T result, Progress progress) implements Outcome<T> {}

  /** The work failed; {@code cause} is the provider's failure when one is known, else null. */
  record Failed<T>(String message, Progress progress, ProviderException cause) implements Outcome<T> {
    Failed(String message, Progress progress) {
      this(message, progress, null);
    }
  }

  private final String description;
  private final Function<Optional<StoredRecord>, Outcome<T>> judge;
  private final Executor callbacks;
  private final CompletableFuture<T> future = new CompletableFuture<>();
  // Guarded by this: what was seen, who listens, and what to close once done.
  private final List<Progress> history = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private long revision = -1;
  private volatile Progress progress;

  private final class Listener {
    final Consumer<Progress> consumer;
    volatile boolean active = true;

    Listener(Consumer<Progress> consumer) {
      this.consumer = consumer;
    }

    void call(Progress p) {
      if (!active) {
        return;
      }
      try {
        consumer.accept(p);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        LOG.warn("a progress listener of '{}' failed on {}", description, p, e);
      }
    }
  }

  private RecordOperation(
      String description, Function<Optional<StoredRecord>, Outcome<T>> judge, Executor callbacks) {
    this.description = description;
    this.judge = judge;
    this.callbacks = callbacks;
  }

  /**
   * Starts following the record with this id. {@code written} is the state the caller's own write
   * produced, judged first so its progress is never lost to a quick controller; the current state
   * is judged next, then every later event.
   */
  static <T> RecordOperation<T> follow(
      String description,
      EventHub hub,
      String id,
      StoredRecord written,
      Supplier<Optional<StoredRecord>> current,
      Function<Optional<StoredRecord>, Outcome<T>> judge) {
    RecordOperation<T> op = new RecordOperation<>(description, judge, hub.callbacks());
    op.observe(Optional.of(written));
    op.attach(hub.subscribe(
        id, e -> op.observe(e.type() == StoreEvent.Type.DELETED ? Optional.empty() : Optional.of(e.record()))));
    op.attach(hub.onClose(op::closed));
    op.observe(current.get());
    return op;
  }

  // A subscription attached after the work finished (it can race the event thread) closes at once.
  private void attach(Subscription s) {
    synchronized (this) {
      if (!future.isDone()) {
        subscriptions.add(s);
        return;
      }
    }
    s.close();
  }

  private void observe(Optional<StoredRecord> state) {
    List<Subscription> detach;
    synchronized (this) {
      if (future.isDone()) {
        return;
      }
      // Events and reads can arrive out of order; an older state than one already judged is stale.
      if (state.isPresent()) {
        if (state.get().revision() <= revision) {
          return;
        }
        revision = state.get().revision();
      }
      Outcome<T> outcome = judge.apply(state);
      if (outcome instanceof Done<T> d) {
        future.complete(d.result());
      } else if (outcome instanceof Failed<T> f) {
        future.completeExceptionally(new OperationFailedException(description + " failed: " + f.message(), f.cause()));
      }
      Progress next =
          outcome instanceof Working<T> w ? w.progress()
              : outcome instanceof Done<T> d ? d.progress()
              : ((Failed<T>) outcome).progress();
      if (!next.equals(progress)) {
        progress = next;
        history.add(next);
        for (Listener l : listeners) {
          callbacks.execute(() -> l.call(next));
        }
      }
      detach = future.isDone() ? takeSubscriptions() : List.of();
    }
    detach.forEach(Subscription::close);
  }

  private void closed() {
    List<Subscription> detach;
    synchronized (this) {
      future.completeExceptionally(new PaletteClosedException());
      detach = takeSubscriptions();
    }
    detach.forEach(Subscription::close);
  }

  private List<Subscription> takeSubscriptions() {
    List<Subscription> taken = List.copyOf(subscriptions);
    subscriptions.clear();
    return taken;
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
  public Subscription onProgress(Consumer<Progress> listener) {
    Objects.requireNonNull(listener, "listener");
    Listener l = new Listener(listener);
    synchronized (this) {
      listeners.add(l);
      List<Progress> seen = List.copyOf(history);
      callbacks.execute(() -> seen.forEach(l::call));
    }
    return () -> {
      l.active = false;
      synchronized (this) {
        listeners.remove(l);
      }
    };
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
