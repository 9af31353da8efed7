package dev.palette.core.store.directory;

import dev.palette.core.store.StoreKeys;
import dev.palette.core.store.directory.EntryCodec.Entry;
import dev.palette.core.store.directory.EntryCodec.Op;
import dev.palette.spi.Listing;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * The committed records in memory, by id, by name and per kind in list order, with the revision
 * they are as of. Written only by the committer, a batch at a time; read by any thread. A listing
 * is consistent with its revision: a batch is applied under a lock that lists validate against.
 */
final class Index {
  private final Map<String, StoredRecord> byId;
  private final Map<String, String> idByName;
  // Per kind, records sorted by project then name (key: project NUL name).
  private final Map<String, NavigableMap<String, StoredRecord>> byKind;
  private final StampedLock lock = new StampedLock();
  private volatile long revision;

  /** The index of what recovery found. */
  Index(Loaded loaded, long revision) {
    // Built in bulk from the recovered maps: far cheaper than inserting record by record.
    this.byId = new ConcurrentHashMap<>(loaded.byId);
    this.idByName = new ConcurrentHashMap<>(loaded.idByName);
    this.byKind = new ConcurrentHashMap<>();
    for (Map.Entry<String, NavigableMap<String, StoredRecord>> e : loaded.byKind.entrySet()) {
      byKind.put(e.getKey(), new ConcurrentSkipListMap<>(e.getValue()));
    }
    this.revision = revision;
  }

  StoredRecord get(String id) {
    return byId.get(id);
  }

  String idByName(String nameKey) {
    return idByName.get(nameKey);
  }

  long revision() {
    return revision;
  }

  int size() {
    return byId.size();
  }

  /** Every record; consistent only on the committer thread, which alone writes. */
  List<StoredRecord> records() {
    return new ArrayList<>(byId.values());
  }

  Listing list(RecordQuery query) {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      long at = revision;
      List<StoredRecord> out = select(query);
      if (lock.validate(stamp)) {
        return new Listing(out, at);
      }
    }
    stamp = lock.readLock();
    try {
      return new Listing(select(query), revision);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private List<StoredRecord> select(RecordQuery query) {
    NavigableMap<String, StoredRecord> ofKind = byKind.get(query.kind());
    if (ofKind == null) {
      return List.of();
    }
    NavigableMap<String, StoredRecord> range = query.project() == null
        ? ofKind
        : ofKind.subMap(query.project() + '\u0000', true, query.project() + '\u0001', false);
    List<StoredRecord> out = new ArrayList<>();
    for (StoredRecord r : range.values()) {
      if (query.matches(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Applies a committed batch and moves the revision to {@code newRevision}. */
  void apply(List<Entry> batch, long newRevision) {
    long stamp = lock.writeLock();
    try {
      for (Entry e : batch) {
        apply(e.op(), e.record(), byId, idByName, byKind, ConcurrentSkipListMap::new);
      }
      revision = newRevision;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  private static void apply(Op op, StoredRecord r, Map<String, StoredRecord> byId,
      Map<String, String> idByName, Map<String, NavigableMap<String, StoredRecord>> byKind,
      Supplier<NavigableMap<String, StoredRecord>> newKind) {
    String key = StoreKeys.nameKey(r);
    String sortKey = StoreKeys.sortKey(r);
    if (op == Op.DELETE) {
      byId.remove(r.id());
      idByName.remove(key);
      NavigableMap<String, StoredRecord> ofKind = byKind.get(r.kind());
      if (ofKind != null) {
        ofKind.remove(sortKey);
      }
    } else {
      StoredRecord old = byId.put(r.id(), r);
      if (old != null && !StoreKeys.nameKey(old).equals(key)) {
        // Only replay of a hand-edited log gets here; the live path refuses renames.
        idByName.remove(StoreKeys.nameKey(old));
        byKind.get(old.kind()).remove(StoreKeys.sortKey(old));
      }
      idByName.put(key, r.id());
      byKind.computeIfAbsent(r.kind(), k -> newKind.get()).put(sortKey, r);
    }
  }

  /** The records found on open, in maps that need no locking while one thread fills them. */
  static final class Loaded {
    final Map<String, StoredRecord> byId = new HashMap<>();
    final Map<String, String> idByName = new HashMap<>();
    final Map<String, NavigableMap<String, StoredRecord>> byKind = new HashMap<>();

    boolean contains(String id) {
      return byId.containsKey(id);
    }

    void apply(Op op, StoredRecord r) {
      Index.apply(op, r, byId, idByName, byKind, TreeMap::new);
    }
  }
}
