package dev.palette.core.audit;

import dev.palette.model.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends this engine's events to the chain whose head is a store record ({@link ChainHead}), in
 * the background: callers queue an event and go on; one sealing thread takes everything queued so
 * far, seals the batch after the head, moves the head once for the whole batch by
 * compare-and-set, and hands the batch's event records to a pool of writers, which store them
 * concurrently (so they share a group commit where the store has one) while the sealer moves the
 * head for the next batch. The head is the only point of agreement, so engines sharing a store
 * never fork the chain nor reuse a sequence; losing the compare-and-set to another engine only
 * costs reading the head again and resealing, which is pure computation.
 *
 * <p>At most {@value #CAPACITY} events are queued and not yet stored; a caller queueing more
 * waits for room, so the background never falls behind without bound.
 *
 * <p><b>Crash windows.</b> An event queued but not yet stored is lost by a crash; a record its
 * change wrote then carries a stamp no event has, which {@link ChainVerifier} reports. The head
 * moves before the events are stored, so a crash between the two leaves the head past events
 * that never arrived: {@link ChainVerifier} reports the first of them as missing. An event stored
 * is always behind the head.
 */
final class ChainAppender {
  static final int CAPACITY = 4096;
  // Enough concurrent event writes for a batch to share a group commit; more only add switching.
  private static final int WRITERS = 12;
  private static final long IDLE_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(ChainAppender.class);

  private final ChainHead heads;
  private final EventRecords events;
  private final AuditWatchers watchers;
  private final Clock clock;
  private final Semaphore room = new Semaphore(CAPACITY);
  private final ReentrantLock queueLock = new ReentrantLock();
  // Under queueLock: the events not yet sealed, in ticket order; the last ticket given out;
  // whether a drain is running or scheduled; whether close() began.
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long lastTicket;
  private boolean draining;
  private volatile boolean closed;
  // Threads end when idle, so a trail nobody closes holds no thread.
  private final ExecutorService sealer = pool("palette-audit-sealer", 1);
  private final ExecutorService writers = pool("palette-audit-writer", WRITERS);
  // Only used by the sealing thread; it reuses its buffer and digest.
  private final ChainHash chainHash = new ChainHash();
  private final ThreadLocal<EventJson> json = ThreadLocal.withInitial(EventJson::new);
  // The head as this engine last moved it; null when it must be read from the store. Sealer only.
  private ChainHead.Head head;
  // The highest stamp or sequence this engine handed out or queued for, so that its stamps only grow.
  private final AtomicLong stamps = new AtomicLong();

  ChainAppender(ChainHead heads, EventRecords events, AuditWatchers watchers, Clock clock) {
    this.heads = heads;
    this.events = events;
    this.watchers = watchers;
    this.clock = clock;
  }

  /**
   * The stamp for a record about to be changed: one past every sequence this engine knows of,
   * stamped or queued. Without other appends between, it is the sequence the change's event gets;
   * the event names the stamp it goes with in any case.
   */
  long stamp() {
    requireOpen();
    long stored = heads.read().sequence();
    return stamps.updateAndGet(s -> Math.max(s, stored) + 1);
  }

  /**
   * Queues one event to be sealed and stored, waiting only when {@value #CAPACITY} events are
   * pending already.
   *
   * @param draft the event's fields but sequence, time and hashes; it rejected null fields already
   * @param fields the same values, to hash
   * @param labels the labels of its record
   * @param stamped whether a stamp was taken for it ({@link #stamp()})
   * @return completes with the stored event, or with the failure that lost it
   * @throws IllegalStateException when the trail is closed
   */
  CompletableFuture<AuditEvent> submit(AuditEvent.Builder draft, Fields fields,
      Map<String, String> labels, boolean stamped) {
    room.acquireUninterruptibly();
    boolean schedule;
    Pending pending;
    queueLock.lock();
    try {
      if (closed) {
        room.release();
        throw new IllegalStateException("the audit trail is closed");
      }
      if (!stamped) {
        // Counted before it can be sealed, so that a stamp taken next is not this event's sequence.
        stamps.incrementAndGet();
      }
      pending = new Pending(draft, fields, labels, ++lastTicket);
      queue.addLast(pending);
      schedule = !draining;
      draining = true;
    } finally {
      queueLock.unlock();
    }
    if (schedule) {
      sealer.execute(this::drain);
    }
    return pending.done;
  }

  /** Waits until every event queued before this call is stored or lost. */
  void flush() {
    long ticket;
    queueLock.lock();
    try {
      ticket = lastTicket;
    } finally {
      queueLock.unlock();
    }
    watchers.awaitThrough(ticket);
  }

  /** Refuses new events, waits until every queued one is stored or lost, and ends the threads. */
  void close() {
    queueLock.lock();
    try {
      closed = true;
    } finally {
      queueLock.unlock();
    }
    flush();
    sealer.shutdown();
    writers.shutdown();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the audit trail is closed");
    }
  }

  // The sealing thread: one batch after another until the queue is empty.
  private void drain() {
    while (true) {
      List<Pending> batch;
      queueLock.lock();
      try {
        if (queue.isEmpty()) {
          draining = false;
          return;
        }
        batch = new ArrayList<>(queue);
        queue.clear();
      } finally {
        queueLock.unlock();
      }
      List<AuditEvent> sealed;
      try {
        sealed = sealAndAdvance(batch);
      } catch (RuntimeException | Error e) {
        head = null;
        batch.forEach(p -> lose(p, "could not be sealed", e));
        continue;
      }
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        AuditEvent event = sealed.get(i);
        writers.execute(() -> store(p, event));
      }
    }
  }

  private List<AuditEvent> sealAndAdvance(List<Pending> batch) {
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
      return sealed;
    }
  }

  // A writer thread: stores one sealed event, then lets the watchers and the waiting caller know.
  private void store(Pending p, AuditEvent event) {
    try {
      events.create(event, json.get().encode(event), p.labels);
    } catch (RuntimeException | Error e) {
      lose(p, "(sequence " + event.sequence() + ") could not be stored", e);
      return;
    }
    AuditLine.log(event);
    watchers.stored(p.ticket, event);
    room.release();
    p.done.complete(event);
  }

  private void lose(Pending p, String what, Throwable cause) {
    Fields f = p.fields;
    // The record of a change is written already; verify() reports it, and this says why.
    LOG.error("the audit event of {} {} {} {} by {} {}; verify() reports it as missing: {}",
        f.action().label(), f.resourceKind(), f.project(), f.resourceName(), f.actor(), what,
        cause.toString());
    watchers.lost(p.ticket);
    room.release();
    p.done.completeExceptionally(cause);
  }

  private AuditEvent seal(Pending p, long sequence, String previous) {
    Fields f = p.fields;
    Instant time = clock.instant();
    String hash = chainHash.of(sequence, time, f.actor(), f.actorType(), f.action(), f.permission(),
        f.resourceKind(), f.resourceName(), f.project(), f.outcome(), f.message(), previous);
    return p.draft.sequence(sequence).time(time).previousHash(previous).hash(hash).build();
  }

  private static ExecutorService pool(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The hashed fields of an event that are not decided by the chain. */
  record Fields(String actor, String actorType, dev.palette.model.AuditAction action, String permission,
      String resourceKind, String resourceName, String project, dev.palette.model.AuditOutcome outcome,
      String message) {}

  /** A queued event: what to seal, its ticket, and the future its caller may wait on. */
  private static final class Pending {
    final AuditEvent.Builder draft;
    final Fields fields;
    final Map<String, String> labels;
    final long ticket;
    final CompletableFuture<AuditEvent> done = new CompletableFuture<>();

    Pending(AuditEvent.Builder draft, Fields fields, Map<String, String> labels, long ticket) {
      this.draft = draft;
      this.fields = fields;
      this.labels = labels;
      this.ticket = ticket;
    }
  }
}
