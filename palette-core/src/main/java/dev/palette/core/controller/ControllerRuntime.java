package dev.palette.core.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs reconcilers from a work queue: a record queued many times is reconciled once, never two
 * reconciles of one record by one reconciler run at once, different records run in parallel on a
 * bounded pool, and failures (exceptions and errors alike) come back after an exponential backoff
 * with jitter. Every record can also be looked at again periodically ({@link #resyncEvery}). Log
 * lines written during a reconcile carry the record's kind and id in the MDC ({@link #MDC_KIND},
 * {@link #MDC_ID}).
 *
 * <p>The runtime knows nothing of the store: {@link ControllerManager} feeds it store events.
 */
public final class ControllerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerRuntime.class);
  private static final Duration RESYNC_TICK = Duration.ofMillis(250);
  /** The MDC key of the kind of the record being reconciled. */
  public static final String MDC_KIND = "palette.kind";
  /** The MDC key of the id of the record being reconciled. */
  public static final String MDC_ID = "palette.id";

  // Copied on write: read on every enqueue from the store's and the timer's threads.
  private volatile List<Reconciler> reconcilers = List.of();
  private final RetryPolicy retryPolicy;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  // Per key: present while queued or running; "dirty" means queued again while running.
  private final Map<Key, Entry> entries = new HashMap<>();
  private final Map<Key, Integer> failures = new HashMap<>();
  private volatile boolean closed;

  // Two reconcilers of one kind (a cloud account's check and its catalog) queue apart.
  private record Key(Reconciler reconciler, String id) {
    String kind() {
      return reconciler.kind();
    }
  }

  private static final class Entry {
    boolean running;
    boolean dirty;
  }

  /**
   * @param threads how many records may be reconciled at once
   * @param retryPolicy the backoff after a failed reconcile
   */
  public ControllerRuntime(int threads, RetryPolicy retryPolicy) {
    this.retryPolicy = retryPolicy;
    this.workers = Executors.newFixedThreadPool(threads, named("palette-reconcile"));
    this.timer = Executors.newSingleThreadScheduledExecutor(named("palette-requeue"));
  }

  /** Adds a reconciler; register every one before work is queued. */
  public synchronized void register(Reconciler reconciler) {
    List<Reconciler> next = new ArrayList<>(reconcilers);
    next.add(reconciler);
    reconcilers = List.copyOf(next);
  }

  /** Queues a record for reconciliation now by every reconciler of its kind. */
  public void enqueue(String kind, String id) {
    for (Reconciler r : reconcilers) {
      if (r.kind().equals(kind)) {
        enqueue(r, id);
      }
    }
  }

  /** Queues a record for reconciliation now by one reconciler. */
  void enqueue(Reconciler reconciler, String id) {
    if (closed) {
      return;
    }
    Key key = new Key(reconciler, id);
    synchronized (lock) {
      Entry e = entries.get(key);
      if (e != null) {
        e.dirty |= e.running;
        return;
      }
      entries.put(key, new Entry());
    }
    execute(key);
  }

  // Queues a record for one reconciler after a delay.
  private void enqueueAfter(Reconciler reconciler, String id, Duration delay) {
    if (closed) {
      return;
    }
    if (delay.isZero() || delay.isNegative()) {
      enqueue(reconciler, id);
      return;
    }
    try {
      timer.schedule(() -> enqueue(reconciler, id), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile; the record is looked at again on the next start.
    }
  }

  /**
   * Runs a task on the runtime's own thread, in the order given: how work that may read the store
   * (a secondary-to-primary mapping) leaves the store's event thread.
   */
  void submit(Runnable task) {
    if (closed) {
      return;
    }
    try {
      timer.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("a queued task failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // Closed meanwhile; a start lists every record again.
    }
  }

  /**
   * Reconciles every record of every registered kind again each {@code period}, as measured on
   * {@code clock}, so drift outside is noticed without a change to the record. The clock is read
   * a few times a second, which lets a test's manual clock trigger a resync.
   *
   * @param ids the ids of the records of a kind, read afresh at each resync
   */
  public void resyncEvery(Duration period, Clock clock, Function<String, Collection<String>> ids) {
    Duration tick = period.compareTo(RESYNC_TICK) < 0 ? period : RESYNC_TICK;
    AtomicReference<Instant> next = new AtomicReference<>(clock.instant().plus(period));
    Runnable check = () -> {
      Instant now = clock.instant();
      if (closed || now.isBefore(next.get())) {
        return;
      }
      next.set(now.plus(period));
      try {
        for (String kind : reconcilers.stream().map(Reconciler::kind).distinct().toList()) {
          ids.apply(kind).forEach(id -> enqueue(kind, id));
        }
      } catch (RuntimeException e) {
        LOG.warn("resync failed; it is tried again at the next period", e);
      }
    };
    try {
      timer.scheduleWithFixedDelay(check, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed already: nothing to resync.
    }
  }

  private void run(Key key) {
    synchronized (lock) {
      entries.get(key).running = true;
    }
    Result result;
    VirtualMachineError fatal = null;
    MDC.put(MDC_KIND, key.kind());
    MDC.put(MDC_ID, key.id());
    try {
      result = closed ? Result.done() : key.reconciler().reconcile(key.id());
      if (result instanceof Result.Retry r && r.cause() != null) {
        LOG.debug("reconcile of {} {} asked for a retry", key.kind(), key.id(), r.cause());
      }
    } catch (VirtualMachineError e) {
      // Released and requeued below before it is rethrown, so the record is never left running.
      LOG.error("reconcile of {} {} failed; it is retried", key.kind(), key.id(), e);
      fatal = e;
      result = Result.retry(e);
    } catch (Throwable e) {
      // An Error (an assertion, a linkage problem) must not wedge the record: retry it like any failure.
      LOG.warn("reconcile of {} {} failed; it is retried", key.kind(), key.id(), e);
      result = Result.retry(e);
    } finally {
      MDC.remove(MDC_KIND);
      MDC.remove(MDC_ID);
    }
    boolean again;
    int attempt = 0;
    synchronized (lock) {
      Entry e = entries.get(key);
      again = e.dirty && !closed;
      if (again) {
        e.dirty = false;
        e.running = false;
      } else {
        entries.remove(key);
      }
      if (result instanceof Result.Retry) {
        attempt = failures.merge(key, 1, Integer::sum);
      } else {
        failures.remove(key);
      }
    }
    if (again) {
      execute(key);
    }
    if (result instanceof Result.RequeueAfter r) {
      enqueueAfter(key.reconciler(), key.id(), r.delay());
    } else if (result instanceof Result.Retry) {
      enqueueAfter(key.reconciler(), key.id(), retryPolicy.delay(attempt));
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  private void execute(Key key) {
    try {
      workers.execute(() -> run(key));
    } catch (RejectedExecutionException e) {
      // The runtime closed meanwhile; the work is picked up again on the next start.
      synchronized (lock) {
        entries.remove(key);
      }
    }
  }

  /**
   * Stops taking work and waits for running reconciles to finish. Queued work is dropped: it is
   * picked up again when a runtime starts on the same store, since reconcilers are level-triggered.
   */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
