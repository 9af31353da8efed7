package dev.palette.core.store;

import dev.palette.Subscription;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.spi.Listing;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoreListener;
import dev.palette.spi.StoredRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default store: records in memory, gone when the JVM exits. Writes are serialized by one lock
 * so that revisions and events come out in one order. It keeps the most recent events (by default
 * {@value #DEFAULT_HISTORY}) so that a watch can start at an earlier revision; one that starts
 * before them is told to start over.
 */
public final class MemoryStateStore implements StateStore {
  /** How many recent events a store made with {@link #MemoryStateStore()} keeps for replay. */
  public static final int DEFAULT_HISTORY = 10_000;

  private static final Comparator<StoredRecord> ORDER =
      Comparator.comparing(StoredRecord::project).thenComparing(StoredRecord::name);

  private final Object lock = new Object();
  private final Map<String, StoredRecord> byId = new HashMap<>();
  // Lists select one kind; indexing by kind keeps them from walking every record of the store.
  private final Map<String, Map<String, StoredRecord>> byKind = new HashMap<>();
  private final Map<String, String> idByName = new HashMap<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final int historyLimit;
  private final Deque<StoreEvent> history = new ArrayDeque<>();
  // The revision of the newest event dropped from the history: replay starts no earlier.
  private long forgotten;
  // Events committed but not yet handed to every watcher; drained by the outermost publisher, so a
  // listener that writes does not get its own change ahead of the one it is being told about.
  private final Deque<StoreEvent> outbox = new ArrayDeque<>();
  private boolean delivering;
  private long revision;

  /** A store that keeps the last {@value #DEFAULT_HISTORY} events for replay. */
  public MemoryStateStore() {
    this(DEFAULT_HISTORY);
  }

  /**
   * A store that keeps the last {@code history} events for replay.
   *
   * @throws IllegalArgumentException when {@code history} is negative
   */
  public MemoryStateStore(int history) {
    if (history < 0) {
      throw new IllegalArgumentException("history must be at least 0 but is " + history);
    }
    this.historyLimit = history;
  }

  @Override
  public Optional<StoredRecord> get(String kind, String id) {
    synchronized (lock) {
      StoredRecord r = byId.get(id);
      return r != null && r.kind().equals(kind) ? Optional.of(r) : Optional.empty();
    }
  }

  @Override
  public Optional<StoredRecord> getByName(String kind, String project, String name) {
    synchronized (lock) {
      String id = idByName.get(StoreKeys.nameKey(kind, project, name));
      return Optional.ofNullable(id == null ? null : byId.get(id));
    }
  }

  @Override
  public Listing list(RecordQuery query) {
    List<StoredRecord> out = new ArrayList<>();
    long at;
    synchronized (lock) {
      for (StoredRecord r : byKind.getOrDefault(query.kind(), Map.of()).values()) {
        if (query.matches(r)) {
          out.add(r);
        }
      }
      at = revision;
    }
    out.sort(ORDER);
    return new Listing(out, at);
  }

  @Override
  public StoredRecord create(StoredRecord record) {
    synchronized (lock) {
      checkCreate(record);
      StoredRecord stored = record.withRevision(++revision);
      byId.put(stored.id(), stored);
      byKind.computeIfAbsent(stored.kind(), k -> new HashMap<>()).put(stored.id(), stored);
      idByName.put(StoreKeys.nameKey(stored), stored.id());
      publish(new StoreEvent(StoreEvent.Type.CREATED, stored));
      return stored;
    }
  }

  @Override
  public StoredRecord update(StoredRecord record, long expectedRevision) {
    synchronized (lock) {
      StoredRecord current = checkWrite(record.kind(), record.id(), expectedRevision);
      if (!StoreKeys.nameKey(current).equals(StoreKeys.nameKey(record))) {
        throw new ConflictException(
            current.describe() + " cannot be renamed or moved to another scope");
      }
      return replace(record.withStatus(current.status()).withRevision(++revision));
    }
  }

  @Override
  public StoredRecord updateStatus(StoredRecord record, long expectedRevision) {
    synchronized (lock) {
      StoredRecord current = checkWrite(record.kind(), record.id(), expectedRevision);
      return replace(current.withStatus(record.status()).withRevision(++revision));
    }
  }

  private StoredRecord replace(StoredRecord stored) {
    byId.put(stored.id(), stored);
    byKind.get(stored.kind()).put(stored.id(), stored);
    publish(new StoreEvent(StoreEvent.Type.UPDATED, stored));
    return stored;
  }

  @Override
  public void delete(String kind, String id, long expectedRevision) {
    synchronized (lock) {
      checkWrite(kind, id, expectedRevision);
      StoredRecord removed = byId.remove(id);
      byKind.get(kind).remove(id);
      idByName.remove(StoreKeys.nameKey(removed));
      publish(new StoreEvent(StoreEvent.Type.DELETED, removed.withRevision(++revision)));
    }
  }

  @Override
  public Subscription watch(long fromRevision, StoreListener listener) {
    synchronized (lock) {
      if (fromRevision < forgotten) {
        Listeners.startOver(listener, revision, this);
        return () -> { };
      }
      Watcher w = new Watcher(listener, Math.max(fromRevision, revision));
      for (StoreEvent e : history) {
        if (e.record().revision() > fromRevision) {
          Listeners.deliver(listener, e, this);
        }
      }
      watchers.add(w);
      return () -> {
        w.active = false;
        watchers.remove(w);
      };
    }
  }

  @Override
  public long revision() {
    synchronized (lock) {
      return revision;
    }
  }

  @Override
  public void close() {
    watchers.clear();
  }

  @Override
  public String toString() {
    return "MemoryStateStore[revision=" + revision() + "]";
  }

  private void checkCreate(StoredRecord record) {
    if (byId.containsKey(record.id())) {
      throw new ConflictException(record.describe() + ": id " + record.id() + " is taken");
    }
    if (idByName.containsKey(StoreKeys.nameKey(record))) {
      throw new ConflictException(record.describe() + " already exists; pick another name");
    }
  }

  private StoredRecord checkWrite(String kind, String id, long expectedRevision) {
    StoredRecord current = byId.get(id);
    if (current == null || !current.kind().equals(kind)) {
      throw new NotFoundException(kind + " with id " + id + " does not exist");
    }
    if (current.revision() != expectedRevision) {
      throw new ConflictException(
          current.describe() + " changed: expected revision " + expectedRevision
              + " but it is at " + current.revision() + "; read it again and retry");
    }
    return current;
  }

  // Listeners run under the write lock so that every watcher sees changes in revision order.
  private void publish(StoreEvent event) {
    if (historyLimit > 0) {
      if (history.size() == historyLimit) {
        forgotten = history.removeFirst().record().revision();
      }
      history.addLast(event);
    } else {
      forgotten = event.record().revision();
    }
    outbox.addLast(event);
    if (delivering) {
      return;
    }
    delivering = true;
    try {
      StoreEvent next;
      while ((next = outbox.pollFirst()) != null) {
        for (Watcher w : watchers) {
          if (w.active && next.record().revision() > w.after) {
            Listeners.deliver(w.listener, next, this);
          }
        }
      }
    } finally {
      delivering = false;
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
}
