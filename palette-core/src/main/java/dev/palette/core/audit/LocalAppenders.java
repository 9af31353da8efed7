package dev.palette.core.audit;

import dev.palette.spi.StateStore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The appenders of this JVM by the store they append to, so that a read of one trail also waits
 * for the events queued by the other trails of this JVM on the same store object: two engines
 * sharing a store in one JVM each see the other's changes audited. Engines in other JVMs share
 * only the chain's head; a read there sees their events once they are stored.
 *
 * <p>Held weakly, so that a trail nobody closes is not kept alive.
 */
final class LocalAppenders {
  private static final Map<StateStore, Set<ChainAppender>> BY_STORE = new WeakHashMap<>();

  private LocalAppenders() {}

  static synchronized void add(StateStore store, ChainAppender appender) {
    BY_STORE.computeIfAbsent(store, s -> Collections.newSetFromMap(new WeakHashMap<>())).add(appender);
  }

  static synchronized void remove(StateStore store, ChainAppender appender) {
    Set<ChainAppender> appenders = BY_STORE.get(store);
    if (appenders != null) {
      appenders.remove(appender);
    }
  }

  /** Waits until every event queued on the store by this JVM's trails before the call is handled. */
  static void flush(StateStore store) {
    List<ChainAppender> appenders;
    synchronized (LocalAppenders.class) {
      Set<ChainAppender> on = BY_STORE.get(store);
      appenders = on == null ? List.of() : List.copyOf(on);
    }
    appenders.forEach(ChainAppender::flush);
  }
}
