package dev.palette.core.audit;

import dev.palette.model.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends events to the chain whose head is a store record ({@link ChainHead}).
 *
 * <p>An append is: take the head, seal the event after it, move the head by compare-and-set, then
 * store the event record. The head is the only point of agreement, so engines sharing a store
 * never fork the chain nor reuse a sequence; losing the compare-and-set to another engine only
 * costs reading the head again and resealing, which is pure computation.
 *
 * <p>Appends of one engine are combined: whichever thread holds the lock seals every event
 * queued so far and moves the head once for all of them; each thread then stores its own event,
 * so the event writes of concurrent appends go to the store together (and share a group commit
 * where the store has one). The lock is held across the one head write, never across an event
 * write.
 *
 * <p><b>Crash window.</b> The head moves before the events are stored, so a crash between the two
 * leaves the head past events that never arrived: {@link ChainVerifier} reports the first of them
 * as missing. Nothing else can be lost: an event stored is always behind the head.
 */
final class ChainAppender {
  private final ChainHead heads;
  private final EventRecords events;
  private final AuditWatchers watchers;
  private final Clock clock;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  // Only used under the lock; it reuses its buffer and digest.
  private final ChainHash chainHash = new ChainHash();
  private final ThreadLocal<EventJson> json = ThreadLocal.withInitial(EventJson::new);
  // The head as this engine last moved it; null when it must be read from the store. Under the lock.
  private ChainHead.Head head;
  // The highest stamp handed out, so that this engine's stamps only grow.
  private final AtomicLong stamps = new AtomicLong();

  ChainAppender(ChainHead heads, EventRecords events, AuditWatchers watchers, Clock clock) {
    this.heads = heads;
    this.events = events;
    this.watchers = watchers;
    this.clock = clock;
  }

  /**
   * The sequence to stamp on a record about to be changed: one past every sequence this engine
   * knows of or stamped before. It is the sequence the change's event gets unless other appends
   * come first; the event then names the stamp it goes with.
   */
  long stamp() {
    long stored = heads.read().sequence();
    return stamps.updateAndGet(s -> Math.max(s, stored) + 1);
  }

  /**
   * Seals and stores one event.
   *
   * @param draft the event's fields but sequence, time and hashes; it rejected null fields already
   * @param fields the same values, to hash
   * @param labels the labels of its record
   */
  AuditEvent append(AuditEvent.Builder draft, Fields fields, Map<String, String> labels) {
    Pending pending = new Pending(draft, fields);
    queue.add(pending);
    lock.lock();
    try {
      // Another thread may have sealed ours while we waited for the lock.
      if (pending.event == null && pending.failure == null) {
        sealQueued();
      }
    } finally {
      lock.unlock();
    }
    if (pending.failure != null) {
      throw pending.failure;
    }
    AuditEvent event = pending.event;
    boolean stored = false;
    try {
      events.create(event, json.get().encode(event), labels);
      stored = true;
    } finally {
      // Whatever happened, the watchers must not wait for this sequence any longer.
      if (stored) {
        watchers.stored(event);
      } else {
        watchers.lost(event.sequence());
      }
    }
    return event;
  }

  // Called with the lock held.
  private void sealQueued() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p = queue.poll(); p != null; p = queue.poll()) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      while (true) {
        ChainHead.Head from = head != null ? head : heads.read();
        List<AuditEvent> sealed = new ArrayList<>(batch.size());
        long sequence = from.sequence();
        String previous = from.hash();
        for (Pending p : batch) {
          AuditEvent e = seal(p, ++sequence, previous);
          sealed.add(e);
          previous = e.hash();
        }
        Optional<ChainHead.Head> moved = heads.advance(from, sequence, previous);
        if (moved.isEmpty()) {
          // Another engine appended: read its head and seal again after it.
          head = null;
          continue;
        }
        head = moved.get();
        long last = sequence;
        stamps.updateAndGet(s -> Math.max(s, last));
        watchers.reserved(from.sequence() + 1, last);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).event = sealed.get(i);
        }
        return;
      }
    } catch (RuntimeException | Error e) {
      head = null;
      RuntimeException failure = e instanceof RuntimeException r ? r
          : new IllegalStateException("the audit append failed: " + e, e);
      batch.forEach(p -> p.failure = failure);
      throw e;
    }
  }

  private AuditEvent seal(Pending p, long sequence, String previous) {
    Fields f = p.fields;
    Instant time = clock.instant();
    String hash = chainHash.of(sequence, time, f.actor(), f.actorType(), f.action(), f.permission(),
        f.resourceKind(), f.resourceName(), f.project(), f.outcome(), f.message(), previous);
    return p.draft.sequence(sequence).time(time).previousHash(previous).hash(hash).build();
  }

  /** The hashed fields of an event that are not decided by the chain. */
  record Fields(String actor, String actorType, dev.palette.model.AuditAction action, String permission,
      String resourceKind, String resourceName, String project, dev.palette.model.AuditOutcome outcome,
      String message) {}

  /** An append waiting to be sealed; its result is written and read under the lock. */
  private static final class Pending {
    final AuditEvent.Builder draft;
    final Fields fields;
    AuditEvent event;
    RuntimeException failure;

    Pending(AuditEvent.Builder draft, Fields fields) {
      this.draft = draft;
      this.fields = fields;
    }
  }
}
