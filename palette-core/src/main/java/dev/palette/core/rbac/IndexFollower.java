package dev.palette.core.rbac;

import dev.palette.Subscription;
import dev.palette.core.record.RecordCodec;
import dev.palette.error.PaletteException;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link BindingIndex} current from the store: it lists the indexed kinds once, then
 * applies every change event, and hands out users' grants worked out against the current index.
 */
final class IndexFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);

  private final StateStore store;
  // Guards the index and the pending events; change events and grant computation both take it.
  private final Object lock = new Object();
  private final BindingIndex index;
  private final GrantCache grants;
  private final RevisionGate gate = new RevisionGate();
  // Events that arrive while the initial listing is loaded; replayed after it, in order.
  private List<StoreEvent> pending = new ArrayList<>();
  private final Subscription subscription;

  IndexFollower(StateStore store, RecordCodec codec, BuiltInRoles builtIn) {
    this.store = store;
    this.index = new BindingIndex(codec);
    this.grants = new GrantCache(lock, user -> RoleResolver.grantsOf(index, builtIn, user));
    // Subscribe before listing, so that no change falls between the listing and the first event.
    this.subscription = store.watch(store.revision(), this::onEvent);
    long listedAt = store.revision();
    List<StoredRecord> initial = new ArrayList<>();
    for (String kind : BindingIndex.KINDS) {
      initial.addAll(store.list(RecordQuery.all(kind)).records());
    }
    synchronized (lock) {
      for (StoredRecord r : initial) {
        apply(StoreEvent.Type.CREATED, r);
      }
      for (StoreEvent e : pending) {
        apply(e.type(), e.record());
      }
      pending = null;
      grants.invalidate();
      gate.reached(listedAt);
    }
  }

  /** The user's grants as the index stands now. */
  Grants grantsOf(String user) {
    return grants.grantsOf(user);
  }

  /** Waits (bounded) until the index holds every change the store had committed at the call. */
  void catchUp() {
    gate.await(store.revision());
  }

  /** Waits (bounded) until the index holds every change up to {@code revision}. */
  void awaitRevision(long revision) {
    gate.await(revision);
  }

  /** Stops following the store and releases whoever waits for the index. */
  @Override
  public void close() {
    subscription.close();
    gate.close();
  }

  private void onEvent(StoreEvent event) {
    synchronized (lock) {
      if (BindingIndex.KINDS.contains(event.record().kind())) {
        if (pending != null) {
          pending.add(event);
        } else if (apply(event.type(), event.record())) {
          grants.invalidate();
        }
      }
      // Advanced only after the change is in the index, so that catchUp() never returns early.
      gate.reached(event.record().revision());
    }
  }

  // Called with the lock held. Returns true when the index changed.
  private boolean apply(StoreEvent.Type type, StoredRecord record) {
    try {
      return index.apply(type, record);
    } catch (PaletteException e) {
      // An unreadable record grants nothing; the store's writer must not fail because of it.
      LOG.warn("ignoring {} for authorization: {}", record.describe(), e.getMessage());
      return true;
    }
  }
}
