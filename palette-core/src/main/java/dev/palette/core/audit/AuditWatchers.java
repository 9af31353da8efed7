package dev.palette.core.audit;

import dev.palette.Subscription;
import dev.palette.model.AuditEvent;
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
 * Follows this engine's queued events to the end, in the order they were queued: each gets a
 * ticket when queued ({@link ChainAppender} seals them in ticket order, so ticket order is
 * sequence order), and once it and every event queued before it are stored (or failed to be) it
 * is handed to the watchers and counted as handled, which is what readers wait for.
 */
final class AuditWatchers {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWatchers.class);
  // An event that could not be stored: delivery passes over it.
  private static final AuditEvent LOST = null;

  private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition handled = lock.newCondition();
  // Finished out of order, waiting for an earlier ticket; under the lock.
  private final Map<Long, AuditEvent> done = new HashMap<>();
  // Every ticket up to this one is handled; under the lock.
  private long through;

  Subscription watch(Consumer<AuditEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The event of a ticket is stored. */
  void stored(long ticket, AuditEvent event) {
    finish(ticket, event);
  }

  /** The event of a ticket could not be sealed or stored. */
  void lost(long ticket) {
    finish(ticket, LOST);
  }

  /**
   * Waits until every ticket up to {@code ticket} is handled. A watcher reading the trail from
   * inside its delivery does not wait: it would wait for itself.
   */
  void awaitThrough(long ticket) {
    if (lock.isHeldByCurrentThread()) {
      return;
    }
    lock.lock();
    try {
      while (through < ticket) {
        handled.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  // Delivers under the lock, so that every watcher sees this engine's events in sequence order.
  private void finish(long ticket, AuditEvent event) {
    lock.lock();
    try {
      done.put(ticket, event);
      long before = through;
      while (done.containsKey(through + 1)) {
        AuditEvent next = done.remove(++through);
        if (next != LOST) {
          listeners.forEach(l -> deliver(l, next));
        }
      }
      if (through != before) {
        handled.signalAll();
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
