package dev.palette.core.frontdoor;

import dev.palette.Operation;
import dev.palette.Progress;
import dev.palette.Subscription;
import dev.palette.error.OperationFailedException;
import dev.palette.error.OperationTimeoutException;
import dev.palette.error.PaletteClosedException;
import dev.palette.error.PaletteException;
import dev.palette.error.ProviderException;
import dev.palette.model.Resource;
import dev.palette.model.Status;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Operation} that follows one record of any kind with a {@link Status} through the
 * store's events and judges each state it sees, with the rules its kind hands in
 * ({@link Tracking}): still working (with progress), done or failed. It keeps every progress it
 * saw, so a listener attached late hears the whole story, and calls listeners on its own serial
 * executor, never on the event thread, after the result is set.
 *
 * <p>Internal to the engine; public only until the front door that creates it shares this package.
 *
 * @param <T> the record type, or {@code Void} for a deletion
 */
public final class RecordOperation<T> implements Operation<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RecordOperation.class);
  private static final Progress DELETED = new Progress("DELETED", 100, "deleted");
  // Ends a waitUntil() queue: the work is over.
  private static final Object END = new Object();

  /** Where an operation hears of its record; the engine's event hub. */
  public interface Events {
    /** Calls the listener with every later event about the record with this id. */
    Subscription subscribe(String id, Consumer<StoreEvent> listener);

    /** Runs the hook when the engine closes. */
    Subscription onClose(Runnable hook);

    /** A new executor that runs its tasks one at a time, in order, off the event thread. */
    Executor callbacks();
  }

  /**
   * What an operation needs to know of a kind, which the kind's descriptor supplies: how a stored
   * record reads, where its status is, and which statuses mean done and failed.
   *
   * @param failure the provider failure behind a failed status, when the kind records one
   */
  public record Tracking<R extends Resource<?>>(
      Function<StoredRecord, R> decode,
      Function<R, ? extends Status> status,
      Predicate<R> done,
      Predicate<R> failed,
      Function<R, Optional<ProviderException>> failure) {
    /** Checks that every rule is given. */
    public Tracking {
      Objects.requireNonNull(decode, "decode");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(done, "done");
      Objects.requireNonNull(failed, "failed");
      Objects.requireNonNull(failure, "failure");
    }
  }

  // How one state of the record is judged; state is what waitUntil() may hand over, if anything.
  private sealed interface Outcome<T> {
    Progress progress();

    Optional<T> state();
  }

  private record Working<T>(Progress progress, Optional<T> state) implements Outcome<T> {}

  private record Done<T>(T result, Progress progress) implements Outcome<T> {
    @Override
    public Optional<T> state() {
      return Optional.ofNullable(result);
    }
  }

  // cause is the provider's failure when one is known, else null.
  private record Failed<T>(String message, Progress progress, ProviderException cause, Optional<T> state)
      implements Outcome<T> {}

  private final String description;
  private final Function<Optional<StoredRecord>, Outcome<T>> judge;
  private final Executor callbacks;
  private final CompletableFuture<T> future = new CompletableFuture<>();
  // Guarded by this: what was seen, who listens and waits, and what to close once done.
  private final List<Progress> history = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();
  private final List<BlockingQueue<Object>> waiters = new ArrayList<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private long revision = -1;
  private Optional<T> latest = Optional.empty();
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
   * Follows work on a record until its kind calls a status done or failed, counting only a
   * status that describes the generation {@code written} asked for. {@code written} is the state
   * the caller's own write produced, judged first so its progress is never lost to a quick
   * controller; the current state is judged next, then every later event. The record's removal,
   * or a delete request, fails the work.
   */
  public static <R extends Resource<?>> RecordOperation<R> untilDone(
      String description, Events events, StoredRecord written, Supplier<Optional<StoredRecord>> current,
      Tracking<R> kind) {
    long generation = kind.decode().apply(written).metadata().generation();
    return follow(description, events, written, current, state -> {
      if (state.isEmpty()) {
        return new Failed<>("the " + written.kind() + " was deleted", DELETED, null, Optional.empty());
      }
      R record = kind.decode().apply(state.get());
      Status status = kind.status().apply(record);
      Progress p = new Progress(status.phaseName(), status.progress(), status.message());
      boolean observed = status.observedGeneration() >= generation;
      if (record.metadata().deletionRequested()) {
        return new Failed<>("the " + written.kind() + " is being deleted", p, null, Optional.of(record));
      }
      if (observed && kind.done().test(record)) {
        return new Done<>(record, p);
      }
      if (observed && kind.failed().test(record)) {
        return new Failed<>(status.message(), p, kind.failure().apply(record).orElse(null), Optional.of(record));
      }
      return new Working<>(p, Optional.of(record));
    });
  }

  /**
   * Follows a deletion until the record is gone. Its progress is {@link Status#DELETING} with the
   * controller's progress once the controller reports that phase, and 0% before.
   */
  public static <R extends Resource<?>> RecordOperation<Void> untilGone(
      String description, Events events, StoredRecord written, Supplier<Optional<StoredRecord>> current,
      Tracking<R> kind) {
    return follow(description, events, written, current, state -> {
      if (state.isEmpty()) {
        return new Done<Void>(null, DELETED);
      }
      Status s = kind.status().apply(kind.decode().apply(state.get()));
      return new Working<Void>(Status.DELETING.equals(s.phaseName())
          ? new Progress(Status.DELETING, s.progress(), s.message())
          : new Progress(Status.DELETING, 0, "deletion requested"), Optional.empty());
    });
  }

  private static <T> RecordOperation<T> follow(
      String description, Events events, StoredRecord written, Supplier<Optional<StoredRecord>> current,
      Function<Optional<StoredRecord>, Outcome<T>> judge) {
    RecordOperation<T> op = new RecordOperation<>(description, judge, events.callbacks());
    op.observe(Optional.of(written));
    op.attach(events.subscribe(written.id(),
        e -> op.observe(e.type() == StoreEvent.Type.DELETED ? Optional.empty() : Optional.of(e.record()))));
    op.attach(events.onClose(op::closed));
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
      Progress next = outcome.progress();
      if (!next.equals(progress)) {
        progress = next;
        history.add(next);
        for (Listener l : listeners) {
          callbacks.execute(() -> l.call(next));
        }
      }
      Optional<T> seen = outcome.state();
      if (outcome instanceof Done<T> d && d.result() == null) {
        // A deletion hands over its end, which has no record.
        waiters.forEach(w -> w.add(Optional.empty()));
      } else if (seen.isPresent()) {
        latest = seen;
        waiters.forEach(w -> w.add(seen));
      }
      detach = future.isDone() ? ended() : List.of();
    }
    detach.forEach(Subscription::close);
  }

  private void closed() {
    List<Subscription> detach;
    synchronized (this) {
      future.completeExceptionally(new PaletteClosedException());
      detach = ended();
    }
    detach.forEach(Subscription::close);
  }

  // Called with the lock held once the work is over: wakes every waiter, hands back what to close.
  private List<Subscription> ended() {
    waiters.forEach(w -> w.add(END));
    waiters.clear();
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
    Objects.requireNonNull(timeout, "timeout");
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

  /**
   * {@inheritDoc}
   *
   * <p>The condition runs on the caller's thread, never on the engine's event thread.
   */
  @Override
  @SuppressWarnings("unchecked")
  public T waitUntil(Predicate<T> condition, Duration timeout) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(timeout, "timeout");
    // convert() saturates, and only the elapsed time is subtracted, so a huge timeout waits "forever".
    long budget = TimeUnit.NANOSECONDS.convert(timeout);
    long start = System.nanoTime();
    BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    synchronized (this) {
      if (future.isDone() && !future.isCompletedExceptionally()) {
        seen.add(Optional.ofNullable(future.getNow(null)));
      } else if (latest.isPresent()) {
        seen.add(latest);
      }
      if (future.isDone()) {
        seen.add(END);
      } else {
        waiters.add(seen);
      }
    }
    try {
      while (true) {
        long left = Math.max(0, budget - (System.nanoTime() - start));
        Object next = seen.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          throw new OperationTimeoutException(description + ": no state met the condition after " + timeout
              + "; its last status is " + progress + ". The work goes on: wait again or follow it with onProgress.");
        }
        if (next == END) {
          return endedWithout();
        }
        T state = ((Optional<T>) next).orElse(null);
        if (condition.test(state)) {
          return state;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PaletteException("interrupted while waiting for " + description, e);
    } finally {
      synchronized (this) {
        waiters.remove(seen);
      }
    }
  }

  // The work ended and no state it saw met the condition: its failure, or a failure saying so.
  private T endedWithout() {
    try {
      future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new PaletteException(e.getMessage(), e);
    }
    throw new OperationFailedException(description + " is done at " + progress
        + " and no state it went through met the condition");
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
