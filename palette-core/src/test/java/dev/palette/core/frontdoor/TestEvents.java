package dev.palette.core.frontdoor;

import dev.palette.Subscription;
import dev.palette.spi.StoreEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's event hub as operations see it: events delivered in order on one thread of its
 * own, callbacks on a separate single thread per operation, close hooks run on close.
 */
final class TestEvents implements RecordOperation.Events, AutoCloseable {
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(daemon());
  private final List<ExecutorService> callbackThreads = new CopyOnWriteArrayList<>();
  private final Map<String, List<Consumer<StoreEvent>>> byId = new ConcurrentHashMap<>();
  private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();

  void accept(StoreEvent event) {
    dispatcher.execute(() -> byId.getOrDefault(event.record().id(), List.of()).forEach(l -> l.accept(event)));
  }

  @Override
  public Subscription subscribe(String id, Consumer<StoreEvent> listener) {
    byId.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> byId.computeIfPresent(id, (k, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    });
  }

  @Override
  public Subscription onClose(Runnable hook) {
    closeHooks.add(hook);
    return () -> closeHooks.remove(hook);
  }

  @Override
  public Executor callbacks() {
    ExecutorService serial = Executors.newSingleThreadExecutor(daemon());
    callbackThreads.add(serial);
    return serial;
  }

  /** How many listeners and close hooks are registered, to show that none leak. */
  int registrations() {
    return byId.values().stream().mapToInt(List::size).sum() + closeHooks.size();
  }

  @Override
  public void close() {
    closeHooks.forEach(Runnable::run);
    dispatcher.shutdown();
    callbackThreads.forEach(ExecutorService::shutdown);
    try {
      dispatcher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "test-events");
      t.setDaemon(true);
      return t;
    };
  }
}
