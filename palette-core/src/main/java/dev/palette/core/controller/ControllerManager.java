package dev.palette.core.controller;

import dev.palette.Subscription;
import dev.palette.core.record.Records;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.Listing;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoreListener;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of reconcilers against a store: on {@link #start()} it watches the store, queues every
 * record of every controlled kind (so what changed while nobody watched is seen), and resyncs them
 * each period; on {@link #stop()} it stops watching and waits for running reconciles to finish. It
 * can be started and stopped any number of times, as leadership comes and goes. See
 * {@link Reconciler} for what a reconciler is promised.
 */
public final class ControllerManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  /**
   * How the manager runs its reconcilers.
   *
   * @param threads how many records may be reconciled at once
   * @param retryPolicy the backoff after a failure
   * @param resyncPeriod how often every record is reconciled again
   * @param clock the clock the resync period is measured on
   */
  public record Settings(int threads, RetryPolicy retryPolicy, Duration resyncPeriod, Clock clock) {
    public Settings {
      Objects.requireNonNull(retryPolicy, "retryPolicy");
      Objects.requireNonNull(resyncPeriod, "resyncPeriod");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private final String name;
  private final Records records;
  private final List<Reconciler> reconcilers;
  private final Settings settings;
  private final KindFinalizers finalizers;
  // Volatile, not locked: enqueue must not wait while stop() waits for reconciles.
  private volatile ControllerRuntime runtime;
  private Subscription watch;
  private boolean closed;

  /**
   * @param name what the manager's log lines call it, for example {@code controllers}
   * @param reconcilers the reconcilers, each with its primary kind, watches and finalizer
   */
  public ControllerManager(String name, Records records, List<Reconciler> reconcilers, Settings settings) {
    this.name = name;
    this.records = records;
    this.settings = settings;
    this.reconcilers = reconcilers.stream()
        .map(r -> r.finalizer().<Reconciler>map(f -> new FinalizerFirst(r, f, records)).orElse(r))
        .toList();
    this.finalizers = new KindFinalizers(this.reconcilers);
  }

  /** The finalizers the front door puts on a record it creates. */
  public KindFinalizers finalizers() {
    return finalizers;
  }

  /** Starts reconciling; does nothing when running already or closed. */
  public synchronized void start() {
    if (closed || runtime != null) {
      return;
    }
    runtime = new ControllerRuntime(settings.threads(), settings.retryPolicy());
    reconcilers.forEach(runtime::register);
    EventRouter router = new EventRouter(runtime, records.codec(), reconcilers);
    int queued = 0;
    try {
      queued = follow(runtime, router);
    } catch (RuntimeException e) {
      // A store that failed the start leaves nothing running.
      if (watch != null) {
        watch.close();
      }
      runtime.close();
      watch = null;
      runtime = null;
      throw e;
    }
    runtime.resyncEvery(settings.resyncPeriod(), settings.clock(),
        kind -> records.store().list(RecordQuery.all(kind)).records().stream().map(StoredRecord::id).toList());
    LOG.info("{} started for {}: {} record(s) queued", name, kinds(), queued);
  }

  /**
   * Lists every record of the controlled kinds, queues each, and watches from the oldest listing's
   * revision, so no change falls between listing and watching; when the store can no longer replay
   * that far, it lists and watches again.
   *
   * @return how many records were queued
   */
  private int follow(ControllerRuntime current, EventRouter router) {
    int queued = 0;
    long from = Long.MAX_VALUE;
    for (String kind : kinds()) {
      Listing listing = records.store().list(RecordQuery.all(kind));
      from = Math.min(from, listing.revision());
      for (StoredRecord r : listing.records()) {
        router.listed(r);
        current.enqueue(kind, r.id());
        queued++;
      }
    }
    watch = records.store().watch(from == Long.MAX_VALUE ? records.store().revision() : from,
        new StoreListener() {
          @Override
          public void onEvent(StoreEvent event) {
            router.onEvent(event);
          }

          @Override
          public void onStartOver(long revision) {
            restart(current, router);
          }
        });
    return queued;
  }

  private synchronized void restart(ControllerRuntime current, EventRouter router) {
    if (runtime == current) {
      LOG.info("{}: the store cannot replay its changes; listing again", name);
      follow(current, router);
    }
  }

  /** Stops reconciling and waits for running reconciles; queued work is found again by the next start. */
  public synchronized void stop() {
    if (runtime == null) {
      return;
    }
    watch.close();
    runtime.close();
    watch = null;
    runtime = null;
    LOG.info("{} stopped", name);
  }

  /** True between {@link #start()} and {@link #stop()}. */
  public boolean running() {
    return runtime != null;
  }

  /** Queues a record for its kind's reconcilers now; nothing happens while stopped. */
  public void enqueue(String kind, String id) {
    ControllerRuntime current = runtime;
    if (current != null) {
      current.enqueue(kind, id);
    }
  }

  private List<String> kinds() {
    return reconcilers.stream().map(Reconciler::kind).distinct().toList();
  }

  /** Stops for good. */
  @Override
  public synchronized void close() {
    stop();
    closed = true;
  }

  @Override
  public String toString() {
    return "ControllerManager[" + name + ", kinds=" + kinds() + "]";
  }
}
