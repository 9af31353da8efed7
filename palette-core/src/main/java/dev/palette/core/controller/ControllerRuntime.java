package dev.palette.core.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * reconciles of one record run at once, different records run in parallel on a bounded pool, and
 * failures (exceptions and errors alike) come back after an exponential backoff with jitter. Every
 * record can also be looked at again periodically ({@link #resyncEvery}).
 */
public final class ControllerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerRuntime.class);
  private static final Duration RESYNC_TICK = Duration.ofMillis(250);

  private final Map<String, Reconciler> reconcilers = new HashMap<>();
  private final RetryPolicy retryPolicy;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  // Per key: present while queued or running; "dirty" means queued again while running.
  private final Map<Key, Entry> entries = new HashMap<>();
  private final Map<Key, Integer> failures = new HashMap<>();
  private volatile boolean closed;

  private record Key(String kind, String id) {}

  private static final class Entry {
    boolean running;
    boolean dirty;
  }

  public ControllerRuntime(int threads, RetryPolicy retryPolicy) {
    this.retryPolicy = retryPolicy;
    this.workers = Executors.newFixedThreadPool(threads, named("palette-reconcile"));
    this.timer = Executors.newSingleThreadScheduledExecutor(named("palette-requeue"));
  }

  public void register(Reconciler reconciler) {
    reconcilers.put(reconciler.kind(), reconciler);
  }

  public boolean handles(String kind) {
    return reconcilers.containsKey(kind);
  }

  /** Queues a record for reconciliation now. */
  public void enqueue(String kind, String id) {
    if (closed || !reconcilers.containsKey(kind)) {
      return;
    }
    Key key = new Key(kind, id);
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

  /** Queues a record after a delay. */
  public void enqueueAfter(String kind, String id, Duration delay) {
    if (closed) {
      return;
    }
    if (delay.isZero() || delay.isNegative()) {
      enqueue(kind, id);
      return;
    }
    try {
      timer.schedule(() -> enqueue(kind, id), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile; the record is looked at again on the next start.
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
        for (String kind : List.copyOf(reconcilers.keySet())) {
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
    MDC.put("palette.record", key.kind() + "/" + key.id());
    try {
      result = closed ? Result.done() : reconcilers.get(key.kind()).reconcile(key.id());
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
      MDC.remove("palette.record");
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
      enqueueAfter(key.kind(), key.id(), r.delay());
    } else if (result instanceof Result.Retry) {
      enqueueAfter(key.kind(), key.id(), retryPolicy.delay(attempt));
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
