package dev.palette.core.frontdoor;

import dev.palette.Subscription;
import dev.palette.core.frontdoor.RecordOperation;
import dev.palette.spi.StoreEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands store events to subscribers on one thread of its own, in commit order, so that a slow
 * subscriber never holds up a store write. Operation callbacks run elsewhere, on a pool of
 * {@link #callbacks()} executors, so that they never hold up this thread either.
 */
final class EventHub implements Consumer<StoreEvent>, RecordOperation.Events, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(daemon("palette-events"));
  // Unbounded on purpose: a listener blocked in await() must never starve another operation's.
  private final ExecutorService callbackPool = Executors.newCachedThreadPool(daemon("palette-callbacks"));
  private final List<Consumer<StoreEvent>> all = new CopyOnWriteArrayList<>();
  private final Map<String, List<Consumer<StoreEvent>>> byId = new ConcurrentHashMap<>();
  private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();

  @Override
  public void accept(StoreEvent event) {
    if (all.isEmpty() && byId.isEmpty()) {
      return;
    }
    dispatcher.execute(() -> deliver(event));
  }

  private void deliver(StoreEvent event) {
    for (Consumer<StoreEvent> l : all) {
      call(l, event);
    }
    List<Consumer<StoreEvent>> forId = byId.get(event.record().id());
    if (forId != null) {
      for (Consumer<StoreEvent> l : forId) {
        call(l, event);
      }
    }
  }

  private static void call(Consumer<StoreEvent> listener, StoreEvent event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("a listener failed on {}", event.record(), e);
    }
  }

  Subscription subscribe(Consumer<StoreEvent> listener) {
    all.add(listener);
    return () -> all.remove(listener);
  }

  /** Events about one record only; cheap however many records are watched. */
  @Override
  public Subscription subscribe(String id, Consumer<StoreEvent> listener) {
    byId.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () ->
        byId.computeIfPresent(
            id,
            (k, list) -> {
              list.remove(listener);
              return list.isEmpty() ? null : list;
            });
  }

  /** Runs the hook when the hub closes, before it stops delivering. */
  @Override
  public Subscription onClose(Runnable hook) {
    closeHooks.add(hook);
    return () -> closeHooks.remove(hook);
  }

  /** A new executor that runs its tasks in order, one at a time, on the callback pool. */
  @Override
  public Executor callbacks() {
    return new SerialExecutor(callbackPool);
  }

  /** How many listeners and close hooks are registered, to show that none leak. */
  int registrations() {
    return all.size() + byId.values().stream().mapToInt(List::size).sum() + closeHooks.size();
  }

  @Override
  public void close() {
    for (Runnable hook : closeHooks) {
      hook.run();
    }
    dispatcher.shutdown();
    callbackPool.shutdown();
    try {
      dispatcher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
