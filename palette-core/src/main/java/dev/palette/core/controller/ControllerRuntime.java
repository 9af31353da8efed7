package dev.palette.core.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs reconcilers from a work queue: a record queued many times is reconciled once, never two
 * reconciles of one record run at once, different records run in parallel on a bounded pool, and
 * failures come back after an exponential backoff with jitter.
 */
public final class ControllerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerRuntime.class);

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
    workers.execute(() -> run(key));
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
    timer.schedule(() -> enqueue(kind, id), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void run(Key key) {
    synchronized (lock) {
      entries.get(key).running = true;
    }
    Result result;
    MDC.put("palette.record", key.kind() + "/" + key.id());
    try {
      result = closed ? Result.done() : reconcilers.get(key.kind()).reconcile(key.id());
    } catch (RuntimeException e) {
      LOG.warn("reconcile of {} {} failed: {}", key.kind(), key.id(), e.toString());
      result = Result.retry(e);
    } finally {
      MDC.remove("palette.record");
    }
    boolean again;
    synchronized (lock) {
      Entry e = entries.get(key);
      again = e.dirty;
      if (again) {
        e.dirty = false;
        e.running = false;
      } else {
        entries.remove(key);
      }
      if (result instanceof Result.Retry) {
        failures.merge(key, 1, Integer::sum);
      } else {
        failures.remove(key);
      }
    }
    if (again && !closed) {
      workers.execute(() -> run(key));
    } else if (again) {
      synchronized (lock) {
        entries.remove(key);
      }
    }
    if (result instanceof Result.RequeueAfter r) {
      enqueueAfter(key.kind(), key.id(), r.delay());
    } else if (result instanceof Result.Retry) {
      int attempt;
      synchronized (lock) {
        attempt = failures.getOrDefault(key, 1);
      }
      enqueueAfter(key.kind(), key.id(), retryPolicy.delay(attempt));
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
