package dev.palette.core.rbac;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the index has followed the store, and a bounded wait for it to reach a revision: stores
 * may deliver a change's event after the write returned, and a decision must not miss the change.
 */
final class RevisionGate {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionGate.class);
  private static final Duration LIMIT = Duration.ofSeconds(2);

  // Written under this; volatile so that a wait for an applied revision takes no lock.
  private volatile long seen;
  private volatile boolean closed;

  /** Records that every change up to {@code revision} is in the index; call it after applying them. */
  synchronized void reached(long revision) {
    if (revision > seen) {
      seen = revision;
      notifyAll();
    }
  }

  /**
   * Returns once the index reached {@code target}, or after a bounded wait (then it logs that it
   * decides with what it has); at once for a revision reached already, or after {@link #close()}.
   */
  void await(long target) {
    if (seen >= target || closed) {
      return;
    }
    synchronized (this) {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      try {
        while (seen < target && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            LOG.warn("the authorization index is at revision {} of {} after {}; deciding with it",
                seen, target, LIMIT);
            break;
          }
          wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Nothing advances the index any more: wakes and releases whoever waits for it. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
