package dev.palette.core.store.directory;

import dev.palette.Subscription;
import dev.palette.core.store.Listeners;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoreListener;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed changes to the store's listeners on one thread, in revision order, each listener
 * isolated from the others. A watch from an earlier revision is caught up from the logs on that
 * same thread, between the changes before and after it, so it sees each change once and in order.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final Object POISON = new Object();

  private final Object store;
  private final LogReplay replay;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final Thread thread;

  Dispatcher(Object store, LogReplay replay, String name) {
    this.store = store;
    this.replay = replay;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Queues committed changes. The caller holds the lock that also orders {@link #watch}, so a watch
   * registered at revision R is queued after every change up to R and before every later one.
   */
  void publish(List<StoreEvent> events) {
    queue.addAll(events);
  }

  /**
   * Registers a listener for the changes after {@code from}, given that the store is at {@code at};
   * called under the same lock as {@link #publish}.
   */
  Subscription watch(long from, long at, StoreListener listener) {
    Watcher w = new Watcher(listener, Math.max(from, at));
    if (from >= at) {
      watchers.add(w);
    } else {
      queue.add(new CatchUp(w, from, at));
    }
    return () -> {
      w.active = false;
      watchers.remove(w);
    };
  }

  /** Delivers what is queued, then ends the thread. */
  void stop() {
    queue.add(POISON);
    if (Thread.currentThread() != thread) {
      Threads.joinQuietly(thread);
    }
  }

  private void loop() {
    while (true) {
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        continue; // Only stop() ends this thread, through the poison item.
      }
      if (o == POISON) {
        return;
      }
      if (o instanceof CatchUp c) {
        catchUp(c);
        continue;
      }
      StoreEvent event = (StoreEvent) o;
      for (Watcher w : watchers) {
        if (w.active && event.record().revision() > w.after) {
          Listeners.deliver(w.listener, event, store);
        }
      }
    }
  }

  private void catchUp(CatchUp c) {
    Watcher w = c.watcher;
    if (!w.active) {
      return;
    }
    if (!replay.canReplay(c.from)) {
      w.active = false;
      Listeners.startOver(w.listener, c.at, store);
      return;
    }
    try {
      replay.replay(c.from, c.at, e -> {
        if (w.active) {
          Listeners.deliver(w.listener, e, store);
        }
      });
    } catch (NoSuchFileException e) {
      // Compaction removed a log while it was read: the watcher lists again instead.
      LOG.debug("{} could not replay from revision {}: {}", store, c.from, e.toString());
      w.active = false;
      Listeners.startOver(w.listener, c.at, store);
      return;
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} could not replay its log from revision {}; the watcher starts over", store,
          c.from, e);
      w.active = false;
      Listeners.startOver(w.listener, c.at, store);
      return;
    }
    if (w.active) {
      watchers.add(w);
    }
  }

  /** A listener and the revision after which it gets changes. */
  private static final class Watcher {
    final StoreListener listener;
    final long after;
    volatile boolean active = true;

    Watcher(StoreListener listener, long after) {
      this.listener = listener;
      this.after = after;
    }
  }

  /** A watch from an earlier revision, to be caught up from the logs up to {@code at}. */
  private record CatchUp(Watcher watcher, long from, long at) {}
}
