package dev.palette.core.audit;

import dev.palette.Subscription;
import dev.palette.model.AuditEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands this engine's events to its watchers in sequence order, although the appending threads
 * store them concurrently: each sequence is reserved in order, and an event is delivered once it
 * and every one reserved before it are stored (or failed to be).
 */
final class AuditWatchers {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWatchers.class);
  // A sequence whose event could not be stored: delivery passes over it.
  private static final AuditEvent LOST = null;

  private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition quiet = lock.newCondition();
  private final ArrayDeque<Long> reserved = new ArrayDeque<>();
  private final Map<Long, AuditEvent> done = new HashMap<>();

  Subscription watch(Consumer<AuditEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Called in sequence order, as the head moves past these sequences. */
  void reserved(long first, long last) {
    lock.lock();
    try {
      for (long s = first; s <= last; s++) {
        reserved.addLast(s);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The event of a reserved sequence is stored. */
  void stored(AuditEvent event) {
    finish(event.sequence(), event);
  }

  /** The event of a reserved sequence could not be stored. */
  void lost(long sequence) {
    finish(sequence, LOST);
  }

  /** Waits until every sequence reserved so far is stored or lost. */
  void awaitQuiet() {
    lock.lock();
    try {
      while (!reserved.isEmpty()) {
        quiet.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  // Delivers under the lock, so that every watcher sees this engine's events in sequence order.
  private void finish(long sequence, AuditEvent event) {
    lock.lock();
    try {
      done.put(sequence, event);
      while (!reserved.isEmpty() && done.containsKey(reserved.peekFirst())) {
        AuditEvent next = done.remove(reserved.pollFirst());
        if (next != LOST) {
          listeners.forEach(l -> deliver(l, next));
        }
      }
      if (reserved.isEmpty()) {
        quiet.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private static void deliver(Consumer<AuditEvent> listener, AuditEvent event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("an audit listener failed on event {}: {}", event.sequence(), e.toString());
    }
  }
}
