package dev.palette.core.store.directory;

import dev.palette.core.store.StoreKeys;
import dev.palette.core.store.directory.EntryCodec.Entry;
import dev.palette.core.store.directory.EntryCodec.Op;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.PaletteException;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writers queue their write and wait; one committer thread takes every write queued
 * meanwhile, checks each against the records (and the batch's earlier writes), appends the batch to
 * the log in one write and one flush, and only then applies it, publishes its events and answers
 * the writers. So concurrent writers share one fsync, and a write is acknowledged only once on disk.
 */
final class Committer {
  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
  private static final int MAX_BATCH = 4096;
  private static final Object POISON = new Object();

  private final Object store;
  private final EntryDecoder codec;
  private final Index index;
  private final WriteLog log;
  private final Compactor compactor;
  private final Dispatcher dispatcher;
  // Orders "apply a batch and queue its events" against "register a watcher at a revision".
  private final Object publishLock;
  private final BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
  private final Thread thread;

  // Owned by the committer thread: uncommitted changes of the batch being written (null = deleted).
  private final Map<String, StoredRecord> pendingById = new HashMap<>();
  private final Map<String, String> pendingIdByName = new HashMap<>();
  private long headRevision;
  private volatile PaletteException failure;

  Committer(Object store, EntryDecoder codec, Index index, WriteLog log, Compactor compactor,
      Dispatcher dispatcher, Object publishLock, String name) {
    this.store = store;
    this.codec = codec;
    this.index = index;
    this.log = log;
    this.compactor = compactor;
    this.dispatcher = dispatcher;
    this.publishLock = publishLock;
    this.headRevision = index.revision();
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The failure that stopped the log taking writes, or {@code null}. */
  PaletteException failure() {
    return failure;
  }

  /** Queues a write; the caller guarantees no write is queued after {@link #stop}. */
  CompletableFuture<StoredRecord> submit(Write w) {
    requests.add(w);
    return w.result;
  }

  /** Commits what is queued, then ends the thread. */
  void stop() {
    requests.add(POISON);
    Threads.joinQuietly(thread);
  }

  private void loop() {
    List<Object> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(requests.take());
      } catch (InterruptedException e) {
        continue; // Only stop() ends this thread, through the poison request.
      }
      requests.drainTo(batch, MAX_BATCH - 1);
      List<Write> writes = new ArrayList<>(batch.size());
      for (Object o : batch) {
        if (o == POISON) {
          stop = true;
        } else {
          writes.add((Write) o);
        }
      }
      batch.clear();
      try {
        commit(writes);
      } catch (RuntimeException | Error e) {
        // A bug must not leave writers waiting forever.
        for (Write w : writes) {
          w.result.completeExceptionally(e);
        }
        LOG.error("the committer of {} failed", store, e);
      }
    }
  }

  private void commit(List<Write> writes) {
    List<Write> accepted = new ArrayList<>(writes.size());
    PaletteException broken = failure;
    log.begin();
    for (Write w : writes) {
      if (broken != null) {
        w.error = new PaletteException(broken.getMessage(), broken);
        continue;
      }
      try {
        validate(w);
        log.add(codec.encode(w.kind.op, w.stored));
        accepted.add(w);
      } catch (RuntimeException e) {
        w.error = e;
      }
    }
    if (!accepted.isEmpty()) {
      try {
        log.commit(accepted.size());
      } catch (IOException e) {
        // Part of the batch may be on disk; stop writing so the log ends at most in a torn entry.
        failure = new PaletteException(store + " could not write its log: " + e
            + "; no write is accepted any more; close the store and open it again", e);
        for (Write w : accepted) {
          w.error = new PaletteException(failure.getMessage(), e);
        }
        accepted.clear();
        headRevision = index.revision();
      }
      pendingById.clear();
      pendingIdByName.clear();
      publish(accepted);
    }
    for (Write w : writes) {
      if (w.error != null) {
        w.result.completeExceptionally(w.error);
      } else {
        w.result.complete(w.stored);
      }
    }
    if (failure == null) {
      compactor.afterBatch(log, index);
    }
  }

  private void validate(Write w) {
    StoredRecord current = head(w.id);
    if (w.kind == Write.Kind.CREATE) {
      StoredRecord r = w.record;
      if (current != null) {
        throw new ConflictException(r.describe() + ": id " + r.id() + " is taken");
      }
      if (headIdByName(StoreKeys.nameKey(r)) != null) {
        throw new ConflictException(r.describe() + " already exists; pick another name");
      }
      w.stored = r.withRevision(++headRevision);
      pendingById.put(r.id(), w.stored);
      pendingIdByName.put(StoreKeys.nameKey(r), r.id());
      return;
    }
    if (current == null || !current.kind().equals(w.recordKind)) {
      throw new NotFoundException(w.recordKind + " with id " + w.id + " does not exist");
    }
    if (current.revision() != w.expected) {
      throw new ConflictException(current.describe() + " changed: expected revision " + w.expected
          + " but it is at " + current.revision() + "; read it again and retry");
    }
    switch (w.kind) {
      case UPDATE -> {
        if (!StoreKeys.nameKey(current).equals(StoreKeys.nameKey(w.record))) {
          throw new ConflictException(
              current.describe() + " cannot be renamed or moved to another scope");
        }
        w.stored = w.record.withStatus(current.status()).withRevision(++headRevision);
        pendingById.put(w.id, w.stored);
      }
      case STATUS -> {
        w.stored = current.withStatus(w.record.status()).withRevision(++headRevision);
        pendingById.put(w.id, w.stored);
      }
      default -> {
        w.stored = current.withRevision(++headRevision);
        pendingById.put(w.id, null);
        pendingIdByName.put(StoreKeys.nameKey(current), null);
      }
    }
  }

  private StoredRecord head(String id) {
    return pendingById.containsKey(id) ? pendingById.get(id) : index.get(id);
  }

  private String headIdByName(String key) {
    return pendingIdByName.containsKey(key) ? pendingIdByName.get(key) : index.idByName(key);
  }

  private void publish(List<Write> accepted) {
    if (accepted.isEmpty()) {
      return;
    }
    List<Entry> entries = new ArrayList<>(accepted.size());
    List<StoreEvent> events = new ArrayList<>(accepted.size());
    for (Write w : accepted) {
      entries.add(new Entry(w.kind.op, w.stored));
      events.add(new StoreEvent(LogReplay.type(w.kind.op), w.stored));
    }
    synchronized (publishLock) {
      index.apply(entries, headRevision);
      dispatcher.publish(events);
    }
  }

  /** One write waiting for the committer. */
  static final class Write {
    /** What a write does, and the log operation it is recorded as. */
    enum Kind {
      CREATE(Op.CREATE),
      UPDATE(Op.UPDATE),
      STATUS(Op.UPDATE),
      DELETE(Op.DELETE);

      final Op op;

      Kind(Op op) {
        this.op = op;
      }
    }

    final Kind kind;
    final StoredRecord record;
    final String recordKind;
    final String id;
    final long expected;
    final CompletableFuture<StoredRecord> result = new CompletableFuture<>();
    StoredRecord stored;
    RuntimeException error;

    Write(Kind kind, StoredRecord record, String recordKind, String id, long expected) {
      this.kind = kind;
      this.record = record;
      this.recordKind = recordKind;
      this.id = id;
      this.expected = expected;
    }
  }
}
