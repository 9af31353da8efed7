package dev.palette.core.store;

import dev.palette.Subscription;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The default store: records in memory, gone when the JVM exits. Writes are serialized by one lock
 * so that revisions and events come out in one order.
 */
public final class MemoryStateStore implements StateStore {
  static final Comparator<StoredRecord> ORDER =
      Comparator.comparing(StoredRecord::project).thenComparing(StoredRecord::name);

  private final Object lock = new Object();
  private final Map<String, StoredRecord> byId = new HashMap<>();
  // Lists select one kind; indexing by kind keeps them from walking every record of the store.
  private final Map<String, Map<String, StoredRecord>> byKind = new HashMap<>();
  private final Map<String, String> idByName = new HashMap<>();
  private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
  private long revision;

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
      String id = idByName.get(nameKey(kind, project, name));
      return Optional.ofNullable(id == null ? null : byId.get(id));
    }
  }

  @Override
  public List<StoredRecord> list(RecordQuery query) {
    List<StoredRecord> out = new ArrayList<>();
    synchronized (lock) {
      for (StoredRecord r : byKind.getOrDefault(query.kind(), Map.of()).values()) {
        if (query.matches(r)) {
          out.add(r);
        }
      }
    }
    out.sort(ORDER);
    return out;
  }

  @Override
  public StoredRecord create(StoredRecord record) {
    StoredRecord stored;
    synchronized (lock) {
      checkCreate(record);
      stored = record.withRevision(++revision);
      byId.put(stored.id(), stored);
      byKind.computeIfAbsent(stored.kind(), k -> new HashMap<>()).put(stored.id(), stored);
      idByName.put(nameKey(stored), stored.id());
      publish(new StoreEvent(StoreEvent.Type.CREATED, stored));
    }
    return stored;
  }

  @Override
  public StoredRecord update(StoredRecord record, long expectedRevision) {
    StoredRecord stored;
    synchronized (lock) {
      checkWrite(record.kind(), record.id(), expectedRevision);
      StoredRecord current = byId.get(record.id());
      if (!nameKey(current).equals(nameKey(record))) {
        throw new ConflictException(
            current.describe() + " cannot be renamed or moved to another scope");
      }
      stored = record.withRevision(++revision);
      byId.put(stored.id(), stored);
      byKind.get(stored.kind()).put(stored.id(), stored);
      publish(new StoreEvent(StoreEvent.Type.UPDATED, stored));
    }
    return stored;
  }

  @Override
  public void delete(String kind, String id, long expectedRevision) {
    synchronized (lock) {
      checkWrite(kind, id, expectedRevision);
      StoredRecord removed = byId.remove(id);
      byKind.get(kind).remove(id);
      idByName.remove(nameKey(removed));
      publish(new StoreEvent(StoreEvent.Type.DELETED, removed.withRevision(++revision)));
    }
  }

  @Override
  public Subscription watch(Consumer<StoreEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public long revision() {
    synchronized (lock) {
      return revision;
    }
  }

  @Override
  public void close() {
    listeners.clear();
  }

  private void checkCreate(StoredRecord record) {
    if (byId.containsKey(record.id())) {
      throw new ConflictException(record.describe() + ": id " + record.id() + " is taken");
    }
    if (idByName.containsKey(nameKey(record))) {
      throw new ConflictException(record.describe() + " already exists; pick another name");
    }
  }

  private void checkWrite(String kind, String id, long expectedRevision) {
    StoredRecord current = byId.get(id);
    if (current == null || !current.kind().equals(kind)) {
      throw new NotFoundException(kind + " with id " + id + " does not exist");
    }
    if (current.revision() != expectedRevision) {
      throw new ConflictException(
          current.describe() + " changed: expected revision " + expectedRevision
              + " but it is at " + current.revision() + "; read it again and retry");
    }
  }

  // Listeners run under the write lock so that every watcher sees changes in revision order.
  private void publish(StoreEvent event) {
    for (Consumer<StoreEvent> l : listeners) {
      l.accept(event);
    }
  }

  static String nameKey(StoredRecord r) {
    return nameKey(r.kind(), r.project(), r.name());
  }

  static String nameKey(String kind, String project, String name) {
    return kind + '\u0000' + project + '\u0000' + name;
  }
}
