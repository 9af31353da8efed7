package dev.palette.core.store;

import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls store listeners so that one that throws harms nobody: its failure is logged once, at WARN
 * with the stack trace, and it keeps receiving later events. Internal to palette-core; public only
 * so that the directory store's package can share it.
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private Listeners() {}

  /** Hands one event to a listener, logging what it throws instead of passing it on. */
  public static void deliver(StoreListener listener, StoreEvent event, Object store) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // The record's body is never logged: it may hold secrets; its toString() shows none.
      LOG.warn("a listener of {} failed on {} {} at revision {}; it keeps receiving events", store,
          event.type(), event.record(), event.record().revision(), e);
    }
  }

  /** Tells a listener that its watch ended because the store cannot replay from its revision. */
  public static void startOver(StoreListener listener, long revision, Object store) {
    try {
      listener.onStartOver(revision);
    } catch (RuntimeException e) {
      LOG.warn("a listener of {} failed on being told to start over at revision {}", store,
          revision, e);
    }
  }
}
