package dev.palette.core.rbac;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each user's grants, worked out on first use against one version of the index and kept until
 * the index changes, so that a decision is two hash lookups.
 */
final class GrantCache {
  private final Object lock;
  private final Function<String, Grants> compute;
  // Replaced, never cleared, on a change: a computation racing the change fills the old map only.
  private volatile ConcurrentHashMap<String, Grants> current = new ConcurrentHashMap<>();

  /**
   * @param lock the index's lock, held while a user's grants are worked out
   * @param compute works out a user's grants from the index
   */
  GrantCache(Object lock, Function<String, Grants> compute) {
    this.lock = lock;
    this.compute = compute;
  }

  /** The user's grants, worked out now when no cached ones are current. */
  Grants grantsOf(String user) {
    Grants g = current.get(user);
    if (g != null) {
      return g;
    }
    synchronized (lock) {
      ConcurrentHashMap<String, Grants> now = current;
      g = now.get(user);
      if (g == null) {
        g = compute.apply(user);
        // Names that are not users are not cached, so that arbitrary callers cannot grow the cache.
        if (g != Grants.NONE) {
          now.put(user, g);
        }
      }
      return g;
    }
  }

  /** Drops every cached grant; called with the index's lock held, after a change. */
  void invalidate() {
    current = new ConcurrentHashMap<>();
  }
}
