package dev.palette.core.controller;

import dev.palette.core.record.RecordCodec;
import dev.palette.model.Metadata;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns store events into work: a primary is queued when it is created, deleted, its generation
 * moves or its deletion is requested (not for a status or finalizer write); a secondary's change
 * queues the primaries its watches' mappers name.
 */
final class EventRouter {
  private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

  private final ControllerRuntime runtime;
  private final RecordCodec codec;
  private final List<Reconciler> reconcilers;
  // What each primary last looked like: its generation and deletion flag, by kind and id.
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  EventRouter(ControllerRuntime runtime, RecordCodec codec, List<Reconciler> reconcilers) {
    this.runtime = runtime;
    this.codec = codec;
    this.reconcilers = List.copyOf(reconcilers);
  }

  /** Notes how a primary looked when it was listed, so that its next status write wakes nobody. */
  void listed(StoredRecord record) {
    seen.putIfAbsent(key(record), signature(codec.metadata(record)));
  }

  /** Handles one store event; called on the store's thread, so it only queues work. */
  void onEvent(StoreEvent event) {
    StoredRecord r = event.record();
    if (isPrimary(r.kind()) && primaryChanged(event)) {
      runtime.enqueue(r.kind(), r.id());
    }
    for (Reconciler reconciler : reconcilers) {
      for (SecondaryWatch watch : reconciler.watches()) {
        if (watch.kind().equals(r.kind())) {
          runtime.submit(() -> map(reconciler, watch, r));
        }
      }
    }
  }

  private boolean primaryChanged(StoreEvent event) {
    StoredRecord r = event.record();
    if (event.type() == StoreEvent.Type.DELETED) {
      seen.remove(key(r));
      return true;
    }
    String signature = signature(codec.metadata(r));
    return !signature.equals(seen.put(key(r), signature));
  }

  private void map(Reconciler reconciler, SecondaryWatch watch, StoredRecord secondary) {
    try {
      watch.mapper().primaryIds(secondary).forEach(id -> runtime.enqueue(reconciler, id));
    } catch (RuntimeException e) {
      LOG.warn("mapping {} to the {} records it affects failed; the next resync looks at them",
          secondary, reconciler.kind(), e);
    }
  }

  private boolean isPrimary(String kind) {
    for (Reconciler r : reconcilers) {
      if (r.kind().equals(kind)) {
        return true;
      }
    }
    return false;
  }

  private static String key(StoredRecord r) {
    return r.kind() + "/" + r.id();
  }

  private static String signature(Metadata m) {
    return m.generation() + (m.deletionRequested() ? "-deleting" : "");
  }
}
